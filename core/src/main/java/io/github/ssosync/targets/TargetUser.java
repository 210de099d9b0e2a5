package io.github.ssosync.targets;

import java.time.Instant;
import java.util.List;
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
    @Nullable Instant updatedAt) {

  /** Validates and copies. */
  public TargetUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userName, "userName");
    externalIds = List.copyOf(externalIds);
  }

  /**
   * @param active whether the user may sign in
   * @param updatedAt when the change happened
   * @return a copy with another active flag and updated-at
   */
  public TargetUser withActive(boolean active, @Nullable Instant updatedAt) {
    return new TargetUser(
        id, userName, displayName, givenName, familyName, email, active, externalIds, updatedAt);
  }
}
