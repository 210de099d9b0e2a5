package io.github.ssosync.policy;

/** How the set of users to sync is chosen (ssosync's {@code --sync-method}). */
public enum SyncMethod {
  /**
   * Users are the flattened members of the selected groups, plus the users the user match selects.
   * The default.
   */
  GROUPS,
  /**
   * Users are the users the user match selects; groups are the selected groups; memberships only
   * between synced users and synced groups.
   */
  USERS_GROUPS
}
