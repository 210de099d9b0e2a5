package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Identity Store API requests as strictly as the API model (botocore {@code
 * identitystore/2020-06-15/service-2.json}) describes them: required members, id patterns, {@code
 * MaxResults} 1..100, {@code NextToken} only as the service issued it, 1 to 100 attribute
 * operations, at most one email. A request that breaks a rule gets a ValidationException.
 */
final class IdentityStoreInput {
  private IdentityStoreInput() {}

  static String identityStoreId(JsonNode in) {
    return matching(in, "IdentityStoreId", IdentityCenterRules.IDENTITY_STORE_ID);
  }

  /** A {@code ResourceId} member: UserId, GroupId, MembershipId. */
  static String resourceId(JsonNode in, String field) {
    return matching(in, field, IdentityCenterRules.RESOURCE_ID);
  }

  /** {@code MemberId} is a union whose only member is {@code UserId}. */
  static String memberUserId(JsonNode in) {
    if (!in.path("MemberId").isObject()) {
      throw IdentityStoreError.validation("MemberId is required");
    }
    return resourceId(in.path("MemberId"), "UserId");
  }

  /** {@code GroupIds} of IsMemberInGroups: 1 to 100 ids. */
  static List<String> groupIds(JsonNode in) {
    JsonNode ids = in.path("GroupIds");
    if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
      throw IdentityStoreError.validation("GroupIds must have 1 to 100 items");
    }
    List<String> out = new ArrayList<>();
    ids.forEach(
        id -> {
          if (!IdentityCenterRules.RESOURCE_ID.matcher(id.asText()).matches()) {
            throw IdentityStoreError.validation("GroupIds: not a group id: " + id.asText());
          }
          out.add(id.asText());
        });
    return out;
  }

  /** A string member the emulator needs, although the model leaves it optional. */
  static String required(JsonNode in, String field) {
    JsonNode v = in.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw IdentityStoreError.validation(field + " is required");
    }
    if (!v.isTextual()) {
      throw IdentityStoreError.validation(field + " must be a string");
    }
    return v.asText();
  }

  /**
   * The one email of an {@code Emails} list (CreateUser: {@code Value}) or of the {@code emails}
   * attribute of UpdateUser (a document, {@code value}). The model's {@code Emails} list holds 1 to
   * 1 items.
   */
  static @Nullable String email(JsonNode emails) {
    if (emails.isMissingNode() || emails.isNull()) {
      return null;
    }
    if (!emails.isArray() || emails.isEmpty() || emails.size() > 1) {
      throw IdentityStoreError.validation("Emails must have exactly 1 item (at most one email)");
    }
    JsonNode first = emails.path(0);
    JsonNode value = first.has("Value") ? first.path("Value") : first.path("value");
    if (!value.isTextual()) {
      throw IdentityStoreError.validation("an email needs a value");
    }
    return value.asText();
  }

  /** {@code Operations} of UpdateUser/UpdateGroup: 1 to 100. */
  static JsonNode operations(JsonNode in) {
    JsonNode ops = in.path("Operations");
    if (!ops.isArray() || ops.isEmpty() || ops.size() > 100) {
      throw IdentityStoreError.validation(
          "Operations must have 1 to 100 items, had " + (ops.isArray() ? ops.size() : 0));
    }
    return ops;
  }

  /** An {@code AttributePath} that matches the model's pattern and is one of {@code allowed}. */
  static String path(JsonNode operation, String... allowed) {
    String path = operation.path("AttributePath").asText("");
    if (!IdentityCenterRules.ATTRIBUTE_PATH.matcher(path).matches() || path.length() > 255) {
      throw IdentityStoreError.validation("AttributePath '" + path + "' is not a valid path");
    }
    for (String a : allowed) {
      if (a.equals(path)) {
        return path;
      }
    }
    throw IdentityStoreError.validation("Invalid attribute path " + path);
  }

  /** A document value that must be a string; null (or absent) unsets the attribute. */
  static @Nullable String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw IdentityStoreError.validation("the attribute value must be a string");
    }
    return value.asText();
  }

  /** {@code AlternateIdentifier}: a union, exactly one of ExternalId and UniqueAttribute. */
  static JsonNode alternateIdentifier(JsonNode in) {
    JsonNode alt = in.path("AlternateIdentifier");
    if (alt.has("ExternalId") == alt.has("UniqueAttribute")) {
      throw IdentityStoreError.validation(
          "AlternateIdentifier must have exactly one of ExternalId and UniqueAttribute");
    }
    return alt;
  }

  /**
   * The deprecated {@code Filters} of ListUsers/ListGroups: 0 or 1 filter on {@code UserName} or
   * {@code DisplayName} (the API reference's examples); anything else is refused.
   */
  static <T> List<T> filtered(
      JsonNode in, List<T> all, String attribute, Function<String, @Nullable T> byName) {
    JsonNode filters = in.path("Filters");
    if (filters.isMissingNode() || filters.isNull() || filters.isEmpty()) {
      return all;
    }
    if (filters.size() > 1 || !attribute.equals(filters.path(0).path("AttributePath").asText())) {
      throw IdentityStoreError.validation(
          "Filters: at most one filter, on the attribute path " + attribute);
    }
    T hit = byName.apply(filters.path(0).path("AttributeValue").asText(""));
    return hit == null ? List.of() : List.of(hit);
  }

  /**
   * One page of a list. {@code NextToken} is opaque: only a token this list issued is taken back.
   *
   * @param list names the list (operation, and the group or user it belongs to)
   */
  static <T> void page(
      String list,
      JsonNode in,
      List<T> all,
      ObjectNode out,
      String field,
      Function<T, ObjectNode> render) {
    JsonNode maxNode = in.path("MaxResults");
    if (!maxNode.isMissingNode() && !maxNode.isNull() && !maxNode.isInt()) {
      throw IdentityStoreError.validation("MaxResults must be an integer");
    }
    int max = maxNode.asInt(100);
    if (max < 1 || max > 100) {
      throw IdentityStoreError.validation("MaxResults must be between 1 and 100, was " + max);
    }
    int start = in.hasNonNull("NextToken") ? start(list, in.path("NextToken").asText(), all) : 0;
    ArrayNode items = out.putArray(field);
    int end = Math.min(all.size(), start + max);
    for (int i = start; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    if (end < all.size()) {
      out.put(
          "NextToken",
          Base64.getEncoder().encodeToString((list + ":" + end).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static int start(String list, String token, List<?> all) {
    if (token.isEmpty()
        || token.length() > 65535
        || !IdentityCenterRules.PAGE_TOKEN.matcher(token).matches()) {
      throw IdentityStoreError.validation("NextToken is not valid");
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = decoded.lastIndexOf(':');
      if (colon < 0 || !decoded.substring(0, colon).equals(list)) {
        throw new IllegalArgumentException(decoded);
      }
      int start = Integer.parseInt(decoded.substring(colon + 1));
      if (start < 0) {
        throw new IllegalArgumentException(decoded);
      }
      // The list may have shrunk since the token was issued: an empty last page, not an error.
      return Math.min(start, all.size());
    } catch (IllegalArgumentException e) {
      throw IdentityStoreError.validation("NextToken was not issued for this list");
    }
  }

  private static String matching(JsonNode in, String field, Pattern pattern) {
    JsonNode v = in.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw IdentityStoreError.validation(field + " is required");
    }
    String s = v.asText();
    if (!v.isTextual() || !pattern.matcher(s).matches()) {
      throw IdentityStoreError.validation(
          "Value '"
              + s
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + pattern.pattern());
    }
    return s;
  }
}
