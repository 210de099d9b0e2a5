package io.github.ssosync.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.testkit.aws.IdentityCenterStore.Group;
import io.github.ssosync.testkit.aws.IdentityCenterStore.Membership;
import io.github.ssosync.testkit.aws.IdentityCenterStore.StoreException;
import io.github.ssosync.testkit.aws.IdentityCenterStore.User;
import io.github.ssosync.testkit.emulator.FaultKind;
import io.github.ssosync.testkit.emulator.LoopbackServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM Identity Center's SCIM endpoint ({@code /scim/v2/}) over the shared store: Users and Groups
 * create, get, put, patch, delete and list; {@code eq} filters joined by {@code and}; paging of at
 * most 100; group reads without members; at most 100 member operations per group PATCH; a bearer
 * token.
 */
final class ScimServer extends LoopbackServer {
  static final String PREFIX = "/scim/v2/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCIM_JSON = "application/scim+json";
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\s*(\\w+)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern MEMBER_FILTER =
      Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"]+)\"\\s*\\]", Pattern.CASE_INSENSITIVE);

  private final IdentityCenterStore store;
  private volatile String token;
  private volatile boolean revoked;

  ScimServer(IdentityCenterStore store, String token) {
    this.store = store;
    this.token = token;
  }

  void revoke() {
    revoked = true;
  }

  @Override
  protected String operationOf(HttpExchange exchange, byte[] body) {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(PREFIX)) {
      return "scim.Unknown";
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    String resource =
        switch (parts[0]) {
          case "Users" -> "User";
          case "Groups" -> "Group";
          default -> "Unknown";
        };
    boolean one = parts.length > 1;
    return "scim."
        + switch (exchange.getRequestMethod()) {
          case "POST" -> "Create" + resource;
          case "GET" -> (one ? "Get" + resource : "List" + resource + "s");
          case "PUT" -> "Put" + resource;
          case "PATCH" -> "Patch" + resource;
          case "DELETE" -> "Delete" + resource;
          default -> "Unknown";
        };
  }

  @Override
  protected void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException {
    switch (fault) {
      case THROTTLE ->
          error(
              exchange,
              429,
              null,
              "Too many requests",
              Map.of("Retry-After", String.valueOf(faults().retryAfterSeconds())));
      case UNAVAILABLE -> error(exchange, 503, null, "Service unavailable", Map.of());
      case UNAUTHORIZED ->
          error(exchange, 401, null, "The bearer token is invalid or expired", Map.of());
      default -> error(exchange, 500, null, "Internal error", Map.of());
    }
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (revoked || auth == null || !auth.equals("Bearer " + token)) {
      error(exchange, 401, null, "The bearer token is invalid or expired", Map.of());
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(PREFIX) || operation.endsWith("Unknown")) {
      error(exchange, 404, null, "No such endpoint: " + path, Map.of());
      return;
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    String id = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
    try {
      JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      switch (operation) {
        case "scim.CreateUser" ->
            send(exchange, 201, SCIM_JSON, user(createUser(in)).toString(), Map.of());
        case "scim.GetUser" ->
            send(exchange, 200, SCIM_JSON, user(store.user(id)).toString(), Map.of());
        case "scim.PutUser" -> {
          store.user(id);
          putUser(id, in);
          send(exchange, 200, SCIM_JSON, user(store.user(id)).toString(), Map.of());
        }
        case "scim.PatchUser" -> {
          patchUser(id, in);
          send(exchange, 200, SCIM_JSON, user(store.user(id)).toString(), Map.of());
        }
        case "scim.DeleteUser" -> {
          store.deleteUser(id);
          send(exchange, 204, SCIM_JSON, "", Map.of());
        }
        case "scim.ListUsers" -> list(exchange, store.users(), this::userFilter, this::user);
        case "scim.CreateGroup" ->
            send(exchange, 201, SCIM_JSON, group(createGroup(in)).toString(), Map.of());
        case "scim.GetGroup" ->
            send(exchange, 200, SCIM_JSON, group(store.group(id)).toString(), Map.of());
        case "scim.PatchGroup" -> {
          patchGroup(id, in);
          send(exchange, 204, SCIM_JSON, "", Map.of());
        }
        case "scim.PutGroup" ->
            error(exchange, 501, null, "PUT on a group is not supported; use PATCH", Map.of());
        case "scim.DeleteGroup" -> {
          store.deleteGroup(id);
          send(exchange, 204, SCIM_JSON, "", Map.of());
        }
        case "scim.ListGroups" -> list(exchange, store.groups(), this::groupFilter, this::group);
        default -> error(exchange, 404, null, "No such endpoint: " + path, Map.of());
      }
    } catch (StoreException e) {
      switch (e.kind) {
        case NOT_FOUND -> error(exchange, 404, null, e.getMessage(), Map.of());
        case CONFLICT -> error(exchange, 409, "uniqueness", e.getMessage(), Map.of());
        case VALIDATION -> error(exchange, 400, "invalidValue", e.getMessage(), Map.of());
      }
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      error(exchange, 400, "invalidSyntax", e.getMessage(), Map.of());
    }
  }

  // ------------------------------------------------------------------ users

  private User createUser(JsonNode in) {
    JsonNode emails = in.path("emails");
    if (emails.size() > 1) {
      throw new StoreException(
          StoreException.Kind.VALIDATION, "", "at most one email is supported");
    }
    return store.createUser(
        in.path("userName").asText(""),
        in.path("name").path("givenName").asText(""),
        in.path("name").path("familyName").asText(""),
        in.path("displayName").asText(""),
        emails.size() == 1 ? emails.path(0).path("value").asText() : null,
        in.path("active").asBoolean(true),
        in.hasNonNull("externalId") ? in.path("externalId").asText() : null);
  }

  private void putUser(String id, JsonNode in) {
    store.setUserAttribute(id, "userName", in.path("userName").asText(""));
    store.setUserAttribute(id, "name.givenName", in.path("name").path("givenName").asText(""));
    store.setUserAttribute(id, "name.familyName", in.path("name").path("familyName").asText(""));
    store.setUserAttribute(id, "displayName", in.path("displayName").asText(""));
    JsonNode emails = in.path("emails");
    store.setUserAttribute(
        id, "emails", emails.size() > 0 ? emails.path(0).path("value").asText() : null);
    store.setUserAttribute(id, "active", String.valueOf(in.path("active").asBoolean(true)));
    store.setUserAttribute(
        id, "externalId", in.hasNonNull("externalId") ? in.path("externalId").asText() : null);
  }

  private void patchUser(String id, JsonNode in) {
    store.user(id);
    for (JsonNode op : operations(in)) {
      String verb = op.path("op").asText("").toLowerCase(Locale.ROOT);
      if (!verb.equals("replace") && !verb.equals("add")) {
        throw new IllegalArgumentException("unsupported op " + verb + " on a user");
      }
      if (op.hasNonNull("path")) {
        setUser(id, op.path("path").asText(), op.path("value"));
      } else {
        op.path("value").fields().forEachRemaining(e -> setUser(id, e.getKey(), e.getValue()));
      }
    }
  }

  private void setUser(String id, String path, JsonNode value) {
    switch (path) {
      case "name" -> {
        if (value.has("givenName")) {
          store.setUserAttribute(id, "name.givenName", value.path("givenName").asText());
        }
        if (value.has("familyName")) {
          store.setUserAttribute(id, "name.familyName", value.path("familyName").asText());
        }
      }
      case "emails" ->
          store.setUserAttribute(id, "emails", value.path(0).path("value").asText(null));
      case "active" -> store.setUserAttribute(id, "active", String.valueOf(value.asBoolean()));
      default -> store.setUserAttribute(id, path, value.isNull() ? null : value.asText());
    }
  }

  // ------------------------------------------------------------------ groups

  private Group createGroup(JsonNode in) {
    JsonNode members = in.path("members");
    if (members.size() > 100) {
      throw new StoreException(
          StoreException.Kind.VALIDATION, "", "a group can be created with at most 100 members");
    }
    for (JsonNode m : members) {
      store.user(m.path("value").asText());
    }
    Group g =
        store.createGroup(
            in.path("displayName").asText(""),
            null,
            in.hasNonNull("externalId") ? in.path("externalId").asText() : null);
    for (JsonNode m : members) {
      store.addMember(g.id, m.path("value").asText());
    }
    return g;
  }

  private void patchGroup(String id, JsonNode in) {
    store.group(id);
    List<JsonNode> ops = operations(in);
    int memberOps = 0;
    for (JsonNode op : ops) {
      String path = op.path("path").asText("");
      if (path.toLowerCase(Locale.ROOT).startsWith("members")) {
        memberOps += op.has("value") ? Math.max(1, op.path("value").size()) : 1;
      }
    }
    if (memberOps > 100) {
      throw new StoreException(
          StoreException.Kind.VALIDATION,
          "",
          "at most 100 member operations per request, had " + memberOps);
    }
    for (JsonNode op : ops) {
      String verb = op.path("op").asText("").toLowerCase(Locale.ROOT);
      String path = op.path("path").asText("");
      Matcher filter = MEMBER_FILTER.matcher(path);
      if (path.equalsIgnoreCase("members") && verb.equals("add")) {
        for (JsonNode m : op.path("value")) {
          String userId = m.path("value").asText();
          if (store.membership(id, userId) == null) {
            store.addMember(id, userId);
          }
        }
      } else if (path.equalsIgnoreCase("members")
          && verb.equals("remove")
          && op.path("value").size() > 0) {
        for (JsonNode m : op.path("value")) {
          Membership existing = store.membership(id, m.path("value").asText());
          if (existing != null) {
            store.removeMembership(existing.id());
          }
        }
      } else if (filter.matches() && verb.equals("remove")) {
        Membership existing = store.membership(id, filter.group(1));
        if (existing != null) {
          store.removeMembership(existing.id());
        }
      } else if (path.equalsIgnoreCase("members")) {
        throw new StoreException(
            StoreException.Kind.VALIDATION,
            "",
            "replacing or removing all members at once is not supported");
      } else if (verb.equals("replace") || verb.equals("add")) {
        if (path.isEmpty()) {
          op.path("value")
              .fields()
              .forEachRemaining(
                  e ->
                      store.setGroupAttribute(
                          id, e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else {
          store.setGroupAttribute(
              id, path, op.path("value").isNull() ? null : op.path("value").asText());
        }
      } else {
        throw new IllegalArgumentException("unsupported op " + verb + " " + path);
      }
    }
  }

  // ------------------------------------------------------------------ lists

  private Predicate<User> userFilter(String attribute, String value) {
    return switch (attribute.toLowerCase(Locale.ROOT)) {
      case "username" -> u -> u.userName.equalsIgnoreCase(value);
      case "externalid" -> u -> value.equals(u.externalId);
      case "id" -> u -> u.id.equals(value);
      default ->
          throw new IllegalArgumentException(
              "filtering users by " + attribute + " is not supported");
    };
  }

  private Predicate<Group> groupFilter(String attribute, String value) {
    return switch (attribute.toLowerCase(Locale.ROOT)) {
      case "displayname" -> g -> g.displayName.equalsIgnoreCase(value);
      case "externalid" -> g -> value.equals(g.externalId);
      case "id" -> g -> g.id.equals(value);
      default ->
          throw new IllegalArgumentException(
              "filtering groups by " + attribute + " is not supported");
    };
  }

  private <T> void list(
      HttpExchange exchange,
      List<T> all,
      java.util.function.BiFunction<String, String, Predicate<T>> filters,
      java.util.function.Function<T, ObjectNode> render)
      throws IOException {
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    Predicate<T> match = t -> true;
    if (q.containsKey("filter")) {
      for (String clause : q.get("filter").split("(?i)\\s+and\\s+")) {
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
          error(
              exchange,
              400,
              "invalidFilter",
              "only 'eq' filters joined by 'and' are supported: " + q.get("filter"),
              Map.of());
          return;
        }
        match = match.and(filters.apply(m.group(1), m.group(2).replace("\\\"", "\"")));
      }
    }
    int count = Integer.parseInt(q.getOrDefault("count", "100"));
    int startIndex = Integer.parseInt(q.getOrDefault("startIndex", "1"));
    if (count < 0 || count > 100 || startIndex < 1) {
      error(
          exchange,
          400,
          "invalidValue",
          "count must be between 0 and 100 and startIndex at least 1",
          Map.of());
      return;
    }
    List<T> hits = new ArrayList<>();
    for (T t : all) {
      if (match.test(t)) {
        hits.add(t);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    out.put("totalResults", hits.size());
    out.put("startIndex", startIndex);
    ArrayNode resources = out.putArray("Resources");
    for (int i = startIndex - 1; i < Math.min(hits.size(), startIndex - 1 + count); i++) {
      resources.add(render.apply(hits.get(i)));
    }
    out.put("itemsPerPage", resources.size());
    send(exchange, 200, SCIM_JSON, out.toString(), Map.of());
  }

  private ObjectNode user(User u) {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    n.put("id", u.id);
    if (u.externalId != null) {
      n.put("externalId", u.externalId);
    }
    n.put("userName", u.userName);
    ObjectNode name = n.putObject("name");
    name.put("givenName", u.givenName);
    name.put("familyName", u.familyName);
    n.put("displayName", u.displayName);
    if (u.email != null) {
      n.putArray("emails")
          .addObject()
          .put("value", u.email)
          .put("type", "work")
          .put("primary", true);
    }
    n.put("active", u.active);
    n.putObject("meta")
        .put("resourceType", "User")
        .put("created", u.createdAt.toString())
        .put("lastModified", u.updatedAt.toString());
    return n;
  }

  private ObjectNode group(Group g) {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    n.put("id", g.id);
    if (g.externalId != null) {
      n.put("externalId", g.externalId);
    }
    n.put("displayName", g.displayName);
    n.putArray("members"); // IAM Identity Center never returns members on group reads
    n.putObject("meta").put("resourceType", "Group");
    return n;
  }

  private static List<JsonNode> operations(JsonNode in) {
    List<JsonNode> ops = new ArrayList<>();
    in.path("Operations").forEach(ops::add);
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a PATCH needs Operations");
    }
    return ops;
  }

  private static void error(
      HttpExchange exchange,
      int status,
      String scimType,
      String detail,
      Map<String, String> headers)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
    out.put("status", String.valueOf(status));
    if (scimType != null) {
      out.put("scimType", scimType);
    }
    out.put("detail", detail);
    send(exchange, status, SCIM_JSON, out.toString(), headers);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
