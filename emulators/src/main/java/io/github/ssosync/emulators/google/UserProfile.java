package io.github.ssosync.emulators.google;

import static io.github.ssosync.emulators.google.DirectoryResources.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.UserAttributeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The profile fields of a user as the Users resource shapes them (Directory API reference,
 * "Resource: User" and its entry types UserOrganization, UserPhone, UserAddress, UserExternalId,
 * UserRelation, UserLocation, UserLanguage, UserEmail; "Manage custom user fields" for {@code
 * customSchemas}), made from the attribute keys {@link DirectoryUser#attributes()} documents, so
 * that a user seeded with {@code organizations.department=Eng} reads back the same through a
 * source:
 *
 * <ul>
 *   <li>{@code organizations.<field>}: one work organization, {@code primary: true};
 *   <li>{@code phones}, {@code addresses.<field>}: the primary entry; {@code phones.<type>}, {@code
 *       addresses.<type>.<field>}: an entry of that type ({@code type: custom} with {@code
 *       customType} when Google has no such type);
 *   <li>{@code externalIds.<type>}, {@code relations.<type>}, {@code emails.<type>}: an entry of
 *       that type; {@code emails} also holds the primary email, {@code primary: true}, as Google's
 *       do;
 *   <li>{@code locations.<field>}: one desk location; {@code languages}: one {@code languageCode}
 *       (a value that is not an ISO 639 code goes to {@code customLanguage});
 *   <li>{@code customSchemas.<schema>.<field>} and, as before, {@code <Schema>.<field>}: a
 *       single-valued custom field.
 * </ul>
 *
 * What these keys cannot say (several organizations, a primary entry that is not the first, a
 * multi-valued custom field) a test sets in Google's own JSON with {@link
 * GoogleDirectoryEmulator#userFields}.
 */
final class UserProfile {
  /** Types Google names for each kind of entry; any other is {@code custom} + customType. */
  private static final Map<String, Set<String>> TYPES =
      Map.of(
          "phones",
          Set.of(
              "assistant",
              "callback",
              "car",
              "company_main",
              "grand_central",
              "home",
              "home_fax",
              "isdn",
              "main",
              "mobile",
              "other",
              "other_fax",
              "pager",
              "radio",
              "telex",
              "tty_tdd",
              "work",
              "work_fax",
              "work_mobile",
              "work_pager"),
          "addresses",
          Set.of("home", "other", "work"),
          "externalIds",
          Set.of("account", "customer", "login_id", "network", "organization"),
          "relations",
          Set.of(
              "admin_assistant",
              "assistant",
              "brother",
              "child",
              "domestic_partner",
              "dotted_line_manager",
              "exec_assistant",
              "father",
              "friend",
              "manager",
              "mother",
              "parent",
              "partner",
              "referred_by",
              "relative",
              "sister",
              "spouse"),
          "emails",
          Set.of("home", "other", "work"));

  /** Legacy seeding names of the primary organization's fields (the search guide's names). */
  private static final Map<String, String> ORG_SEARCH_FIELDS =
      Map.of(
          "orgName", "name",
          "orgTitle", "title",
          "orgDepartment", "department",
          "orgDescription", "description",
          "orgCostCenter", "costCenter");

  private UserProfile() {}

  /**
   * Adds the profile fields to a rendered user.
   *
   * @param n the user's JSON
   * @param u the user
   * @param overlay Google-shaped fields that replace the rendered ones, or null
   */
  static void render(ObjectNode n, DirectoryUser u, @Nullable ObjectNode overlay) {
    ObjectNode org = JSON.createObjectNode();
    Map<String, ObjectNode> typed = new LinkedHashMap<>();
    ObjectNode schemas = JSON.createObjectNode();
    String phone = null;
    ObjectNode address = null;
    ObjectNode location = null;
    String language = null;
    for (Map.Entry<String, String> e : u.attributes().entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      String legacy = ORG_SEARCH_FIELDS.get(k);
      if (legacy != null) {
        org.put(legacy, v);
        continue;
      }
      UserAttributeKey key =
          k.indexOf('.') < 0 && !k.equals("phones") && !k.equals("languages") ? null : known(k);
      if (key == null) {
        String legacySchema = schemaOf(k); // <Schema>.<field>, as seeded before
        if (legacySchema != null) {
          schema(schemas, legacySchema).put(k.substring(legacySchema.length() + 1), v);
        }
        continue;
      }
      switch (key.family()) {
        case "name" -> ((ObjectNode) n.get("name")).put(key.field(), v);
        case "organizations" -> org.put(key.field(), v);
        case "phones" -> {
          if (key.type() == null) {
            phone = v;
          } else {
            typed(typed, "phones", key.type()).put("value", v);
          }
        }
        case "addresses" -> {
          if (key.type() == null) {
            address = address == null ? JSON.createObjectNode() : address;
            address.put(key.field(), v);
          } else {
            typed(typed, "addresses", key.type()).put(key.field(), v);
          }
        }
        case "externalIds", "relations" -> typed(typed, key.family(), key.type()).put("value", v);
        case "emails" -> typed(typed, "emails", key.type()).put("address", v);
        case "locations" -> {
          location = location == null ? JSON.createObjectNode().put("type", "desk") : location;
          location.put(key.field(), v);
        }
        case "languages" -> language = v;
        case "customSchemas" -> schema(schemas, key.type()).put(key.field(), v);
        default -> {}
      }
    }
    if (!org.isEmpty()) {
      org.put("primary", true);
      org.put("type", "work");
      n.putArray("organizations").add(org);
    }
    ArrayNode emails = n.putArray("emails");
    emails.addObject().put("address", u.primaryEmail()).put("primary", true);
    if (phone != null) {
      n.putArray("phones")
          .add(primary(typed, "phones", JSON.createObjectNode().put("value", phone)));
    }
    if (address != null) {
      n.putArray("addresses").add(primary(typed, "addresses", address));
    }
    typed.forEach(
        (familyAndType, entry) -> {
          String family = familyAndType.substring(0, familyAndType.indexOf('\u0000'));
          ArrayNode list = n.has(family) ? (ArrayNode) n.get(family) : n.putArray(family);
          list.add(entry);
        });
    if (location != null) {
      n.putArray("locations").add(location);
    }
    if (language != null) {
      n.putArray("languages")
          .addObject()
          .put(
              language.matches("[a-z]{2,3}(-[A-Za-z0-9]+)*") ? "languageCode" : "customLanguage",
              language);
    }
    if (!schemas.isEmpty()) {
      n.set("customSchemas", schemas);
    }
    if (overlay != null) {
      n.setAll(overlay.deepCopy());
    }
  }

  /**
   * What {@code customSchemas} a projection lets through: basic, none; full, all; custom, the
   * schemas its {@code customFieldMask} names.
   */
  static void project(ObjectNode n, @Nullable Set<String> schemas) {
    JsonNode custom = n.get("customSchemas");
    if (custom == null) {
      return;
    }
    if (schemas == null) {
      return; // full
    }
    ((ObjectNode) custom).retain(schemas);
    if (custom.isEmpty()) {
      n.remove("customSchemas");
    }
  }

  /**
   * @param json Users resource fields in Google's JSON
   * @return them, checked
   * @throws IllegalArgumentException when the JSON is not an object or names a field the Users
   *     resource does not have
   */
  static ObjectNode overlay(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("userFields: not JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException("userFields: expected a JSON object, was " + json);
    }
    o.fieldNames()
        .forEachRemaining(
            f -> {
              if (!DirectoryResources.USER.fields().containsKey(f)) {
                throw new IllegalArgumentException(
                    "userFields: the Users resource has no field \"" + f + "\"");
              }
            });
    return o;
  }

  private static @Nullable UserAttributeKey known(String k) {
    try {
      return UserAttributeKey.parse(k);
    } catch (IllegalArgumentException e) {
      return null; // a search field's name (isAdmin, Schema.field), as seeded before
    }
  }

  /**
   * @param key an attribute key
   * @return the custom schema it sets a field of, or null
   */
  static @Nullable String schemaOf(String key) {
    if (key.startsWith("customSchemas.")) {
      return UserAttributeKey.isKnown(key) ? UserAttributeKey.parse(key).type() : null;
    }
    int dot = key.indexOf('.');
    return dot > 0 && dot == key.lastIndexOf('.') && !UserAttributeKey.isKnown(key)
        ? key.substring(0, dot)
        : null;
  }

  private static ObjectNode schema(ObjectNode schemas, String name) {
    return schemas.has(name) ? (ObjectNode) schemas.get(name) : schemas.putObject(name);
  }

  private static ObjectNode typed(Map<String, ObjectNode> typed, String family, String type) {
    return typed.computeIfAbsent(
        family + "\u0000" + type,
        k -> {
          ObjectNode entry = JSON.createObjectNode();
          if (TYPES.get(family).contains(type)) {
            entry.put("type", type);
          } else {
            entry.put("type", "custom").put("customType", type);
          }
          return entry;
        });
  }

  /**
   * The primary entry, of a type no typed key uses (so that {@code phones.work} still reads the
   * entry seeded for it), first in the list as Google shows it.
   */
  private static ObjectNode primary(Map<String, ObjectNode> typed, String family, ObjectNode e) {
    String type = "custom";
    for (String t : List.of("work", "home", "other")) {
      if (!typed.containsKey(family + "\u0000" + t)) {
        type = t;
        break;
      }
    }
    e.put("type", type);
    if (type.equals("custom")) {
      e.put("customType", "primary");
    }
    e.put("primary", true);
    return e;
  }
}
