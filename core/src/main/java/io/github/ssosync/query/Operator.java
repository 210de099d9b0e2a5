package io.github.ssosync.query;

/**
 * How a clause compares a field with its value. The operators of Google's "Search for users" and
 * "Search for groups" guides
 * (developers.google.com/workspace/admin/directory/v1/guides/search-users and .../search-groups,
 * section "Operators").
 */
public enum Operator {
  /** {@code field=value}: the field and the value match exactly ({@code givenName=Jane}). */
  EQUALS,
  /**
   * {@code field:words}: the field contains the whole words of the value, in order ({@code
   * givenName:Jane} matches "Jane Ann", not "Janet").
   */
  CONTAINS,
  /** {@code field:prefix*}: the field starts with the value ({@code email:aws-*}). */
  STARTS_WITH,
  /** {@code field:[min,max]}: a number or date at least {@code min} and below {@code max}. */
  IN_RANGE,
  /** {@code field>value}, numbers and dates. */
  GREATER,
  /** {@code field>=value}, numbers and dates. */
  GREATER_OR_EQUAL,
  /** {@code field<value}, numbers and dates. */
  LESS,
  /** {@code field<=value}, numbers and dates. */
  LESS_OR_EQUAL;

  /** How the operator is written between field and value ({@code :} for the three forms). */
  public String symbol() {
    return switch (this) {
      case EQUALS -> "=";
      case CONTAINS, STARTS_WITH, IN_RANGE -> ":";
      case GREATER -> ">";
      case GREATER_OR_EQUAL -> ">=";
      case LESS -> "<";
      case LESS_OR_EQUAL -> "<=";
    };
  }

  /** Whether the operator compares numbers or dates. */
  boolean ordering() {
    return this == IN_RANGE
        || this == GREATER
        || this == GREATER_OR_EQUAL
        || this == LESS
        || this == LESS_OR_EQUAL;
  }
}
