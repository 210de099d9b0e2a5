package io.github.ssosync.query;

import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * A user query: clauses joined by AND, each checked against Google's table for {@code users.list}
 * ("Search for users", developers.google.com/workspace/admin/directory/v1/guides/search-users).
 *
 * <pre>{@code
 * UserQuery q = UserQuery.parse("orgUnitPath=/Eng isSuspended=false");
 * boolean selected = q.matches(user);
 * }</pre>
 *
 * @param clauses the clauses, at least one
 */
public record UserQuery(List<Clause> clauses) {

  /** Copies. */
  public UserQuery {
    clauses = List.copyOf(clauses);
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("a query has at least one clause");
    }
  }

  /**
   * @param query a query in Google's syntax (not {@code *}, which callers read as "every user")
   * @return the parsed query
   * @throws QuerySyntaxException naming the clause Google's {@code users.list} would refuse
   */
  public static UserQuery parse(String query) {
    return new UserQuery(QueryParser.users(query));
  }

  /**
   * @param user what a user holds
   * @return whether every clause matches
   */
  public boolean matches(FieldValues user) {
    return Matching.all(clauses, user);
  }

  /**
   * @param user a user held in memory (see {@link FieldValues#of(DirectoryUser)})
   * @return whether every clause matches
   */
  public boolean matches(DirectoryUser user) {
    return matches(FieldValues.of(user));
  }

  /**
   * The users several queries select together, as {@link DirectoryQuery#userQueries()} means them:
   * ORed, {@code *} selects every user, no query selects none.
   *
   * @param queries the queries
   * @return a predicate over users
   * @throws QuerySyntaxException naming the first clause Google would refuse
   */
  public static Predicate<DirectoryUser> anyOf(List<String> queries) {
    if (queries.contains(DirectoryQuery.ALL)) {
      return u -> true;
    }
    List<UserQuery> parsed = new ArrayList<>();
    for (String q : queries) {
      parsed.add(parse(q));
    }
    return u -> {
      FieldValues values = FieldValues.of(u);
      for (UserQuery q : parsed) {
        if (q.matches(values)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The query in Google's syntax. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(" ");
    clauses.forEach(c -> j.add(c.toString()));
    return j.toString();
  }
}
