package io.github.ssosync.directory;

import java.util.List;
import java.util.Set;

/**
 * What to read from a directory: user queries and group queries in the source's own syntax (for
 * Google, the Admin SDK's search syntax, such as {@code email:aws-*}). Several queries are ORed.
 * {@code *} selects everything; an empty list selects nothing.
 *
 * <p>{@code userAttributes} names the further user attributes the attribute mapping reads (keys of
 * {@link DirectoryUser#attributes()}, such as {@code organizations.department} or {@code
 * customSchemas.AWS.Username}), so that a source asks for them in the same read and for nothing
 * else: Google returns custom schema fields only when the request names them. A source may return
 * more; it must not make an extra call per user for them.
 *
 * @param userQueries queries selecting users
 * @param groupQueries queries selecting groups
 * @param userAttributes the further user attributes to read; empty when the mapping uses none
 */
public record DirectoryQuery(
    List<String> userQueries, List<String> groupQueries, Set<String> userAttributes) {

  /** The query that selects everything. */
  public static final String ALL = "*";

  /** Copies. */
  public DirectoryQuery {
    userQueries = List.copyOf(userQueries);
    groupQueries = List.copyOf(groupQueries);
    userAttributes = Set.copyOf(userAttributes);
  }

  /**
   * A query that reads no further user attributes.
   *
   * @param userQueries queries selecting users
   * @param groupQueries queries selecting groups
   */
  public DirectoryQuery(List<String> userQueries, List<String> groupQueries) {
    this(userQueries, groupQueries, Set.of());
  }

  /**
   * @param userAttributes the further user attributes to read
   * @return a copy that reads them
   */
  public DirectoryQuery withUserAttributes(Set<String> userAttributes) {
    return new DirectoryQuery(userQueries, groupQueries, userAttributes);
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
