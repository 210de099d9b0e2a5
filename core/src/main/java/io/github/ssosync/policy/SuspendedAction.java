package io.github.ssosync.policy;

/** What happens to the target user of a user the directory suspended. */
public enum SuspendedAction {
  /**
   * The user is kept, inactive, with its memberships; unsuspending restores access as it was. The
   * default. Targets that cannot disable fall back to {@link SyncPolicy#disableFallback()}.
   */
  DISABLE,
  /** The user is treated as gone: disabled, then deleted after the grace period. */
  DELETE,
  /** Suspension is not synced: the user is never created, and an existing one is left as it is. */
  IGNORE
}
