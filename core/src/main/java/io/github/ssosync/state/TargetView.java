package io.github.ssosync.state;

import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.util.List;
import java.util.Set;

/**
 * A target as the last run left it: a {@link TargetSnapshot} without the capabilities, which belong
 * to the target of the run that reads it, not to the state.
 *
 * @param users every user
 * @param groups every group
 * @param memberships the memberships of the groups in {@code membershipsRead}
 * @param membershipsRead ids of the groups whose memberships are known
 */
public record TargetView(
    List<TargetUser> users,
    List<TargetGroup> groups,
    List<TargetMembership> memberships,
    Set<String> membershipsRead) {

  /**
   * A membership whose id the target did not report when we made it (a SCIM {@code PATCH} adds
   * members without naming the membership): the id is unknown until the group is read again.
   */
  public static final String UNKNOWN_MEMBERSHIP_ID = "";

  /** Copies. */
  public TargetView {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    memberships = List.copyOf(memberships);
    membershipsRead = Set.copyOf(membershipsRead);
  }

  /**
   * @param snapshot a complete read
   * @return its view
   */
  public static TargetView of(TargetSnapshot snapshot) {
    return new TargetView(
        snapshot.users(), snapshot.groups(), snapshot.memberships(), snapshot.membershipsRead());
  }

  /**
   * @param capabilities the capabilities of the target being read
   * @return the view as a snapshot of that target
   */
  public TargetSnapshot snapshot(TargetCapabilities capabilities) {
    return new TargetSnapshot(users, groups, memberships, membershipsRead, capabilities);
  }
}
