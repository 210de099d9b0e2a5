package io.github.ssosync.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One search clause: a field, an operator and a value. Clauses of a query are joined by AND.
 *
 * @param field the field, such as {@code email} or a custom attribute {@code Schema.field}; absent
 *     for a bare word, which Google compares with the given name, family name and email
 * @param operator how the field is compared
 * @param value the value as written, without quotes or the trailing {@code *}; for {@link
 *     Operator#IN_RANGE} the lower bound
 * @param upperBound for {@link Operator#IN_RANGE}, the (exclusive) upper bound; otherwise absent
 */
public record Clause(
    @Nullable String field, Operator operator, String value, @Nullable String upperBound) {

  /** Validates. */
  public Clause {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    if ((operator == Operator.IN_RANGE) != (upperBound != null)) {
      throw new IllegalArgumentException("an upper bound belongs to IN_RANGE clauses only");
    }
  }

  /**
   * @param field the field
   * @param operator the operator
   * @param value the value
   * @return a clause that is not a range
   */
  public static Clause of(@Nullable String field, Operator operator, String value) {
    return new Clause(field, operator, value, null);
  }

  /** The clause in Google's syntax, quoting the value where it has spaces or quotes. */
  @Override
  public String toString() {
    String v =
        switch (operator) {
          case STARTS_WITH -> quoted(value) + "*";
          case IN_RANGE -> "[" + value + "," + upperBound + "]";
          default -> quoted(value);
        };
    return field == null ? v : field + operator.symbol() + v;
  }

  private static String quoted(String v) {
    if (v.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'')) {
      return v;
    }
    return "'" + v.replace("'", "\\'") + "'";
  }
}
