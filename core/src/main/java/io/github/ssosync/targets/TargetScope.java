package io.github.ssosync.targets;

/**
 * Which groups' memberships a target read must include. Reading the memberships of every group in a
 * large store costs one call per group and page; the engine asks only for the groups a plan can
 * touch (anchored by us, or named like a group in the directory).
 *
 * <p>The engine's scope may block until the directory read completes, so that the target can list
 * users and groups meanwhile.
 */
@FunctionalInterface
public interface TargetScope {

  /**
   * @param group a group the target holds
   * @return whether the read must include the group's memberships
   */
  boolean includesMembershipsOf(TargetGroup group);

  /** The scope that includes every group's memberships. */
  static TargetScope allGroups() {
    return group -> true;
  }
}
