package io.github.ssosync.query;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Google's operator tables, field by field. Users: "Search for users", section "Fields"
 * (developers.google.com/workspace/admin/directory/v1/guides/search-users); groups: "Search for
 * groups", section "Fields" (.../guides/search-groups). Field names are matched as documented, case
 * and all: the guides spell each one, and are silent on other spellings, so we refuse them.
 */
final class FieldTable {
  private FieldTable() {}

  /** What a field holds, which decides the operators and values it takes. */
  enum Type {
    STRING,
    BOOLEAN,
    /** A custom attribute: a string, boolean, number or date, unknown until the schema is read. */
    CUSTOM
  }

  /**
   * @param name the field as documented
   * @param type its value type
   * @param operators the operators the table lists for it
   */
  record Spec(String name, Type type, Set<Operator> operators) {
    String operatorsText() {
      StringJoiner j = new StringJoiner(", ");
      for (Operator o : operators) {
        j.add(
            switch (o) {
              case STARTS_WITH -> ":{PREFIX}*";
              case IN_RANGE -> ":[{MIN},{MAX}]";
              default -> o.symbol();
            });
      }
      return j.toString();
    }
  }

  private static final Set<Operator> EXACT = EnumSet.of(Operator.EQUALS);
  private static final Set<Operator> WORDS = EnumSet.of(Operator.EQUALS, Operator.CONTAINS);
  private static final Set<Operator> WORDS_OR_PREFIX =
      EnumSet.of(Operator.EQUALS, Operator.CONTAINS, Operator.STARTS_WITH);
  private static final Set<Operator> EXACT_OR_PREFIX =
      EnumSet.of(Operator.EQUALS, Operator.STARTS_WITH);

  /** Users, in the guide's order. */
  static final Map<String, Spec> USERS = new LinkedHashMap<>();

  /** Groups, in the guide's order. */
  static final Map<String, Spec> GROUPS = new LinkedHashMap<>();

  /**
   * {@code schemaName.fieldName}: "Not supported on custom attributes" for {@code :{PREFIX}*};
   * ranges and comparisons for numbers and dates (guide, "Operators"); the type is the schema's,
   * which a query cannot see, so the value decides (see {@link QueryParser}).
   */
  static final Spec CUSTOM =
      new Spec(
          "schemaName.fieldName",
          Type.CUSTOM,
          EnumSet.of(
              Operator.EQUALS,
              Operator.CONTAINS,
              Operator.IN_RANGE,
              Operator.GREATER,
              Operator.GREATER_OR_EQUAL,
              Operator.LESS,
              Operator.LESS_OR_EQUAL));

  /** A schema name and a field name (Schemas reference: letters, digits and underscores). */
  private static final Pattern CUSTOM_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");

  static {
    user("name", Type.STRING, WORDS); // no :{PREFIX}*: the table lists "=, :" only
    user("email", Type.STRING, WORDS_OR_PREFIX);
    user("givenName", Type.STRING, WORDS_OR_PREFIX);
    user("familyName", Type.STRING, WORDS_OR_PREFIX);
    for (String b :
        new String[] {
          "isAdmin",
          "isDelegatedAdmin",
          "isSuspended",
          "isArchived",
          "isEnrolledIn2Sv",
          "isEnforcedIn2Sv",
          "isGuest"
        }) {
      user(b, Type.BOOLEAN, EXACT);
    }
    user("im", Type.STRING, WORDS);
    user("externalId", Type.STRING, WORDS);
    user("manager", Type.STRING, EXACT);
    user("managerId", Type.STRING, EXACT);
    user("directManager", Type.STRING, EXACT);
    user("directManagerId", Type.STRING, EXACT);
    user("address", Type.STRING, EnumSet.of(Operator.CONTAINS)); // "Matches all address fields"
    for (String a :
        new String[] {
          "addressPoBox",
          "addressExtended",
          "addressStreet",
          "addressLocality",
          "addressRegion",
          "addressPostalCode",
          "addressCountry",
          "orgName",
          "orgTitle",
          "orgDepartment",
          "orgDescription",
          "orgCostCenter"
        }) {
      user(a, Type.STRING, WORDS);
    }
    user("phone", Type.STRING, EXACT);
    // "The full path of an org unit. This matches all org unit chains under the target."
    user("orgUnitPath", Type.STRING, EXACT);

    // Groups: "email" and "name" take "=, :{PREFIX}*" (no plain ':'); memberKey "=" alone.
    GROUPS.put("email", new Spec("email", Type.STRING, EXACT_OR_PREFIX));
    GROUPS.put("name", new Spec("name", Type.STRING, EXACT_OR_PREFIX));
    GROUPS.put("memberKey", new Spec("memberKey", Type.STRING, EXACT));
  }

  private static void user(String name, Type type, Set<Operator> operators) {
    USERS.put(name, new Spec(name, type, operators));
  }

  /**
   * @param table {@link #USERS} or {@link #GROUPS}
   * @param field a field as written
   * @return its spec, or null when the table has no such field
   */
  static @Nullable Spec lookup(Map<String, Spec> table, String field) {
    Spec s = table.get(field);
    if (s == null && table == USERS && CUSTOM_NAME.matcher(field).matches()) {
      return CUSTOM;
    }
    return s;
  }

  /**
   * @param table a table
   * @param field a field the table does not have
   * @return a hint: the documented spelling when only the case differs, else the fields
   */
  static String unknownFieldHint(Map<String, Spec> table, String field) {
    for (String known : table.keySet()) {
      if (known.equalsIgnoreCase(field)) {
        return "field names are case-sensitive: write " + known;
      }
    }
    return "the fields are "
        + String.join(", ", table.keySet())
        + (table == USERS ? " and custom attributes (schemaName.fieldName)" : "");
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
