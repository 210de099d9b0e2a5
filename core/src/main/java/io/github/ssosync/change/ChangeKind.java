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
  /** Stop a user from signing in, keeping it and its memberships. */
  DISABLE_USER,
  /** Delete a user. */
  DELETE_USER,
  /** Delete a group. */
  DELETE_GROUP;

  /** Whether the deletion guard counts this kind of change. */
  public boolean removal() {
    return this == DISABLE_USER || this == DELETE_USER || this == DELETE_GROUP;
  }
}
