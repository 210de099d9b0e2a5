package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.mapping.UserAttribute;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The optional attributes of a SCIM user as IAM Identity Center takes them (SCIM guide, "Supported
 * attributes" and the CreateUser, PutUser and PatchUser sections): the core user schema's single
 * valued strings, the name parts, one address, one phone number and the enterprise extension.
 *
 * <p>Refused as the guide says the service does not support them: {@code ims}, {@code photos},
 * {@code x509Certificates}, {@code entitlements}, {@code password}; the {@code display}
 * subattribute of emails, addresses and phone numbers; the manager's {@code displayName}; more than
 * one value of a multi-valued attribute. Where the guide is silent the stricter reading is taken:
 * an attribute no schema of the guide names is refused (not dropped), and enterprise attributes are
 * taken only when the request lists the extension's URN in {@code schemas} (RFC 7643 §3).
 */
final class ScimUsers {
  private ScimUsers() {}

  /** The enterprise extension's schema URN (RFC 7643 §4.3). */
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Core single-valued strings the guide lists as supported. */
  static final Set<String> SIMPLE =
      Set.of(
          "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone");

  /** Attributes the guide names as not supported. */
  static final Set<String> UNSUPPORTED =
      Set.of("ims", "photos", "x509Certificates", "entitlements", "password");

  private static final Set<String> TOP =
      Set.of(
          "schemas",
          "id",
          "meta",
          "externalId",
          "userName",
          "name",
          "displayName",
          "active",
          "emails",
          "addresses",
          "phoneNumbers",
          "roles",
          "groups",
          ENTERPRISE);

  private static final Map<String, UserAttribute> ADDRESS_PARTS =
      Map.of(
          "streetAddress", UserAttribute.STREET_ADDRESS,
          "locality", UserAttribute.LOCALITY,
          "region", UserAttribute.REGION,
          "postalCode", UserAttribute.POSTAL_CODE,
          "country", UserAttribute.COUNTRY,
          "formatted", UserAttribute.FORMATTED_ADDRESS);

  /** Name parts beyond the required two; {@code formatted} is supported but not kept here. */
  private static final Set<String> NAME_PARTS =
      Set.of("givenName", "familyName", "middleName", "honorificPrefix", "honorificSuffix");

  /**
   * The optional attributes of a whole user resource (CreateUser, PutUser), checked.
   *
   * @return each optional attribute the resource gives; the manager as its id
   */
  static Map<UserAttribute, String> optional(JsonNode in) {
    for (Iterator<String> it = in.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (UNSUPPORTED.contains(field)) {
        throw ScimError.invalid(field + " is not supported");
      }
      if (!TOP.contains(field) && !SIMPLE.contains(field)) {
        throw ScimError.invalid("Unknown attribute " + field);
      }
    }
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    for (String s : SIMPLE) {
      if (in.has(s)) {
        out.put(attribute(s), string(s, in.path(s)));
      }
    }
    JsonNode name = in.path("name");
    for (Iterator<String> it = name.fieldNames(); it.hasNext(); ) {
      String part = it.next();
      if (!NAME_PARTS.contains(part)) {
        throw ScimError.invalid("name." + part + " is not kept by this emulator");
      }
      if (!part.equals("givenName") && !part.equals("familyName")) {
        out.put(attribute("name." + part), string("name." + part, name.path(part)));
      }
    }
    out.putAll(address(in.path("addresses")));
    String phone = phone(in.path("phoneNumbers"));
    if (phone != null) {
      out.put(UserAttribute.PHONE_NUMBER, phone);
    }
    if (in.has(ENTERPRISE)) {
      requireSchema(in);
      out.putAll(enterprise(in.path(ENTERPRISE)));
    }
    return out;
  }

  /** The enterprise extension's URN must be listed in {@code schemas} when its values are sent. */
  private static void requireSchema(JsonNode in) {
    for (JsonNode s : in.path("schemas")) {
      if (ENTERPRISE.equals(s.asText())) {
        return;
      }
    }
    throw ScimError.invalid("schemas must list " + ENTERPRISE + " to carry its attributes");
  }

  /** The parts of an {@code addresses} value: at most one address, of known parts. */
  static Map<UserAttribute, String> address(JsonNode addresses) {
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    JsonNode a = single("addresses", addresses);
    if (a == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      UserAttribute part = ADDRESS_PARTS.get(e.getKey());
      if (part != null) {
        out.put(part, string("addresses." + e.getKey(), e.getValue()));
      } else if (!e.getKey().equals("type") && !e.getKey().equals("primary")) {
        throw ScimError.invalid("addresses." + e.getKey() + " is not supported");
      }
    }
    return out;
  }

  /** The one number of a {@code phoneNumbers} value, or null for none. */
  static @Nullable String phone(JsonNode phones) {
    JsonNode p = single("phoneNumbers", phones);
    if (p == null) {
      return null;
    }
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("value", "type", "primary").contains(f)) {
        throw ScimError.invalid("phoneNumbers." + f + " is not supported");
      }
    }
    return string("phoneNumbers.value", p.path("value"));
  }

  /** The attributes of an enterprise extension object. */
  static Map<UserAttribute, String> enterprise(JsonNode ext) {
    if (!ext.isObject()) {
      throw ScimError.invalid(ENTERPRISE + " must be an object");
    }
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = ext.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      UserAttribute a = enterpriseAttribute(e.getKey());
      out.put(
          a, a == UserAttribute.MANAGER ? manager(e.getValue()) : string(a.path(), e.getValue()));
    }
    return out;
  }

  /** An enterprise attribute by its SCIM name, such as {@code department}. */
  static UserAttribute enterpriseAttribute(String name) {
    UserAttribute a = UserAttribute.named("enterprise." + name);
    if (a == null || !a.path().equals("enterprise." + name)) {
      throw ScimError.invalid(ENTERPRISE + ":" + name + " is not supported");
    }
    return a;
  }

  /** The manager's id: {@code {"value": id}}; its {@code displayName} is not supported. */
  static String manager(JsonNode m) {
    if (!m.isObject()) {
      throw ScimError.invalid("manager must be an object with a value");
    }
    for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("value") && !f.equals("$ref")) {
        throw ScimError.invalid("manager." + f + " is not supported");
      }
    }
    return string("manager.value", m.path("value"));
  }

  /** The one item of a multi-valued attribute, or null for none. */
  private static @Nullable JsonNode single(String field, JsonNode values) {
    if (values.isMissingNode() || values.isNull()) {
      return null;
    }
    if (!values.isArray()) {
      throw ScimError.invalid(field + " must be a list");
    }
    if (values.size() > 1) {
      throw ScimError.invalid("only one value is permitted in " + field);
    }
    if (values.isEmpty()) {
      return null;
    }
    JsonNode item = values.path(0);
    if (!item.isObject()) {
      throw ScimError.invalid(field + " must hold objects");
    }
    if (item.has("display")) {
      throw ScimError.invalid(field + ".display is not supported");
    }
    return item;
  }

  static UserAttribute attribute(String path) {
    return IdentityCenterRules.optionalAttribute(path);
  }

  static String string(String field, JsonNode value) {
    if (!value.isTextual()) {
      throw ScimError.invalid(field + " must be a string");
    }
    return value.asText();
  }

  /** Writes a user's optional attributes into its SCIM representation. */
  static void render(ObjectNode n, Map<UserAttribute, String> optional) {
    ObjectNode name = (ObjectNode) n.path("name");
    ObjectNode address = null;
    ObjectNode enterprise = null;
    for (Map.Entry<UserAttribute, String> e : optional.entrySet()) {
      UserAttribute a = e.getKey();
      String path = a.path();
      if (path.startsWith("name.")) {
        name.put(path.substring(5), e.getValue());
      } else if (path.startsWith("addresses.")) {
        if (address == null) {
          address = n.putArray("addresses").addObject().put("type", "work");
        }
        address.put(path.substring(10), e.getValue());
      } else if (a == UserAttribute.PHONE_NUMBER) {
        n.putArray("phoneNumbers").addObject().put("value", e.getValue()).put("type", "work");
      } else if (a.enterprise()) {
        if (enterprise == null) {
          enterprise = n.putObject(ENTERPRISE);
          ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("schemas")).add(ENTERPRISE);
        }
        if (a == UserAttribute.MANAGER) {
          enterprise.putObject("manager").put("value", e.getValue());
        } else {
          enterprise.put(path.substring("enterprise.".length()), e.getValue());
        }
      } else {
        n.put(path, e.getValue());
      }
    }
  }
}
