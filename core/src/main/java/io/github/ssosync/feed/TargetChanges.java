package io.github.ssosync.feed;

import java.util.Set;

/**
 * What someone other than us changed in the target in a window, by the target's own ids.
 *
 * @param userIds users created, changed or deleted
 * @param groupIds groups created, changed or deleted
 * @param membershipGroupIds groups whose memberships changed
 * @param membershipIds memberships deleted by id alone (the Identity Store's {@code
 *     DeleteGroupMembership} names neither the group nor the user): the run places each one through
 *     the memberships it knows, and reconciles in full when it cannot
 */
public record TargetChanges(
    Set<String> userIds,
    Set<String> groupIds,
    Set<String> membershipGroupIds,
    Set<String> membershipIds) {

  /** Copies. */
  public TargetChanges {
    userIds = Set.copyOf(userIds);
    groupIds = Set.copyOf(groupIds);
    membershipGroupIds = Set.copyOf(membershipGroupIds);
    membershipIds = Set.copyOf(membershipIds);
  }

  /** No changes. */
  public static TargetChanges none() {
    return new TargetChanges(Set.of(), Set.of(), Set.of(), Set.of());
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return userIds.isEmpty()
        && groupIds.isEmpty()
        && membershipGroupIds.isEmpty()
        && membershipIds.isEmpty();
  }
}
