package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.model.User;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.UserAttributeKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Google user's profile fields as the attribute keys {@link DirectoryUser} documents. The entry
 * types are those of the Users resource (Directory API reference, "Resource: User": organizations,
 * phones, addresses, externalIds, relations, locations, languages and emails are lists of objects
 * with {@code type}, {@code customType} for {@code type: custom}, and for some {@code primary});
 * custom schema fields are single values or, when multi-valued, lists of {@code {"value": ...}}
 * ("Manage custom user fields"). Only the fields the response holds are filled, and a read holds
 * only those the mapping asked for ({@link UserRead}).
 */
final class ProfileAttributes {
  /** The fields each family names: one list, with the keys' parser. */
  private static final Set<String> ORGANIZATION = UserAttributeKey.fieldsOf("organizations");

  private static final Set<String> ADDRESS = UserAttributeKey.fieldsOf("addresses");
  private static final Set<String> LOCATION = UserAttributeKey.fieldsOf("locations");

  private ProfileAttributes() {}

  /**
   * @param u a user as the API returned it
   * @return its attributes, by the documented keys; empty when the response held none
   */
  static Map<String, String> of(User u) {
    Map<String, String> out = new LinkedHashMap<>();
    if (u.getName() != null) {
      put(out, "name.fullName", u.getName().getFullName());
      put(out, "name.displayName", u.getName().getDisplayName());
    }
    Map<?, ?> org = primaryElseFirst(u.getOrganizations());
    if (org != null) {
      fields(out, "organizations.", org, ORGANIZATION);
    }
    Map<?, ?> phone = primaryElseFirst(u.getPhones());
    if (phone != null) {
      put(out, "phones", phone.get("value"));
    }
    firstOfEachType(out, "phones.", u.getPhones(), "value", false);
    Map<?, ?> address = primaryElseFirst(u.getAddresses());
    if (address != null) {
      fields(out, "addresses.", address, ADDRESS);
    }
    Set<String> types = new HashSet<>();
    for (Map<?, ?> a : entries(u.getAddresses())) {
      String type = typeOf(a);
      if (type != null && types.add(type)) {
        fields(out, "addresses." + type + ".", a, ADDRESS);
      }
    }
    firstOfEachType(out, "externalIds.", u.getExternalIds(), "value", false);
    firstOfEachType(out, "relations.", u.getRelations(), "value", false);
    // Google lists the primary address among emails (primary: true); the keys name the others.
    firstOfEachType(out, "emails.", u.getEmails(), "address", true);
    List<Map<?, ?>> locations = entries(u.getLocations());
    if (!locations.isEmpty()) {
      fields(out, "locations.", locations.get(0), LOCATION);
    }
    List<Map<?, ?>> languages = entries(u.getLanguages());
    if (!languages.isEmpty()) {
      Object code = languages.get(0).get("languageCode");
      put(out, "languages", code != null ? code : languages.get(0).get("customLanguage"));
    }
    if (u.getCustomSchemas() != null) {
      u.getCustomSchemas()
          .forEach(
              (schema, values) -> {
                if (values != null) {
                  values.forEach(
                      (field, v) -> put(out, "customSchemas." + schema + "." + field, first(v)));
                }
              });
    }
    return out;
  }

  /** A multi-valued custom field's first value; a single value as it is. */
  private static @Nullable Object first(@Nullable Object v) {
    if (v instanceof Collection<?> list) {
      for (Object item : list) {
        Object value = item instanceof Map<?, ?> m ? m.get("value") : item;
        if (value != null) {
          return value;
        }
      }
      return null;
    }
    return v;
  }

  private static @Nullable Map<?, ?> primaryElseFirst(@Nullable Object list) {
    List<Map<?, ?>> items = entries(list);
    for (Map<?, ?> m : items) {
      if (Boolean.TRUE.equals(m.get("primary"))) {
        return m;
      }
    }
    return items.isEmpty() ? null : items.get(0);
  }

  private static void firstOfEachType(
      Map<String, String> out, String prefix, @Nullable Object list, String value, boolean skip) {
    for (Map<?, ?> m : entries(list)) {
      if (skip && Boolean.TRUE.equals(m.get("primary"))) {
        continue;
      }
      String type = typeOf(m);
      if (type != null && m.get(value) != null) {
        out.putIfAbsent(prefix + type, String.valueOf(m.get(value)));
      }
    }
  }

  /** An entry's type: a custom type by its name. A type with a dot or none cannot be a key part. */
  private static @Nullable String typeOf(Map<?, ?> m) {
    Object type = "custom".equals(m.get("type")) ? m.get("customType") : m.get("type");
    String t = type == null ? null : String.valueOf(type);
    return t == null || t.isEmpty() || t.indexOf('.') >= 0 ? null : t;
  }

  private static void fields(
      Map<String, String> out, String prefix, Map<?, ?> entry, Set<String> names) {
    for (String f : names) {
      put(out, prefix + f, entry.get(f));
    }
  }

  private static void put(Map<String, String> out, String key, @Nullable Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      out.put(key, String.valueOf(value));
    }
  }

  private static List<Map<?, ?>> entries(@Nullable Object list) {
    if (!(list instanceof Collection<?> items)) {
      return List.of();
    }
    List<Map<?, ?>> out = new java.util.ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof Map<?, ?> m) {
        out.add(m);
      }
    }
    return out;
  }
}
