package io.github.ssosync.targets;

import java.util.Objects;

/**
 * A user's membership of a group in the target.
 *
 * @param id the target's id of the membership
 * @param groupId the group's target id
 * @param userId the user's target id
 */
public record TargetMembership(String id, String groupId, String userId) {
  /** Validates. */
  public TargetMembership {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(userId, "userId");
  }
}
