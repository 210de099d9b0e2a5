package io.github.ssosync.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates clauses the way the guides' "Operators" table describes them. Comparison ignores case
 * (the guides show mixed-case values matching, {@code givenName:Jane} and "Jane Ann"; they are
 * silent on case, and the Admin console's search ignores it). Words are separated by whitespace:
 * the guides define words only by example, all of them names with spaces.
 */
final class Matching {
  private Matching() {}

  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  static boolean all(List<Clause> clauses, FieldValues values) {
    for (Clause c : clauses) {
      if (!matches(c, values)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Clause c, FieldValues object) {
    String field = c.field() == null ? "" : c.field();
    List<String> values = object.values(field);
    if (values == null) {
      return true; // the object cannot tell: never read as unselected on an unread field
    }
    if (values.isEmpty() && isBoolean(field)) {
      values = List.of("false");
    }
    for (String v : values) {
      if (v != null && matches(c, field, v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Clause c, String field, String actual) {
    return switch (c.operator()) {
      case EQUALS ->
          field.equals("orgUnitPath") ? underOrgUnit(actual, c.value()) : equal(actual, c.value());
      case CONTAINS -> containsWords(actual, c.value());
      case STARTS_WITH -> fold(actual).startsWith(fold(c.value()));
      case IN_RANGE ->
          ordered(actual, c.value(), r -> r >= 0)
              && ordered(actual, Objects.requireNonNull(c.upperBound()), r -> r < 0);
      case GREATER -> ordered(actual, c.value(), r -> r > 0);
      case GREATER_OR_EQUAL -> ordered(actual, c.value(), r -> r >= 0);
      case LESS -> ordered(actual, c.value(), r -> r < 0);
      case LESS_OR_EQUAL -> ordered(actual, c.value(), r -> r <= 0);
    };
  }

  /**
   * "orgUnitPath: The full path of an org unit. This matches all org unit chains under the target.
   * For example, 'orgUnitPath=/' returns all users in the organization." So {@code /Eng} selects
   * {@code /Eng} and {@code /Eng/Platform}, not {@code /Engineering}.
   */
  static boolean underOrgUnit(String actual, String target) {
    String t = fold(target);
    if (t.length() > 1 && t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.equals("/")) {
      return true;
    }
    String a = fold(actual);
    return a.equals(t) || a.startsWith(t + "/");
  }

  private static boolean equal(String actual, String wanted) {
    if (NUMBER.matcher(actual).matches() && NUMBER.matcher(wanted).matches()) {
      return new BigDecimal(actual).compareTo(new BigDecimal(wanted)) == 0;
    }
    return fold(actual).equals(fold(wanted));
  }

  /**
   * "The field contains the whole words within the value, in order": 'Mary Ann' matches "Mary Ann
   * Evans" and "Sarah Mary Ann" but not "Ann Mary". We require the words next to each other, the
   * stricter of the two readings the guide allows.
   */
  private static boolean containsWords(String actual, String wanted) {
    String[] have = SPACE.split(fold(actual).strip());
    String[] want = SPACE.split(fold(wanted).strip());
    outer:
    for (int i = 0; i + want.length <= have.length; i++) {
      for (int j = 0; j < want.length; j++) {
        if (!have[i + j].equals(want[j])) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean ordered(String actual, String bound, IntPredicate test) {
    Integer r = compare(actual, bound);
    return r != null && test.test(r);
  }

  /** Numbers compare as numbers, YYYY-MM-DD dates as text; anything else does not compare. */
  private static @Nullable Integer compare(String actual, String bound) {
    if (NUMBER.matcher(bound).matches()) {
      return NUMBER.matcher(actual.strip()).matches()
          ? new BigDecimal(actual.strip()).compareTo(new BigDecimal(bound))
          : null;
    }
    String a = actual.strip();
    return a.length() == bound.length() && a.matches("\\d{4}-\\d{2}-\\d{2}")
        ? Integer.signum(a.compareTo(bound))
        : null;
  }

  private static boolean isBoolean(String field) {
    FieldTable.Spec s = FieldTable.USERS.get(field);
    return s != null && s.type() == FieldTable.Type.BOOLEAN;
  }

  static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
