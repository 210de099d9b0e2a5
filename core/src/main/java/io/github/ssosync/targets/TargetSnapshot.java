package io.github.ssosync.targets;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A complete, immutable read of a target.
 *
 * @param users every user in the target
 * @param groups every group in the target
 * @param memberships the memberships of the groups in {@code membershipsRead}
 * @param membershipsRead ids of the groups whose memberships were read; for any other group the
 *     memberships are unknown, never empty
 * @param capabilities what the target can do
 */
public record TargetSnapshot(
    List<TargetUser> users,
    List<TargetGroup> groups,
    List<TargetMembership> memberships,
    Set<String> membershipsRead,
    TargetCapabilities capabilities) {

  /** Copies. */
  public TargetSnapshot {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    memberships = List.copyOf(memberships);
    membershipsRead = Set.copyOf(membershipsRead);
    Objects.requireNonNull(capabilities, "capabilities");
  }

  /**
   * @param capabilities what the target can do
   * @return an empty target
   */
  public static TargetSnapshot empty(TargetCapabilities capabilities) {
    return new TargetSnapshot(List.of(), List.of(), List.of(), Set.of(), capabilities);
  }
}
