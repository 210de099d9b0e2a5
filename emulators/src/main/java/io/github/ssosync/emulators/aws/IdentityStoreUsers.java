package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.mapping.UserAttribute;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The optional user attributes of the Identity Store API (API reference and model of {@code
 * CreateUser}, {@code UpdateUser}, {@code ListUsers}, {@code DescribeUser} and the {@code User}
 * shape): the {@code SensitiveStringType} members, the {@code Name} parts, {@code Addresses} and
 * {@code PhoneNumbers} (lists of exactly one item), and the {@code Extensions} map whose only
 * supported name is {@code aws:identitystore:enterprise} ("the only supported extension name").
 *
 * <p>The API reference gives the extension's value as a document without describing it; the
 * December 2025 release note says it "aligns Identity Store APIs with SCIM for enterprise
 * attributes", so the emulator takes the SCIM enterprise schema's attribute names ({@code
 * employeeNumber}, {@code costCenter}, {@code organization}, {@code division}, {@code department},
 * {@code manager} as {@code {"value": id}}) and refuses any other member, the stricter reading.
 * UpdateUser's {@code AttributePath} pattern (letters and dots) cannot name the extension, so it is
 * written only by CreateUser here.
 */
final class IdentityStoreUsers {
  private IdentityStoreUsers() {}

  /** The only supported extension name. */
  static final String ENTERPRISE = "aws:identitystore:enterprise";

  /** {@code Extensions} of ListUsers/DescribeUser: 1..10 names, each 1..50 of this pattern. */
  private static final Pattern EXTENSION_NAME = Pattern.compile("aws:identitystore:[a-z]{1,20}");

  /** CreateUser's top-level strings, by member name. */
  private static final Map<String, UserAttribute> STRINGS =
      Map.of(
          "NickName", UserAttribute.NICK_NAME,
          "ProfileUrl", UserAttribute.PROFILE_URL,
          "Title", UserAttribute.TITLE,
          "UserType", UserAttribute.USER_TYPE,
          "PreferredLanguage", UserAttribute.PREFERRED_LANGUAGE,
          "Locale", UserAttribute.LOCALE,
          "Timezone", UserAttribute.TIMEZONE);

  private static final Map<String, UserAttribute> NAME_PARTS =
      Map.of(
          "MiddleName", UserAttribute.MIDDLE_NAME,
          "HonorificPrefix", UserAttribute.HONORIFIC_PREFIX,
          "HonorificSuffix", UserAttribute.HONORIFIC_SUFFIX);

  private static final Map<String, UserAttribute> ADDRESS_PARTS =
      Map.of(
          "StreetAddress", UserAttribute.STREET_ADDRESS,
          "Locality", UserAttribute.LOCALITY,
          "Region", UserAttribute.REGION,
          "PostalCode", UserAttribute.POSTAL_CODE,
          "Country", UserAttribute.COUNTRY,
          "Formatted", UserAttribute.FORMATTED_ADDRESS);

  /**
   * The UpdateUser paths the emulator keeps (lower camel case, as the API reference's {@code
   * displayName}); the status and external ids are read-only here (SCIM only).
   */
  static final String[] UPDATE_PATHS = {
    "userName",
    "displayName",
    "name",
    "name.givenName",
    "name.familyName",
    "emails",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "name.middleName",
    "name.honorificPrefix",
    "name.honorificSuffix",
    "addresses",
    "phoneNumbers"
  };

