package io.github.ssosync.provider.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The optional user attributes in IAM Identity Center's SCIM form (SCIM guide, "Supported
 * attributes", CreateUser and PatchUser): core strings by their names, name parts under {@code
 * name}, one address and one phone number of type {@code work}, and the enterprise extension under
 * its schema URN, listed in {@code schemas}, the manager as {@code {"value": id}} (the guide does
 * not support the manager's {@code displayName}). A PATCH names an enterprise attribute by its URN
 * path (RFC 7644 §3.10: {@code urn:...:enterprise:2.0:User:department}).
 */
final class ScimUserAttributes {
  private ScimUserAttributes() {}

  /** The enterprise extension's schema URN (RFC 7643 §4.3). */
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One PATCH operation: replace {@code path} with {@code value}, or remove it when null. */
  record Op(String path, @Nullable JsonNode value) {}

  /**
   * @param path an attribute change's path
   * @return the optional attribute it names, or null when it names a required one or none
   */
  static @Nullable UserAttribute optional(String path) {
    UserAttribute a = UserAttribute.named(path);
    return a == null || a.required() || !a.path().equals(path) ? null : a;
  }

  /**
   * The PATCH operation of one optional attribute's change; null for an address part (the address
   * is written whole, see {@link UserAddresses}).
   */
  static @Nullable Op operation(Change.UpdateUser c, AttributeChange change) {
    UserAttribute a = java.util.Objects.requireNonNull(optional(change.attribute()));
    String after = change.after();
    if (UserAddresses.PARTS.contains(a)) {
      return null;
    }
    if (a == UserAttribute.MANAGER) {
      // before/after name users for the plan; the id is the resolved reference's.
      ObjectRef manager = c.attributes().manager();
      return new Op(
          ENTERPRISE + ":manager",
          manager == null ? null : NODES.objectNode().put("value", manager.requireTargetId()));
    }
    JsonNode value = after == null ? null : NODES.textNode(after);
    if (a == UserAttribute.PHONE_NUMBER) {
      return new Op("phoneNumbers", after == null ? null : phoneNumbers(after));
    }
    if (a.enterprise()) {
      return new Op(ENTERPRISE + ":" + enterpriseName(a), value);
    }
    return new Op(a.path(), value);
  }

  /** Adds the optional attributes and the manager to a user resource a CreateUser sends. */
  static void create(ObjectNode user, UserAttributes a) {
    ObjectNode enterprise = null;
    Map<UserAttribute, String> address = new java.util.EnumMap<>(UserAttribute.class);
    for (Map.Entry<UserAttribute, String> e : a.optional().entrySet()) {
      UserAttribute k = e.getKey();
      String v = e.getValue();
      if (UserAddresses.PARTS.contains(k)) {
        address.put(k, v);
      } else if (k == UserAttribute.PHONE_NUMBER) {
        user.set("phoneNumbers", phoneNumbers(v));
      } else if (k.enterprise()) {
        enterprise = enterprise != null ? enterprise : enterprise(user);
        enterprise.put(enterpriseName(k), v);
      } else if (k.path().startsWith("name.")) {
        ((ObjectNode) user.get("name")).put(k.path().substring("name.".length()), v);
      } else {
        user.put(k.path(), v);
      }
    }
    if (!address.isEmpty()) {
      user.set("addresses", addresses(address));
    }
    ObjectRef manager = a.manager();
    if (manager != null) {
      enterprise = enterprise != null ? enterprise : enterprise(user);
      enterprise.putObject("manager").put("value", manager.requireTargetId());
    }
  }

  private static ObjectNode enterprise(ObjectNode user) {
    JsonNode schemas = user.path("schemas");
    ArrayNode list = schemas.isArray() ? (ArrayNode) schemas : user.putArray("schemas");
    list.add(ENTERPRISE);
    return user.putObject(ENTERPRISE);
  }

  private static String enterpriseName(UserAttribute a) {
    return a.path().substring("enterprise.".length());
  }

  /** An {@code addresses} value: the one work address with the given parts. */
  static ArrayNode addresses(Map<UserAttribute, String> parts) {
    ArrayNode list = NODES.arrayNode();
    ObjectNode address = list.addObject().put("type", "work").put("primary", true);
    parts.forEach((k, v) -> address.put(UserAddresses.member(k), v));
    return list;
  }

  private static ArrayNode phoneNumbers(String number) {
    ArrayNode list = NODES.arrayNode();
    list.addObject().put("value", number).put("type", "work").put("primary", true);
    return list;
  }
}
