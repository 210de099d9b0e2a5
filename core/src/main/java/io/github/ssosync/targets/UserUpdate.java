package io.github.ssosync.targets;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.mapping.UserAttribute;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How an update's attribute changes land on a target user, written once: for a target that keeps
 * its users in memory, and for the engine, which folds the changes a target applied into the view
 * it keeps for the next run. A target's own checks (which attributes it can write, whether it can
 * disable users, whether a manager exists) come first, at the target.
 */
public final class UserUpdate {
  private UserUpdate() {}

  /**
   * @param user the user as it is
   * @param changes the update's changes, by attribute path ({@code userName}, {@code emails},
   *     {@code externalId}, an optional attribute's key...)
   * @param managerId the target id of the manager the update names, or null when it names none
   * @param anchors the external ids a target stores for an anchor value (empty for null)
   * @param updatedAt when the update happened
   * @return the user after the update
   * @throws IllegalArgumentException if a required attribute is made empty or an attribute is
   *     unknown
   */
  public static TargetUser apply(
      TargetUser user,
      List<AttributeChange> changes,
      @Nullable String managerId,
      Function<@Nullable String, List<ExternalId>> anchors,
      Instant updatedAt) {
    String userName = user.userName();
    String displayName = user.displayName();
    String given = user.givenName();
    String family = user.familyName();
    String email = user.email();
    boolean active = user.active();
    List<ExternalId> externalIds = user.externalIds();
    Map<UserAttribute, String> optional = new EnumMap<>(UserAttribute.class);
    optional.putAll(user.optional());
    for (AttributeChange a : changes) {
      UserAttribute named = UserAttribute.named(a.attribute());
      if (named != null && !named.required()) {
        String value = named == UserAttribute.MANAGER ? managerId : a.after();
        if (value == null) {
          optional.remove(named);
        } else {
          optional.put(named, value);
        }
        continue;
      }
      switch (a.attribute()) {
        case "userName" -> userName = required(a);
        case "displayName" -> displayName = required(a);
        case "name.givenName" -> given = required(a);
        case "name.familyName" -> family = required(a);
        case "emails" -> email = a.after();
        case "active" -> active = Boolean.parseBoolean(a.after());
        case "externalId" -> externalIds = anchors.apply(a.after());
        default -> throw new IllegalArgumentException("unknown attribute " + a.attribute());
      }
    }
    return new TargetUser(
        user.id(),
        userName,
        displayName,
        given,
        family,
        email,
        active,
        externalIds,
        updatedAt,
        optional);
  }

  private static String required(AttributeChange a) {
    if (a.after() == null || a.after().isBlank()) {
      throw new IllegalArgumentException(a.attribute() + " must not be empty");
    }
    return a.after();
  }
}
