package io.github.ssosync.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete, immutable read of a directory for one {@link DirectoryQuery}.
 *
 * @param users every user the read found: the ones the user queries matched, and every user a read
 *     group has as a direct member
 * @param groups every group the read found: the ones the group queries matched, and every group
 *     nested in them, transitively
 * @param members the direct members of every group in {@code groups}, by group id; a group without
 *     members maps to an empty list
 * @param matchedUserIds ids of the users the user queries matched
 * @param matchedGroupIds ids of the groups the group queries matched
 * @param warnings what the read skipped (and why), for the plan to show
 */
public record DirectorySnapshot(
    List<DirectoryUser> users,
    List<DirectoryGroup> groups,
    Map<String, List<DirectoryMember>> members,
    Set<String> matchedUserIds,
    Set<String> matchedGroupIds,
    List<DirectoryWarning> warnings) {

  /** Copies everything. */
  public DirectorySnapshot {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    Map<String, List<DirectoryMember>> copy = new LinkedHashMap<>();
    members.forEach((group, list) -> copy.put(group, List.copyOf(list)));
    members = java.util.Collections.unmodifiableMap(copy);
    matchedUserIds = Set.copyOf(matchedUserIds);
    matchedGroupIds = Set.copyOf(matchedGroupIds);
    warnings = List.copyOf(warnings);
  }

  /**
   * A snapshot without warnings.
   *
   * @param users see {@link #users()}
   * @param groups see {@link #groups()}
   * @param members see {@link #members()}
   * @param matchedUserIds see {@link #matchedUserIds()}
   * @param matchedGroupIds see {@link #matchedGroupIds()}
   */
  public DirectorySnapshot(
      List<DirectoryUser> users,
      List<DirectoryGroup> groups,
      Map<String, List<DirectoryMember>> members,
      Set<String> matchedUserIds,
      Set<String> matchedGroupIds) {
    this(users, groups, members, matchedUserIds, matchedGroupIds, List.of());
  }

  /** An empty snapshot. */
  public static DirectorySnapshot empty() {
    return new DirectorySnapshot(List.of(), List.of(), Map.of(), Set.of(), Set.of());
  }
}