  /** The optional attributes of a CreateUser request. */
  static Map<UserAttribute, String> create(JsonNode in) {
    for (String kept : List.of("Photos", "Website", "Birthdate", "Roles")) {
      if (in.has(kept)) {
        throw IdentityStoreError.validation(kept + " is not kept by this emulator");
      }
    }
    if (in.path("Name").has("Formatted")) {
      throw IdentityStoreError.validation("Name.Formatted is not kept by this emulator");
    }
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    STRINGS.forEach((member, a) -> put(out, a, member, in.path(member)));
    NAME_PARTS.forEach((member, a) -> put(out, a, "Name." + member, in.path("Name").path(member)));
    JsonNode address = one(in, "Addresses");
    if (address != null) {
      ADDRESS_PARTS.forEach((m, a) -> put(out, a, "Addresses." + m, address.path(m)));
    }
    JsonNode phone = one(in, "PhoneNumbers");
    if (phone != null) {
      put(out, UserAttribute.PHONE_NUMBER, "PhoneNumbers.Value", phone.path("Value"));
    }
    JsonNode ext = in.path("Extensions");
    if (!ext.isMissingNode() && !ext.isNull()) {
      for (Iterator<String> it = ext.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals(ENTERPRISE)) {
          throw IdentityStoreError.validation(
              "Extensions: " + name + " is not supported; " + ENTERPRISE + " is the only one");
        }
      }
      out.putAll(enterprise(ext.path(ENTERPRISE)));
    }
    return out;
  }

  private static Map<UserAttribute, String> enterprise(JsonNode doc) {
    if (!doc.isObject()) {
      throw IdentityStoreError.validation(ENTERPRISE + " must be an object");
    }
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      UserAttribute a = UserAttribute.named("enterprise." + e.getKey());
      if (a == null || !a.path().equals("enterprise." + e.getKey())) {
        throw IdentityStoreError.validation(ENTERPRISE + ": unknown attribute " + e.getKey());
      }
      JsonNode v = a == UserAttribute.MANAGER ? e.getValue().path("value") : e.getValue();
      put(out, a, ENTERPRISE + "." + e.getKey(), v);
      if (!out.containsKey(a)) {
        throw IdentityStoreError.validation(ENTERPRISE + "." + e.getKey() + " needs a value");
      }
    }
    return out;
  }

  /** Whether a ListUsers/DescribeUser request asks for the enterprise extension. */
  static boolean wantsEnterprise(JsonNode in) {
    JsonNode names = in.path("Extensions");
    if (names.isMissingNode() || names.isNull()) {
      return false;
    }
    if (!names.isArray() || names.isEmpty() || names.size() > 10) {
      throw IdentityStoreError.validation("Extensions must have 1 to 10 items");
    }
    for (JsonNode n : names) {
      if (!n.isTextual() || !EXTENSION_NAME.matcher(n.asText()).matches()) {
        throw IdentityStoreError.validation(
            "Value at 'extensions' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: "
                + EXTENSION_NAME.pattern());
      }
      if (!n.asText().equals(ENTERPRISE)) {
        throw IdentityStoreError.validation(
            "Extensions: " + n.asText() + " is not supported; " + ENTERPRISE + " is the only one");
      }
    }
    return true;
  }

  /**
   * The address parts of an UpdateUser {@code addresses} value (a list of one document, lower camel
   * case members as in {@code emails}); null unsets the address.
   */
  static Map<UserAttribute, String> address(JsonNode value) {
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    if (value.isMissingNode() || value.isNull()) {
      return out;
    }
    if (!value.isArray() || value.size() != 1) {
      throw IdentityStoreError.validation("Addresses must have exactly 1 item");
    }
    JsonNode a = value.path(0);
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String member = Character.toUpperCase(key.charAt(0)) + key.substring(1);
      UserAttribute part = ADDRESS_PARTS.get(member);
      if (part != null) {
        put(out, part, "addresses." + key, e.getValue());
      } else if (!key.equals("type") && !key.equals("primary")) {
        throw IdentityStoreError.validation("addresses: unknown member " + key);
      }
    }
    return out;
  }

  /** The number of an UpdateUser {@code phoneNumbers} value; null unsets it. */
  static @org.jspecify.annotations.Nullable String phone(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isArray() || value.size() != 1) {
      throw IdentityStoreError.validation("PhoneNumbers must have exactly 1 item");
    }
    return IdentityStoreInput.text(value.path(0).path("value"));
  }

  /** Writes the optional attributes into a {@code User} of ListUsers/DescribeUser. */
  static void render(ObjectNode n, Map<UserAttribute, String> optional, boolean enterprise) {
    ObjectNode address = null;
    ObjectNode ext = null;
    for (Map.Entry<UserAttribute, String> e : optional.entrySet()) {
      UserAttribute a = e.getKey();
      String v = e.getValue();
      String member = member(a);
      if (a.enterprise()) {
        if (!enterprise) {
          continue; // only with Extensions: [aws:identitystore:enterprise]
        }
        if (ext == null) {
          ext = n.putObject("Extensions").putObject(ENTERPRISE);
        }
        String name = a.path().substring("enterprise.".length());
        if (a == UserAttribute.MANAGER) {
          ext.putObject(name).put("value", v);
        } else {
          ext.put(name, v);
        }
      } else if (NAME_PARTS.containsValue(a)) {
        ((ObjectNode) n.path("Name")).put(member, v);
      } else if (ADDRESS_PARTS.containsValue(a)) {
        if (address == null) {
          address = n.putArray("Addresses").addObject().put("Type", "work");
        }
        address.put(member, v);
      } else if (a == UserAttribute.PHONE_NUMBER) {
        n.putArray("PhoneNumbers").addObject().put("Value", v).put("Type", "work");
      } else {
        n.put(member, v);
      }
    }
  }

  private static String member(UserAttribute a) {
    for (Map<String, UserAttribute> m : List.of(STRINGS, NAME_PARTS, ADDRESS_PARTS)) {
      for (Map.Entry<String, UserAttribute> e : m.entrySet()) {
        if (e.getValue() == a) {
          return e.getKey();
        }
      }
    }
    return a.key();
  }

  private static @org.jspecify.annotations.Nullable JsonNode one(JsonNode in, String member) {
    JsonNode list = in.path(member);
    if (list.isMissingNode() || list.isNull()) {
      return null;
    }
    // The model's Addresses and PhoneNumbers lists hold 1 to 1 items.
    if (!list.isArray() || list.size() != 1) {
      throw IdentityStoreError.validation(member + " must have exactly 1 item");
    }
    return list.path(0);
  }

  private static void put(
      Map<UserAttribute, String> out, UserAttribute a, String field, JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return;
    }
    if (!v.isTextual()) {
      throw IdentityStoreError.validation(field + " must be a string");
    }
    out.put(a, v.asText());
  }
}
