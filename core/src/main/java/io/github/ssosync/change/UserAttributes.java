package io.github.ssosync.change;

import io.github.ssosync.mapping.UserAttribute;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of a target user, complete (a target that writes whole resources needs all of
 * it).
 *
 * @param userName the unique login name (the primary email by default)
 * @param givenName given name, required by IAM Identity Center
 * @param familyName family name, required by IAM Identity Center
 * @param displayName display name
 * @param email the single email, marked primary
 * @param active whether the user may sign in
 * @param externalId the anchor: the directory's stable id, stored where the target can store it
 * @param optional the values of the optional attributes the mapping owns and the directory gives
 *     (an owned attribute without a value here is to be unset); never {@link UserAttribute#MANAGER}
 *     nor a required attribute
 * @param manager the user's manager, a user of the same target (pending when the plan creates it);
 *     absent when none is mapped or known
 */
public record UserAttributes(
    String userName,
    String givenName,
    String familyName,
    String displayName,
    String email,
    boolean active,
    @Nullable String externalId,
    Map<UserAttribute, String> optional,
    @Nullable ObjectRef manager) {

  /** Validates and copies. */
  public UserAttributes {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(email, "email");
    EnumMap<UserAttribute, String> copy = new EnumMap<>(UserAttribute.class);
    optional.forEach(
        (a, v) -> {
          if (a.required() || a == UserAttribute.MANAGER) {
            throw new IllegalArgumentException(
                a.key() + " is not an optional attribute with a plain value");
          }
          copy.put(a, Objects.requireNonNull(v, a.key()));
        });
    optional = Collections.unmodifiableMap(copy);
  }

  /**
   * The required attributes only.
   *
   * @param userName the unique login name
   * @param givenName given name
   * @param familyName family name
   * @param displayName display name
   * @param email the single email
   * @param active whether the user may sign in
   * @param externalId the anchor
   */
  public UserAttributes(
      String userName,
      String givenName,
      String familyName,
      String displayName,
      String email,
      boolean active,
      @Nullable String externalId) {
    this(userName, givenName, familyName, displayName, email, active, externalId, Map.of(), null);
  }

  /**
   * @param attribute any user attribute but the manager
   * @return its value here, or null when unset
   */
  public @Nullable String value(UserAttribute attribute) {
    return switch (attribute) {
      case USER_NAME -> userName;
      case GIVEN_NAME -> givenName;
      case FAMILY_NAME -> familyName;
      case DISPLAY_NAME -> displayName;
      case EMAIL -> email;
      case MANAGER -> throw new IllegalArgumentException("the manager is a reference: manager()");
      default -> optional.get(attribute);
    };
  }

  /**
   * @param externalId the anchor to store, or null for none
   * @return a copy with another anchor
   */
  public UserAttributes withExternalId(@Nullable String externalId) {
    return new UserAttributes(
        userName, givenName, familyName, displayName, email, active, externalId, optional, manager);
  }

  /**
   * @param manager the manager reference, or null for none
   * @return a copy with another manager
   */
  public UserAttributes withManager(@Nullable ObjectRef manager) {
    return new UserAttributes(
        userName, givenName, familyName, displayName, email, active, externalId, optional, manager);
  }
}
