package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.aws.IdentityCenterStore.Group;
import io.github.ssosync.emulators.aws.IdentityCenterStore.User;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.LoopbackServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM Identity Center's SCIM endpoint ({@code /scim/v2/}) over the shared store, with the rules of
 * the IAM Identity Center SCIM implementation guide: Users and Groups create, get, put (users),
 * patch, delete and list; {@code eq} filters joined by {@code and} in the documented combinations,
 * cursor paging of at most 100 ({@link ScimQuery}); group reads without members; PATCH rules
 * ({@link ScimPatch}); required user attributes and one primary email; errors in the service's
 * shape ({@link ScimError}); a bearer token.
 */
final class ScimServer extends LoopbackServer {
  static final String PREFIX = "/scim/v2/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCIM_JSON = "application/scim+json";

  private final IdentityCenterStore store;
  private final ScimPatch patch;
  private final CloudTrailLog trail;
  private final String tenantId;
  private volatile String token;
  private volatile boolean revoked;

  ScimServer(IdentityCenterStore store, String token, CloudTrailLog trail, String tenantId) {
    this.store = store;
    this.trail = trail;
    this.tenantId = tenantId;
    this.patch = new ScimPatch(store);
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
      case THROTTLE -> {
        String retryAfter = faults().retryAfterHeader();
        error(
            exchange,
            new ScimError(429, "Too many requests"),
            retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter));
      }
      case UNAVAILABLE -> error(exchange, new ScimError(503, "Service unavailable"), Map.of());
      case UNAUTHORIZED ->
          error(exchange, new ScimError(401, "The bearer token is invalid or expired"), Map.of());
      default -> error(exchange, new ScimError(500, "Internal error"), Map.of());
    }
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (revoked || auth == null || !auth.equals("Bearer " + token)) {
      error(exchange, new ScimError(401, "The bearer token is invalid or expired"), Map.of());
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(PREFIX) || operation.endsWith("Unknown")) {
      error(exchange, new ScimError(404, "No such endpoint: " + path), Map.of());
      return;
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    String id = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
    JsonNode in = null;
    try {
      in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      String raw = exchange.getRequestURI().getRawQuery();
      int status = 200;
      ObjectNode out =
          switch (operation) {
            case "scim.CreateUser" -> user(createUser(in));
            case "scim.GetUser" -> user(store.user(id));
            case "scim.PutUser" -> {
              store.user(id);
              putUser(id, in);
              yield user(store.user(id));
            }
            case "scim.PatchUser" -> {
              patch.user(id, in);
              yield user(store.user(id));
            }
            case "scim.DeleteUser" -> {
              store.deleteUser(id);
              yield null;
            }
            case "scim.ListUsers" -> listUsers(ScimQuery.parse(raw));
            case "scim.CreateGroup" -> group(createGroup(in));
            case "scim.GetGroup" -> group(store.group(id));
            case "scim.PatchGroup" -> {
              patch.group(id, in);
              yield null;
            }
            case "scim.DeleteGroup" -> {
              store.deleteGroup(id);
              yield null;
            }
            case "scim.ListGroups" -> listGroups(ScimQuery.parse(raw));
            // The guide documents no PutGroup; unsupported operations are a ValidationException.
            default -> throw ScimError.invalid("the operation is not supported: " + operation);
          };
      if (operation.startsWith("scim.Create")) {
        status = 201;
      }
      audit(exchange, operation, id, in, out, null);
      if (out == null) {
        send(exchange, 204, SCIM_JSON, "", Map.of());
      } else {
        ok(exchange, status, out);
      }
    } catch (ScimError e) {
      audit(exchange, operation, id, in, null, e);
      error(exchange, e, Map.of());
    } catch (StoreException e) {
      ScimError s = ScimError.of(e);
      audit(exchange, operation, id, in, null, s);
      error(exchange, s, Map.of());
    } catch (JsonProcessingException e) {
      ScimError s = ScimError.invalid("the request body is not JSON");
      audit(exchange, operation, id, null, null, s);
      error(exchange, s, Map.of());
    }
  }

  /**
   * Records the call in CloudTrail as {@code identitystore-scim.amazonaws.com}, shaped as the SCIM
   * logging page's examples: {@code requestParameters} with the masked {@code httpBody}, the {@code
   * tenantId} and the path's {@code id}; {@code responseElements} the masked resource returned
   * (with its {@code id} in clear), null for a 204 or a failure; {@code userIdentity} of type
   * {@code WebIdentityUser} (the bearer token, not SigV4).
   */
  private void audit(
      HttpExchange exchange,
      String operation,
      @Nullable String id,
      @Nullable JsonNode in,
      @Nullable ObjectNode out,
      @Nullable ScimError error) {
    String name = operation.substring("scim.".length());
    boolean read = name.startsWith("Get") || name.startsWith("List");
    ObjectNode params = CloudTrailLog.object();
    if (in != null && !in.isEmpty()) {
      params.set("httpBody", CloudTrailLog.masked(in, false));
    }
    params.put("tenantId", tenantId);
    if (id != null) {
      params.put("id", id);
    }
    trail.record(
        CloudTrailLog.SCIM,
        name,
        read,
        exchange.getRequestHeaders().getFirst("User-Agent"),
        "xxxx",
        "WebIdentityUser",
        error == null ? null : error.type(),
        error == null ? null : error.getMessage(),
        params,
        out == null || read ? null : CloudTrailLog.masked(out, false));
  }

  // ------------------------------------------------------------------ users

  /**
   * CreateUser and PutUser constraints: "givenName, familyName, userName, and displayName fields
   * are required"; one value at most in multi-valued attributes; "the emails attribute value must
   * be marked as primary"; "the groups field cannot be specified".
   */
  private static void checkUser(JsonNode in) {
    if (in.has("groups")) {
      throw ScimError.invalid("groups cannot be specified when creating or replacing a user");
    }
    for (String multi : List.of("emails", "addresses", "phoneNumbers", "roles")) {
      if (in.path(multi).size() > 1) {
        throw ScimError.invalid("only one value is permitted in " + multi);
      }
    }
    for (String required : List.of("userName", "displayName")) {
      if (!in.path(required).isTextual()) {
        throw ScimError.invalid(required + " is required");
      }
    }
    for (String required : List.of("givenName", "familyName")) {
      if (!in.path("name").path(required).isTextual()) {
        throw ScimError.invalid("name." + required + " is required");
      }
    }
    if (in.has("active") && !in.path("active").isBoolean()) {
      throw ScimError.invalid("active must be true or false");
    }
  }

  /** The one email of an {@code emails} value; it must be marked primary. */
  static @Nullable String email(JsonNode emails) {
    if (emails.isMissingNode() || emails.isNull() || emails.isEmpty()) {
      return null;
    }
    if (!emails.isArray() || emails.size() > 1) {
      throw ScimError.invalid("only one value is permitted in emails");
    }
    JsonNode e = emails.path(0);
    if (!e.path("primary").asBoolean(false)) {
      throw ScimError.invalid("the emails attribute value must be marked as primary");
    }
    if (!e.path("value").isTextual()) {
      throw ScimError.invalid("an email needs a value");
    }
    return e.path("value").asText();
  }

  private User createUser(JsonNode in) {
    checkUser(in);
    return store.createUser(
        in.path("userName").asText(),
        in.path("name").path("givenName").asText(),
        in.path("name").path("familyName").asText(),
        in.path("displayName").asText(),
        email(in.path("emails")),
        in.path("active").asBoolean(true),
        in.hasNonNull("externalId") ? in.path("externalId").asText() : null,
        ScimUsers.optional(in));
  }

  private void putUser(String id, JsonNode in) {
    checkUser(in);
    store.replaceOptional(id, ScimUsers.optional(in));
    store.setUserAttribute(id, "userName", in.path("userName").asText());
    store.setUserAttribute(id, "name.givenName", in.path("name").path("givenName").asText());
    store.setUserAttribute(id, "name.familyName", in.path("name").path("familyName").asText());
    store.setUserAttribute(id, "displayName", in.path("displayName").asText());
    store.setUserAttribute(id, "emails", email(in.path("emails")));
    store.setUserAttribute(id, "active", String.valueOf(in.path("active").asBoolean(true)));
    store.setUserAttribute(
        id, "externalId", in.hasNonNull("externalId") ? in.path("externalId").asText() : null);
  }

  private ObjectNode listUsers(ScimQuery query) {
    // ListUsers: "Supported filter combinations: (userName), (externalId), (groups.value), (id and
    // manager), (manager and id)", and id alone. The emulator does not answer groups.value nor
    // the manager filters: those are refused here, the stricter reading.
    query.requireOneOf(List.of(List.of("username"), List.of("externalid"), List.of("id")));
    List<User> hits;
    if (query.clauses.isEmpty()) {
      hits = store.users();
    } else {
      String value = query.clauses.values().iterator().next();
      User u =
          switch (query.clauses.keySet().iterator().next()) {
            case "username" -> store.userNamed(value);
            case "externalid" -> store.userWithExternalId(value);
            default -> find(() -> store.user(value));
          };
      hits = u == null ? List.of() : List.of(u);
    }
    return query.answer("users", hits, this::user);
  }

  // ------------------------------------------------------------------ groups

  private Group createGroup(JsonNode in) {
    JsonNode members = in.path("members");
    // CreateGroup: at most 100 members in one request.
    if (members.size() > 100) {
      throw ScimError.invalid("a group can be created with at most 100 members");
    }
    if (!in.path("displayName").isTextual()) {
      throw ScimError.invalid("displayName is required");
    }
    for (JsonNode m : members) {
      store.user(m.path("value").asText());
    }
    Group g =
        store.createGroup(
            in.path("displayName").asText(),
            null,
            in.hasNonNull("externalId") ? in.path("externalId").asText() : null);
    for (JsonNode m : members) {
      if (store.membership(g.id, m.path("value").asText()) == null) {
        store.addMember(g.id, m.path("value").asText());
      }
    }
    return g;
  }

  private ObjectNode listGroups(ScimQuery query) {
    // ListGroups: "(displayName), (externalId), (id and member), and (member and id)", and id.
    query.requireOneOf(
        List.of(
            List.of("displayname"),
            List.of("externalid"),
            List.of("id"),
            List.of("id", "members"),
            List.of("id", "member")));
    List<Group> hits = new ArrayList<>();
    if (query.clauses.isEmpty()) {
      hits = store.groups();
    } else {
      Map<String, String> c = query.clauses;
      Group g =
          c.containsKey("displayname")
              ? store.groupNamed(c.get("displayname"))
              : c.containsKey("externalid")
                  ? store.groupWithExternalId(c.get("externalid"))
                  : find(() -> store.group(c.get("id")));
      String member = c.containsKey("members") ? c.get("members") : c.get("member");
      if (g != null && (member == null || store.membership(g.id, member) != null)) {
        hits.add(g);
      }
    }
    return query.answer("groups", hits, this::group);
  }

  // ------------------------------------------------------------------ rendering

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
    ScimUsers.render(n, store.optionalOf(u));
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
    // "GetGroup and ListGroups return an empty member list" (SCIM guide, ListGroups).
    n.putArray("members");
    n.putObject("meta").put("resourceType", "Group");
    return n;
  }

  private static <T> @Nullable T find(java.util.function.Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (StoreException e) {
      return null;
    }
  }

  private static void ok(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    send(exchange, status, SCIM_JSON, body.toString(), Map.of());
  }

  private static void error(HttpExchange exchange, ScimError e, Map<String, String> headers)
      throws IOException {
    send(exchange, e.status, SCIM_JSON, e.body(), headers);
  }
}
