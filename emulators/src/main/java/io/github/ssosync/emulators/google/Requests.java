package io.github.ssosync.emulators.google;

import static io.github.ssosync.emulators.google.DirectoryResources.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.google.PartialResponse.InvalidSelection;
import io.github.ssosync.emulators.google.PartialResponse.Schema;
import io.github.ssosync.emulators.google.PartialResponse.Selection;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.QuerySyntaxException;
import io.github.ssosync.query.UserQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every list and get of the emulator shares: parameter checks as the reference has them, and
 * paging.
 */
final class Requests {
  private Requests() {}

  /** Sends a response after the {@code fields} selection. */
  interface Sender {
    void send(ObjectNode body, Map<String, Selection> fields) throws IOException;
  }

  /** A refusal, sent as Google sends it; thrown out of the checks to end the request. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;
    final String reason;

    Refusal(int code, String message, String reason) {
      super(message, null, false, false);
      this.code = code;
      this.reason = reason;
    }
  }

  /**
   * The discovery document's bounds; out of range or not a number is 400, as Google's front end
   * answers.
   */
  static int pageSize(Map<String, String> q, int max, int fallback) throws Refusal {
    String v = q.get("maxResults");
    if (v == null) {
      return fallback;
    }
    int size;
    try {
      size = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 1 || size > max) {
      throw new Refusal(
          400,
          "Invalid value '" + v + "'. Values must be within the range: [1, " + max + "]",
          "invalid");
    }
    return size;
  }

  static Map<String, Selection> fields(Map<String, String> q, Schema schema) throws Refusal {
    String mask = q.get("fields");
    if (mask == null || mask.isEmpty()) {
      return Map.of("*", Selection.ALL);
    }
    try {
      return PartialResponse.parse(mask, schema);
    } catch (InvalidSelection e) {
      throw new Refusal(400, e.getMessage(), "invalidParameter");
    }
  }

  static UserQuery userQuery(String query) throws Refusal {
    try {
      return UserQuery.parse(query);
    } catch (QuerySyntaxException e) {
      throw invalidQuery();
    }
  }

  static GroupQuery groupQuery(String query) throws Refusal {
    try {
      return GroupQuery.parse(query);
    } catch (QuerySyntaxException e) {
      throw invalidQuery();
    }
  }

  /**
   * A query Google refuses: 400 "Invalid Input: query", reason invalid (awslabs/ssosync#148). The
   * guides do not document the body; the clause at fault is not named, as Google does not.
   */
  static Refusal invalidQuery() {
    return new Refusal(400, "Invalid Input: query", "invalid");
  }

  static Refusal invalid(String parameter, String value) {
    return new Refusal(400, "Invalid value '" + value + "' for " + parameter, "invalid");
  }

  /**
   * One page. The token carries the offset and a fingerprint of the list it belongs to: the
   * reference is silent on a token sent with another query or group, so such a token is refused
   * (stricter). "Google leaves the list out when it is empty", as its responses show.
   */
  static <T> void page(
      HttpExchange exchange,
      Map<String, String> q,
      String operation,
      int size,
      List<T> all,
      String kind,
      String field,
      Function<T, ObjectNode> render,
      Map<String, Selection> fields,
      Sender out)
      throws IOException, Refusal {
    String fingerprint = fingerprint(operation, exchange, q);
    int start = 0;
    String token = q.get("pageToken");
    if (token != null) {
      start = offset(token, fingerprint);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("kind", kind);
    body.put("etag", "\"emulated/" + Integer.toHexString(all.size()) + "\"");
    ArrayNode items = body.putArray(field);
    int end = Math.min(all.size(), start + size);
    for (int i = start; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    if (items.isEmpty()) {
      body.remove(field);
    }
    if (end < all.size()) {
      String t = end + ":" + fingerprint;
      body.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(t.getBytes(StandardCharsets.UTF_8)));
    }
    out.send(body, fields);
  }

  static int offset(String token, String fingerprint) throws Refusal {
    try {
      String t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = t.indexOf(':');
      if (colon > 0 && t.substring(colon + 1).equals(fingerprint)) {
        return Integer.parseInt(t.substring(0, colon));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new Refusal(400, "Invalid Input: pageToken", "invalid");
  }

  static String fingerprint(String operation, HttpExchange exchange, Map<String, String> q) {
    return Integer.toHexString(listKey(operation, exchange, q).hashCode());
  }

  /** What makes one list different from another: the operation, the path and its parameters. */
  static String listKey(String operation, HttpExchange exchange, Map<String, String> q) {
    StringBuilder b = new StringBuilder(operation).append(exchange.getRequestURI().getPath());
    for (String p :
        List.of(
            "customer",
            "domain",
            "query",
            "userKey",
            "includeDerivedMembership",
            "roles",
            "viewType",
            "showDeleted",
            "orderBy",
            "sortOrder")) {
      b.append('|').append(Objects.requireNonNullElse(q.get(p), ""));
    }
    return b.toString();
  }
}
