package io.github.ssosync.plan;

import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.TargetCapabilities;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A directory user's target values: each mapped attribute's template rendered (else its default),
 * checked against what the target requires and accepts.
 */
final class UserValues {

  /**
   * The optional values of one user.
   *
   * @param attributes the user's attributes with the optional values the target will hold
   * @param leftAlone owned attributes not to touch on this user this run (a refused value)
   * @param managerEmail the manager's email the mapping gave, to resolve once users are selected
   */
  record Optional(
      UserAttributes attributes, Set<UserAttribute> leftAlone, @Nullable String managerEmail) {}

  private final AttributeMapping mapping;
  private final TargetCapabilities caps;
  private final AttributeLimits limits;

  UserValues(AttributeMapping mapping, TargetCapabilities caps) {
    this.mapping = mapping;
    this.caps = caps;
    this.limits = caps.limits();
  }

  /** A mapped attribute's value: its template, else its default, else empty. */
  String value(UserAttribute attribute, DirectoryUser u) {
    AttributeMapping.Entry entry = mapping.entry(attribute);
    if (entry == null) {
      return "";
    }
    String v = entry.template().render(u);
    return v.isEmpty() && entry.defaultValue() != null ? entry.defaultValue().strip() : v;
  }

  /**
   * Adds the optional attributes the mapping owns and the target can write. A value the target
   * would refuse is dropped with a warning and the attribute left alone on this user; an empty
   * value unsets the attribute.
   */
  Optional optional(DirectoryUser u, UserAttributes required, Set<PlanWarning> warnings) {
    Map<UserAttribute, String> values = new EnumMap<>(UserAttribute.class);
    Set<UserAttribute> leftAlone = EnumSet.noneOf(UserAttribute.class);
    String managerEmail = null;
    for (UserAttribute a : mapping.optional()) {
      if (!caps.canWrite(a)) {
        continue; // warned about once per run by the planner
      }
      String v = value(a, u);
      if (v.isEmpty()) {
        continue;
      }
      if (a == UserAttribute.MANAGER) {
        managerEmail = v;
        continue;
      }
      String refused = limits.problem(a, v);
      if (refused != null) {
        leftAlone.add(a);
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.INVALID_ATTRIBUTE,
                required.userName(),
                a.key() + " not synced: " + refused));
        continue;
      }
      values.put(a, v);
    }
    UserAttributes attributes =
        new UserAttributes(
            required.userName(),
            required.givenName(),
            required.familyName(),
            required.displayName(),
            required.email(),
            required.active(),
            required.externalId(),
            values,
            null);
    return new Optional(attributes, leftAlone, managerEmail);
  }

  /** The first required value of a user the target would refuse, or null. */
  @Nullable String refused(UserAttributes a) {
    for (UserAttribute attribute : UserAttribute.values()) {
      if (attribute.required()) {
        String problem = limits.problem(attribute, a.value(attribute));
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  /** Why IAM Identity Center could not hold the user (a required value is empty), or null. */
  static @Nullable String missing(
      String email,
      String userName,
      String givenName,
      String familyName,
      String displayName,
      String mail) {
    int at = email.indexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return "no usable primary email";
    }
    if (userName.isEmpty()) {
      return "its user name (from the attribute mapping) is empty";
    }
    if (givenName.isEmpty()) {
      return "no given name";
    }
    if (familyName.isEmpty()) {
      return "no family name";
    }
    if (displayName.isEmpty()) {
      return "its display name (from the attribute mapping) is empty";
    }
    if (mail.isEmpty()) {
      return "its email (from the attribute mapping) is empty";
    }
    return null;
  }
}
