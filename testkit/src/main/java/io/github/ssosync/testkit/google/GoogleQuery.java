package io.github.ssosync.testkit.google;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.testkit.DirectoryContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Admin SDK's search syntax for {@code users.list} and {@code groups.list}, as far as a sync
 * uses it: clauses separated by spaces, all of which must hold. {@code field=value} matches
 * exactly; {@code field:value*} matches a prefix; {@code field:value} matches the whole value or,
 * for names, any word of it. Values may be quoted ('Jane Doe'). Comparison ignores case.
 *
 * <p>User fields: {@code email}, {@code givenName}, {@code familyName}, {@code name} (the full
 * name), {@code isSuspended}, {@code isArchived} ({@code true}/{@code false}), {@code orgUnitPath}.
 * Group fields: {@code email}, {@code name}, {@code memberKey} (an email or id that is a direct
 * member). {@code *} alone is not a query: callers treat it as "everything".
 */
public final class GoogleQuery {
  private GoogleQuery() {}

  private record Clause(String field, char op, String value) {}

  /**
   * @param query a user query
   * @return a predicate selecting the users it matches
   * @throws IllegalArgumentException naming what is wrong with the query
   */
  public static Predicate<DirectoryUser> users(String query) {
    Predicate<DirectoryUser> all = u -> true;
    for (Clause c : parse(query)) {
      all = all.and(userClause(c));
    }
    return all;
  }

  /**
   * @param query a group query
   * @param content the directory, for {@code memberKey}
   * @return a predicate selecting the groups it matches
   * @throws IllegalArgumentException naming what is wrong with the query
   */
  public static Predicate<DirectoryGroup> groups(String query, DirectoryContent content) {
    Predicate<DirectoryGroup> all = g -> true;
    for (Clause c : parse(query)) {
      all = all.and(groupClause(c, content));
    }
    return all;
  }

  private static Predicate<DirectoryUser> userClause(Clause c) {
    return switch (c.field()) {
      case "email" -> text(c, u -> u.primaryEmail(), false);
      case "givenname" -> text(c, DirectoryUser::givenName, true);
      case "familyname" -> text(c, DirectoryUser::familyName, true);
      case "name" ->
          text(
              c,
              u ->
                  (Objects.requireNonNullElse(u.givenName(), "")
                          + " "
                          + Objects.requireNonNullElse(u.familyName(), ""))
                      .strip(),
              true);
      case "issuspended" -> bool(c, DirectoryUser::suspended);
      case "isarchived" -> bool(c, DirectoryUser::archived);
      case "orgunitpath" -> text(c, DirectoryUser::orgUnitPath, false);
      default ->
          throw new IllegalArgumentException(
              "Invalid field in user query: "
                  + c.field()
                  + " (use email, givenName, familyName,"
                  + " name, isSuspended, isArchived or orgUnitPath)");
    };
  }

  private static Predicate<DirectoryGroup> groupClause(Clause c, DirectoryContent content) {
    return switch (c.field()) {
      case "email" -> text(c, DirectoryGroup::email, false);
      case "name" -> text(c, DirectoryGroup::name, true);
      case "memberkey" -> {
        if (c.op() != '=') {
          throw new IllegalArgumentException("memberKey takes '=': memberKey=" + c.value());
        }
        String key = fold(c.value());
        yield g -> {
          for (DirectoryMember m : content.members().getOrDefault(g.id(), List.of())) {
            if (fold(m.id()).equals(key) || (m.email() != null && fold(m.email()).equals(key))) {
              return true;
            }
          }
          return false;
        };
      }
      default ->
          throw new IllegalArgumentException(
              "Invalid field in group query: " + c.field() + " (use email, name or memberKey)");
    };
  }

  private static <T> Predicate<T> text(Clause c, Function<T, String> field, boolean words) {
    String v = fold(c.value());
    boolean prefix = v.endsWith("*");
    String stem = prefix ? v.substring(0, v.length() - 1) : v;
    if (stem.contains("*")) {
      throw new IllegalArgumentException("'*' is allowed only at the end of a value: " + c.value());
    }
    if (c.op() == '=' && prefix) {
      throw new IllegalArgumentException("'*' needs ':', not '=': " + c.field() + "=" + c.value());
    }
    return t -> {
      String raw = field.apply(t);
      if (raw == null) {
        return false;
      }
      String s = fold(raw);
      if (c.op() == '=') {
        return s.equals(stem);
      }
      if (prefix) {
        if (s.startsWith(stem)) {
          return true;
        }
        return words && wordStartsWith(s, stem);
      }
      return s.equals(stem) || (words && List.of(s.split("\\s+")).contains(stem));
    };
  }

  private static boolean wordStartsWith(String s, String stem) {
    for (String word : s.split("\\s+")) {
      if (word.startsWith(stem)) {
        return true;
      }
    }
    return false;
  }

  private static <T> Predicate<T> bool(Clause c, Predicate<T> field) {
    if (c.op() != '=') {
      throw new IllegalArgumentException(c.field() + " takes '=': " + c.field() + "=true");
    }
    boolean want =
        switch (fold(c.value())) {
          case "true" -> true;
          case "false" -> false;
          default ->
              throw new IllegalArgumentException(c.field() + " is true or false, not " + c.value());
        };
    return t -> field.test(t) == want;
  }

  private static List<Clause> parse(String query) {
    List<Clause> clauses = new ArrayList<>();
    int i = 0;
    int n = query.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n
          && query.charAt(i) != ':'
          && query.charAt(i) != '='
          && !Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      if (i >= n || Character.isWhitespace(query.charAt(i))) {
        throw new IllegalArgumentException(
            "Invalid query: '" + query.substring(start, i) + "' is not field:value or field=value");
      }
      String field = query.substring(start, i).toLowerCase(Locale.ROOT);
      char op = query.charAt(i++);
      String value;
      if (i < n && (query.charAt(i) == '\'' || query.charAt(i) == '"')) {
        char quote = query.charAt(i++);
        int end = query.indexOf(quote, i);
        if (end < 0) {
          throw new IllegalArgumentException("Invalid query: unclosed quote in " + query);
        }
        value = query.substring(i, end);
        i = end + 1;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(query.charAt(end))) {
          end++;
        }
        value = query.substring(i, end);
        i = end;
      }
      if (field.isEmpty() || value.isEmpty()) {
        throw new IllegalArgumentException("Invalid query: empty field or value in " + query);
      }
      clauses.add(new Clause(field, op, value));
    }
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("Invalid query: empty");
    }
    return clauses;
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
