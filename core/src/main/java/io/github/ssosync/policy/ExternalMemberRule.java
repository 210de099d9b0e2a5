package io.github.ssosync.policy;

/**
 * What to do with group members outside the directory (external addresses, the whole customer).
 * They never become target users.
 */
public enum ExternalMemberRule {
  /** Skip them silently. The default. */
  SKIP,
  /** Skip them with a warning in the plan, naming the member and group. */
  WARN
}
