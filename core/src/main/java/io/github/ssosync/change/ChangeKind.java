package io.github.ssosync.change;

/** The kinds of change, in the order a plan lists them. */
public enum ChangeKind {
  /** Create a user. */
  CREATE_USER,
  /** Change some attributes of a user (including re-enabling it). */
  UPDATE_USER,
  /** Create a group, possibly with its first members. */
  CREATE_GROUP,
  /** Change some attributes of a group. */
  UPDATE_GROUP,
  /** Add a user to a group. */
  ADD_MEMBERSHIP,
  /** Remove a user from a group. */
  REMOVE_MEMBERSHIP,
  /**
   * Mark a group that left the directory's scope, so that it is deleted once its grace period is
   * over. Its memberships are removed by the same plan, so access through it ends at once, while
   * its id (and with it every permission-set assignment) survives a mistaken de-selection.
   */
  RETIRE_GROUP,
  /** Stop a user from signing in, keeping it and its memberships. */
  DISABLE_USER,
  /** Delete a user. */
  DELETE_USER,
  /** Delete a group. */
  DELETE_GROUP;

  /** Whether the deletion guard counts this kind of change. */
  public boolean removal() {
    return this == DISABLE_USER
        || this == DELETE_USER
        || this == DELETE_GROUP
        || this == RETIRE_GROUP;
  }
}
