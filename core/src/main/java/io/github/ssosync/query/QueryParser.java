package io.github.ssosync.query;

import io.github.ssosync.query.FieldTable.Spec;
import io.github.ssosync.query.FieldTable.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a query into clauses and checks each against Google's tables. Syntax, from the guides'
 * "Value Types" and "Operators" sections: clauses are separated by whitespace and joined by AND; a
 * value with whitespace is surrounded by single quotes, a quote inside escaped as {@code \'}; a
 * trailing {@code *} asks for a prefix; {@code [min,max]} is a range. Where the guides are silent
 * the stricter reading wins: double quotes are not quotes, {@code *} only ends a value, and a value
 * is never empty.
 */
final class QueryParser {
  private QueryParser() {}

  /** "Must use a period as a decimal separator and no thousands separator" (Value Types). */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** "Specified in YYYY-MM-DD format" (Value Types). */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static final Pattern FIELD_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?");

  /** A clause as written, before the tables are consulted. */
  private record Raw(
      String text,
      @Nullable String field,
      String symbol,
      String value,
      boolean prefix,
      @Nullable String upper) {}

  static List<Clause> users(String query) {
    List<Clause> out = new ArrayList<>();
    for (Raw r : read(query)) {
      out.add(check(r, FieldTable.USERS, "users.list"));
    }
    return List.copyOf(out);
  }

  static List<Clause> groups(String query) {
    List<Clause> out = new ArrayList<>();
    String memberKey = null;
    String other = null;
    for (Raw r : read(query)) {
      if (r.field() == null) {
        // The groups table has no "None specified" row, unlike the users table.
        throw new QuerySyntaxException(
            r.text(), "groups.list queries have no bare words; name a field (email, name)");
      }
      Clause c = check(r, FieldTable.GROUPS, "groups.list");
      if ("memberKey".equals(c.field())) {
        if (memberKey != null) {
          // One memberKey per query: the guide describes one user or group per query and is
          // silent on two, so we refuse the second.
          throw new QuerySyntaxException(r.text(), "a query takes one memberKey");
        }
        memberKey = r.text();
      } else {
        other = r.text();
      }
      if (memberKey != null && other != null) {
        // "This cannot be used along with the email or name parameters in the same query."
        throw new QuerySyntaxException(
            memberKey, "memberKey cannot be combined with email or name (here '" + other + "')");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  private static Clause check(Raw r, Map<String, Spec> table, String api) {
    if (r.field() == null) {
      // "None specified: Compare against the value in givenName, familyName, or email." The
      // table gives no operators for it; a bare word is read as ':' (whole words), and a bare
      // prefix, which the guide never shows, is refused.
      if (r.prefix() || r.upper() != null) {
        throw new QuerySyntaxException(
            r.text(), "a bare word takes no '*' or range; name a field, such as email:" + r.text());
      }
      return Clause.of(null, Operator.CONTAINS, r.value());
    }
    String field = r.field();
    if (!FIELD_NAME.matcher(field).matches()) {
      throw new QuerySyntaxException(r.text(), "'" + field + "' is not a field name");
    }
    Spec spec = FieldTable.lookup(table, field);
    if (spec == null) {
      throw new QuerySyntaxException(
          r.text(),
          field
              + " is not a field of "
              + api
              + " queries; "
              + FieldTable.unknownFieldHint(table, field));
    }
    if (r.prefix() && !r.symbol().equals(":")) {
      throw new QuerySyntaxException(
          r.text(), "a prefix search ('*') takes ':', as in " + field + ":" + r.value() + "*");
    }
    Operator op = operator(r);
    if (!spec.operators().contains(op)) {
      throw new QuerySyntaxException(r.text(), refusal(spec, op, table == FieldTable.GROUPS));
    }
    if (spec.type() == Type.BOOLEAN && !(r.value().equals("true") || r.value().equals("false"))) {
      // "Must have a value of true or false."
      throw new QuerySyntaxException(r.text(), field + " is true or false");
    }
    if (op.ordering()) {
      String kind = orderedKind(r.value());
      String upperKind = r.upper() == null ? kind : orderedKind(r.upper());
      if (kind == null || upperKind == null || !kind.equals(upperKind)) {
        throw new QuerySyntaxException(
            r.text(),
            op.symbol()
                + " compares numbers (150430.25) or dates (YYYY-MM-DD), "
                + (r.upper() == null ? "one value" : "both bounds of the same kind"));
      }
    }
    return new Clause(field, op, r.value(), r.upper());
  }

  private static String refusal(Spec spec, Operator op, boolean groups) {
    String name = spec.name();
    if (op == Operator.STARTS_WITH) {
      return name
          + " takes "
          + spec.operatorsText()
          + ", not a prefix search ('*')"
          + (spec.type() == Type.CUSTOM ? ": not supported on custom attributes" : "");
    }
    if (op == Operator.CONTAINS && groups && spec.operators().contains(Operator.STARTS_WITH)) {
      return name + " takes " + spec.operatorsText() + ": write " + name + ":value* for a prefix";
    }
    return name + " takes " + spec.operatorsText() + ", not " + op.symbol();
  }

  private static Operator operator(Raw r) {
    return switch (r.symbol()) {
      case "=" -> Operator.EQUALS;
      case ":" ->
          r.upper() != null
              ? Operator.IN_RANGE
              : r.prefix() ? Operator.STARTS_WITH : Operator.CONTAINS;
      case ">" -> Operator.GREATER;
      case ">=" -> Operator.GREATER_OR_EQUAL;
      case "<" -> Operator.LESS;
      default -> Operator.LESS_OR_EQUAL;
    };
  }

  private static @Nullable String orderedKind(String v) {
    if (NUMBER.matcher(v).matches()) {
      return "number";
    }
    return DATE.matcher(v).matches() ? "date" : null;
  }

  // ------------------------------------------------------------------ reading

  private static List<Raw> read(String query) {
    List<Raw> out = new ArrayList<>();
    int n = query.length();
    int i = 0;
    while (true) {
      while (i < n && Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !isOperator(query.charAt(i)) && !Character.isWhitespace(query.charAt(i))) {
        if (query.charAt(i) == '\'') {
          break;
        }
        i++;
      }
      String field = null;
      String symbol = ":";
      if (i < n && isOperator(query.charAt(i)) && i == start) {
        throw new QuerySyntaxException(
            clauseText(query, start, query.indexOf(' ', start) < 0 ? n : query.indexOf(' ', start)),
            "no field before '" + query.charAt(i) + "'");
      }
      if (i < n && isOperator(query.charAt(i))) {
        field = query.substring(start, i);
        char c = query.charAt(i++);
        symbol = String.valueOf(c);
        if ((c == '<' || c == '>') && i < n && query.charAt(i) == '=') {
          symbol += "=";
          i++;
        }
      } else {
        i = start; // a bare word: the value starts here
      }
      int valueStart = i;
      Value v = value(query, i, start, field != null && symbol.equals(":"));
      i = v.end();
      String text = query.substring(start, i);
      if (v.text().isEmpty()) {
        throw new QuerySyntaxException(
            text.isEmpty() ? query.substring(start, Math.min(n, valueStart + 1)) : text,
            "no value after " + (field == null ? "the operator" : field + symbol));
      }
      out.add(new Raw(text, field, symbol, v.text(), v.prefix(), v.upper()));
    }
    if (out.isEmpty()) {
      throw new QuerySyntaxException(query, "the query is empty");
    }
    return out;
  }

  private record Value(String text, boolean prefix, @Nullable String upper, int end) {}

  private static Value value(String q, int i, int clauseStart, boolean rangeAllowed) {
    int n = q.length();
    if (i < n && q.charAt(i) == '\'') {
      StringBuilder b = new StringBuilder();
      int j = i + 1;
      while (true) {
        if (j >= n) {
          throw new QuerySyntaxException(q.substring(clauseStart), "the quote is not closed");
        }
        char c = q.charAt(j);
        if (c == '\\' && j + 1 < n && q.charAt(j + 1) == '\'') {
          b.append('\'');
          j += 2;
        } else if (c == '\'') {
          j++;
          break;
        } else {
          b.append(c);
          j++;
        }
      }
      boolean prefix = j < n && q.charAt(j) == '*';
      if (prefix) {
        j++;
      }
      if (j < n && !Character.isWhitespace(q.charAt(j))) {
        throw new QuerySyntaxException(
            clauseText(q, clauseStart, j),
            "text follows the closing quote; separate clauses with a space");
      }
      checkStar(q, clauseStart, j, b.toString());
      return new Value(b.toString(), prefix, null, j);
    }
    if (rangeAllowed && i < n && q.charAt(i) == '[') {
      int close = q.indexOf(']', i);
      if (close < 0) {
        throw new QuerySyntaxException(clauseText(q, clauseStart, n), "the range has no ']'");
      }
      String inner = q.substring(i + 1, close);
      int comma = inner.indexOf(',');
      int end = close + 1;
      if (comma < 0
          || inner.indexOf(',', comma + 1) >= 0
          || inner.substring(0, comma).isBlank()
          || inner.substring(comma + 1).isBlank()
          || (end < n && !Character.isWhitespace(q.charAt(end)))) {
        throw new QuerySyntaxException(clauseText(q, clauseStart, end), "a range is [{MIN},{MAX}]");
      }
      return new Value(
          inner.substring(0, comma).strip(), false, inner.substring(comma + 1).strip(), end);
    }
    int j = i;
    while (j < n && !Character.isWhitespace(q.charAt(j))) {
      j++;
    }
    String raw = q.substring(i, j);
    if (raw.indexOf('"') >= 0) {
      // The guides quote with ' only ("Surround with single quotes"); they never show ".
      throw new QuerySyntaxException(
          clauseText(q, clauseStart, j), "quote values with ' (single quotes), not \"");
    }
    if (raw.indexOf('\'') >= 0) {
      throw new QuerySyntaxException(
          clauseText(q, clauseStart, j), "a value with a quote is quoted: 'O\\'Brien'");
    }
    boolean prefix = raw.endsWith("*");
    String text = prefix ? raw.substring(0, raw.length() - 1) : raw;
    checkStar(q, clauseStart, j, text);
    return new Value(text, prefix, null, j);
  }

  private static void checkStar(String q, int start, int end, String text) {
    if (text.indexOf('*') >= 0) {
      throw new QuerySyntaxException(
          clauseText(q, start, end), "'*' may only end a value (a prefix search)");
    }
  }

  private static String clauseText(String q, int start, int end) {
    return q.substring(start, Math.min(end, q.length()));
  }

  private static boolean isOperator(char c) {
    return c == '=' || c == ':' || c == '<' || c == '>';
  }
}
