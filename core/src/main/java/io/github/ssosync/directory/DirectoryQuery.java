package io.github.ssosync.directory;

import java.util.List;

/**
 * What to read from a directory: user queries and group queries in the source's own syntax (for
 * Google, the Admin SDK's search syntax, such as {@code email:aws-*}). Several queries are ORed.
 * {@code *} selects everything; an empty list selects nothing.
 *
 * @param userQueries queries selecting users
 * @param groupQueries queries selecting groups
 */
public record DirectoryQuery(List<String> userQueries, List<String> groupQueries) {

  /** The query that selects everything. */
  public static final String ALL = "*";

  /** Copies. */
  public DirectoryQuery {
    userQueries = List.copyOf(userQueries);
    groupQueries = List.copyOf(groupQueries);
  }

  /** Whether the user queries select every user. */
  public boolean allUsers() {
    return userQueries.contains(ALL);
  }

  /** Whether the group queries select every group. */
  public boolean allGroups() {
    return groupQueries.contains(ALL);
  }
}
