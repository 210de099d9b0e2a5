package io.github.ssosync.directory;

/** A member's role in a group. Owners and managers are members too. */
public enum MemberRole {
  /** Owner of the group. */
  OWNER,
  /** Manager of the group. */
  MANAGER,
  /** Plain member. */
  MEMBER
}
