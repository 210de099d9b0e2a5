package io.github.ssosync.targets;

import io.github.ssosync.mapping.UserAttribute;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the target holds it.
 *
 * @param id the target's id
 * @param userName the unique user name
 * @param displayName display name
 * @param givenName given name
 * @param familyName family name
 * @param email the primary email
 * @param active whether the user may sign in
 * @param externalIds ids external systems stored on the user (our anchor among them)
 * @param updatedAt when the user was last changed, where the target says
 * @param optional the optional attributes the user holds, those the target reads (a target reads at
 *     least those its capabilities say it writes); {@link UserAttribute#MANAGER} holds the
 *     manager's target id
 */
public record TargetUser(
    String id,
    String userName,
    @Nullable String displayName,
    @Nullable String givenName,
    @Nullable String familyName,
    @Nullable String email,
    boolean active,
    List<ExternalId> externalIds,
    @Nullable Instant updatedAt,
    Map<UserAttribute, String> optional) {

  /** Validates and copies. */
  public TargetUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userName, "userName");
    externalIds = List.copyOf(externalIds);
    EnumMap<UserAttribute, String> copy = new EnumMap<>(UserAttribute.class);
    optional.forEach(
        (a, v) -> {
          if (a.required()) {
            throw new IllegalArgumentException(a.key() + " is a required attribute");
          }
          copy.put(a, Objects.requireNonNull(v, a.key()));
        });
    optional = Collections.unmodifiableMap(copy);
  }

  /**
   * A user with no optional attributes.
   *
   * @param id the target's id
   * @param userName the unique user name
   * @param displayName display name
   * @param givenName given name
   * @param familyName family name
   * @param email the primary email
   * @param active whether the user may sign in
   * @param externalIds external ids
   * @param updatedAt when the user was last changed
   */
  public TargetUser(
      String id,
      String userName,
      @Nullable String displayName,
      @Nullable String givenName,
      @Nullable String familyName,
      @Nullable String email,
      boolean active,
      List<ExternalId> externalIds,
      @Nullable Instant updatedAt) {
    this(
        id,
        userName,
        displayName,
        givenName,
        familyName,
        email,
        active,
        externalIds,
        updatedAt,
        Map.of());
  }

  /**
   * @param active whether the user may sign in
   * @param updatedAt when the change happened
   * @return a copy with another active flag and updated-at
   */
  public TargetUser withActive(boolean active, @Nullable Instant updatedAt) {
    return new TargetUser(
        id,
        userName,
        displayName,
        givenName,
        familyName,
        email,
        active,
        externalIds,
        updatedAt,
        optional);
  }
}
