package io.github.ssosync.directory;

/** What a group member is. */
public enum MemberType {
  /** A user of the directory. */
  USER,
  /** Another group, whose members are members too (nesting). */
  GROUP,
  /** The whole customer (every user of the domain); never synced as a member. */
  CUSTOMER,
  /** An address outside the directory; never becomes a target user. */
  EXTERNAL
}
