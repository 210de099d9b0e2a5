package io.github.ssosync.directory;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One key of {@link DirectoryUser#attributes()}, parsed: the keys every source speaks, named after
 * Google's user resource (see {@link DirectoryUser} for the list). A source uses it to know what a
 * key asks for; a file or a mapping uses it to refuse a key no source fills.
 *
 * @param family the user resource's field: {@code name}, {@code organizations}, {@code phones},
 *     {@code addresses}, {@code externalIds}, {@code relations}, {@code locations}, {@code
 *     languages}, {@code emails} or {@code customSchemas}
 * @param type the entry's type ({@code phones.mobile}, {@code addresses.work.locality}, {@code
 *     externalIds.organization}), or for {@code customSchemas} the schema's name; null when the key
 *     reads the primary (else the first) entry
 * @param field the entry's field ({@code organizations.title}, {@code addresses.work.locality},
 *     {@code customSchemas.AWS.Username}); null when the key reads the entry's value itself
 */
public record UserAttributeKey(String family, @Nullable String type, @Nullable String field) {

  /** Fields of each family that names its fields; families absent here name none. */
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "name", Set.of("fullName", "displayName"),
          "organizations",
              Set.of(
                  "title",
                  "department",
                  "costCenter",
                  "name",
                  "description",
                  "location",
                  "symbol",
                  "domain"),
          "addresses",
              Set.of(
                  "formatted",
                  "streetAddress",
                  "locality",
                  "region",
                  "postalCode",
                  "country",
                  "countryCode",
                  "poBox",
                  "extendedAddress"),
          "locations", Set.of("buildingId", "floorName", "floorSection", "deskCode", "area"));

  /** The families whose second part is a type ({@code phones.mobile}). */
  private static final Set<String> TYPED = Set.of("phones", "externalIds", "relations", "emails");

  /**
   * @param key a key, such as {@code organizations.department} or {@code customSchemas.AWS.Role}
   * @return it parsed
   * @throws IllegalArgumentException naming the key and what is wrong with it
   */
  public static UserAttributeKey parse(String key) {
    String[] p = key.split("\\.", -1);
    for (String part : p) {
      if (part.isEmpty()) {
        throw unknown(key, "an empty part");
      }
    }
    String family = p[0];
    Set<String> fields = FIELDS.get(family);
    if (family.equals("customSchemas")) {
      if (p.length != 3) {
        throw unknown(key, "custom schema fields are customSchemas.<schema>.<field>");
      }
      return new UserAttributeKey(family, p[1], p[2]);
    }
    if (family.equals("phones") || family.equals("languages")) {
      if (p.length == 1) {
        return new UserAttributeKey(family, null, null);
      }
    }
    if (TYPED.contains(family) && p.length == 2) {
      return new UserAttributeKey(family, p[1], null);
    }
    if (fields != null && p.length == 2 && fields.contains(p[1])) {
      return new UserAttributeKey(family, null, p[1]);
    }
    if (family.equals("addresses") && p.length == 3 && fields.contains(p[2])) {
      return new UserAttributeKey(family, p[1], p[2]);
    }
    if (fields != null && p.length == 2) {
      throw unknown(key, family + " has no field " + p[1] + " (known: " + sorted(fields) + ")");
    }
    throw unknown(
        key,
        "known keys are name.<field>, organizations.<field>, phones, phones.<type>,"
            + " addresses.<field>, addresses.<type>.<field>, externalIds.<type>,"
            + " relations.<type>, locations.<field>, languages, emails.<type> and"
            + " customSchemas.<schema>.<field>");
  }

  /**
   * @param family a family that names its fields ({@code name}, {@code organizations}, {@code
   *     addresses}, {@code locations})
   * @return the fields a key of that family may name; empty for other families
   */
  public static Set<String> fieldsOf(String family) {
    return FIELDS.getOrDefault(family, Set.of());
  }

  /**
   * @param key a key
   * @return whether {@link #parse} accepts it
   */
  public static boolean isKnown(String key) {
    try {
      parse(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The key as {@link DirectoryUser#attributes()} spells it. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(family);
    if (type != null) {
      b.append('.').append(type);
    }
    if (field != null) {
      b.append('.').append(field);
    }
    return b.toString();
  }

  private static IllegalArgumentException unknown(String key, String why) {
    return new IllegalArgumentException("unknown user attribute \"" + key + "\": " + why);
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }
}
