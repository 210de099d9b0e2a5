package io.github.ssosync.query;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A group query: clauses joined by AND, each checked against Google's table for {@code groups.list}
 * ("Search for groups", developers.google.com/workspace/admin/directory/v1/guides/search-groups):
 * {@code email} and {@code name} take {@code =} or {@code :prefix*}, and {@code memberKey=} stands
 * alone.
 *
 * @param clauses the clauses, at least one
 */
public record GroupQuery(List<Clause> clauses) {

  /** Copies. */
  public GroupQuery {
    clauses = List.copyOf(clauses);
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("a query has at least one clause");
    }
  }

  /**
   * @param query a query in Google's syntax (not {@code *}, which callers read as "every group")
   * @return the parsed query
   * @throws QuerySyntaxException naming the clause Google's {@code groups.list} would refuse
   */
  public static GroupQuery parse(String query) {
    return new GroupQuery(QueryParser.groups(query));
  }

  /**
   * @return the user or group ({@code memberKey=}) whose groups this query selects, if it is such a
   *     query
   */
  public Optional<String> memberKey() {
    return clauses.stream()
        .filter(c -> "memberKey".equals(c.field()))
        .map(Clause::value)
        .findFirst();
  }

  /**
   * @param group what a group holds
   * @return whether every clause matches
   */
  public boolean matches(FieldValues group) {
    return Matching.all(clauses, group);
  }

  /**
   * @param group a group held in memory
   * @param directMembers its direct members, for {@code memberKey}
   * @return whether every clause matches
   */
  public boolean matches(DirectoryGroup group, List<DirectoryMember> directMembers) {
    return matches(FieldValues.of(group, directMembers));
  }

  /** The query in Google's syntax. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(" ");
    clauses.forEach(c -> j.add(c.toString()));
    return j.toString();
  }
}
