package io.github.ssosync.emulators.google;

import static io.github.ssosync.emulators.google.DirectoryResources.JSON;
import static io.github.ssosync.emulators.google.DirectoryResources.error;
import static io.github.ssosync.emulators.google.Requests.fields;
import static io.github.ssosync.emulators.google.Requests.groupQuery;
import static io.github.ssosync.emulators.google.Requests.invalid;
import static io.github.ssosync.emulators.google.Requests.invalidQuery;
import static io.github.ssosync.emulators.google.Requests.pageSize;
import static io.github.ssosync.emulators.google.Requests.userQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.google.DirectoryResources.Served;
import io.github.ssosync.emulators.google.PartialResponse.Selection;
import io.github.ssosync.emulators.google.Requests.Refusal;
import io.github.ssosync.query.FieldValues;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * users.list, users.get, groups.list, groups.get, members.list and members.hasMember, each with the
 * rules of the Directory API reference (developers.google.com/workspace/admin/directory/reference/
 * rest/v1/...) and the discovery document's parameter bounds. Every rule names its source; where
 * the source is silent the stricter reading wins and the comment says so.
 */
final class DirectoryOperations {
  /** Writes a JSON response. */
  interface Responder {
    void send(HttpExchange exchange, int status, String json) throws IOException;
  }

  /**
   * "Not Authorized to access this resource/api", 403 forbidden: idp-scim-sync#49,
   * g-suite-identity-sync#28.
   */
  static final String NOT_AUTHORIZED = "Not Authorized to access this resource/api";

  private final GoogleDirectoryEmulator emulator;
  private final Responder out;

  DirectoryOperations(GoogleDirectoryEmulator emulator, Responder out) {
    this.emulator = emulator;
    this.out = out;
  }

  /** A filtered list, kept while the content and the search lag stay as they were. */
  private record Filtered(Served served, long searchVersion, List<?> items) {}

  /**
   * The lists recently filtered, so that paging through 100,000 users filters them once, not once
   * per page.
   */
  private final Map<String, Filtered> lists = new java.util.concurrent.ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  private <T> List<T> filtered(Served s, String key, java.util.function.Supplier<List<T>> filter) {
    long version = emulator.searchVersion();
    Filtered f = lists.get(key);
    if (f != null && f.served() == s && f.searchVersion() == version) {
      return (List<T>) f.items();
    }
    List<T> items = filter.get();
    if (lists.size() >= 32) {
      lists.clear();
    }
    lists.put(key, new Filtered(s, version, items));
    return items;
  }

  void serve(HttpExchange exchange, String operation, String[] path, Map<String, String> q)
      throws IOException {
    try {
      switch (operation) {
        case "users.list" -> usersList(exchange, q);
        case "users.get" -> usersGet(exchange, path[1], q);
        case "groups.list" -> groupsList(exchange, q);
        case "groups.get" -> groupsGet(exchange, path[1], q);
        case "members.list" -> membersList(exchange, path[1], q);
        case "members.hasMember" -> hasMember(exchange, path[1], path[3], q);
        default -> throw new Refusal(404, "Not Found", "notFound");
      }
    } catch (Refusal r) {
      out.send(exchange, r.code, error(r.code, r.getMessage(), r.reason, null));
    }
  }

  // ------------------------------------------------------------------ users

  private void usersList(HttpExchange exchange, Map<String, String> q) throws IOException, Refusal {
    String domain = scope(q);
    // maxResults: "Acceptable values are 1 to 500, inclusive", default 100 (users.list reference).
    int size = pageSize(q, 500, 100);
    Set<String> schemas = customSchemas(q);
    String view = q.getOrDefault("viewType", "admin_view");
    if (!view.equals("admin_view") && !view.equals("domain_public")) {
      throw invalid("viewType", view);
    }
    Served s = emulator.served();
    Predicate<DirectoryUser> match = u -> domain == null || domainOf(u).equals(domain);
    String query = q.get("query");
    if (query != null) {
      UserQuery parsed = userQuery(query);
      // orgUnitPath "can only be used when viewType=admin_view" (Search for users, Fields).
      if (view.equals("domain_public")
          && parsed.clauses().stream().anyMatch(c -> "orgUnitPath".equals(c.field()))) {
        throw invalidQuery();
      }
      match = match.and(u -> !emulator.hiddenFromSearch(u.id()) && parsed.matches(u));
    }
    Predicate<DirectoryUser> selected = match;
    List<DirectoryUser> all =
        filtered(
            s,
            Requests.listKey("users.list", exchange, q),
            () -> s.content().users().stream().filter(selected).toList());
    Map<String, Selection> fields = fields(q, DirectoryResources.USERS);
    Requests.page(
        exchange,
        q,
        "users.list",
        size,
        all,
        "admin#directory#users",
        "users",
        u -> DirectoryResources.user(u, schemas, emulator.userFields(u.id())),
        fields,
        (body, selection) -> send(exchange, body, selection));
  }

  private void usersGet(HttpExchange exchange, String key, Map<String, String> q)
      throws IOException, Refusal {
    Set<String> schemas = customSchemas(q);
    Map<String, Selection> fields = fields(q, DirectoryResources.USER);
    // A user of another organisation: 403, not 404 (idp-scim-sync#49: "users.get ...
    // guest@another-org.com: Error 403: Not Authorized to access this resource/api, forbidden").
    if (emulator.isForeign(key)) {
      throw new Refusal(403, NOT_AUTHORIZED, "forbidden");
    }
    DirectoryUser u =
        emulator
            .served()
            .user(key)
            .orElseThrow(() -> new Refusal(404, "Resource Not Found: userKey", "notFound"));
    send(exchange, DirectoryResources.user(u, schemas, emulator.userFields(u.id())), fields);
  }

  /**
   * The custom schemas a read returns. projection: "basic" (default): "Do not include any custom
   * fields for the user"; "custom": "Include custom fields from schemas requested in
   * customFieldMask"; "full": "Include all fields associated with this user" (users.list and
   * users.get reference, enum Projection). customFieldMask: "A comma-separated list of schema
   * names. All fields from these schemas are fetched. This should only be set when
   * projection=custom" (same reference). What Google answers otherwise is not documented: the
   * stricter reading is taken, and refused with 400 "Invalid Input: customFieldMask" (the body
   * Google sends for a bad query, awslabs/ssosync#148): a mask with another projection,
   * projection=custom without a mask, and a mask naming a schema the tenant does not have.
   *
   * @return null for every schema, an empty set for none, else the schemas named
   */
  private @Nullable Set<String> customSchemas(Map<String, String> q) throws Refusal {
    String p = q.getOrDefault("projection", "basic");
    if (!p.equals("basic") && !p.equals("custom") && !p.equals("full")) {
      throw invalid("projection", p);
    }
    String mask = q.get("customFieldMask");
    if (mask != null && !p.equals("custom")) {
      throw new Refusal(400, "Invalid Input: customFieldMask", "invalid");
    }
    return switch (p) {
      case "full" -> null;
      case "basic" -> Set.of();
      default -> {
        if (mask == null || mask.isBlank()) {
          throw new Refusal(400, "Invalid Input: customFieldMask", "invalid");
        }
        Set<String> named = new HashSet<>();
        for (String schema : mask.split(",")) {
          if (!emulator.hasCustomSchema(schema.strip())) {
            throw new Refusal(400, "Invalid Input: customFieldMask", "invalid");
          }
          named.add(schema.strip());
        }
        yield named;
      }
    };
  }

  // ------------------------------------------------------------------ groups

  private void groupsList(HttpExchange exchange, Map<String, String> q)
      throws IOException, Refusal {
    Served s = emulator.served();
    String userKey = q.get("userKey");
    Predicate<DirectoryGroup> match;
    if (userKey != null) {
      // "Email or immutable ID of the user if only those groups are to be listed, the given user
      // is a member of" (groups.list reference). Direct membership: the reference is silent on
      // nesting, and the narrower reading is the stricter.
      match = g -> isDirectMember(s.members(g.id()), userKey);
    } else {
      String domain = scope(q);
      match = g -> domain == null || DirectoryResources.domainOf(g.email()).equals(domain);
    }
    // maxResults: "Max allowed value is 200", default 200 (groups.list reference; minimum 1 in the
    // discovery document).
    int size = pageSize(q, 200, 200);
    String query = q.get("query");
    if (query != null) {
      GroupQuery parsed = groupQuery(query);
      match =
          match.and(
              g ->
                  !emulator.hiddenFromSearch(g.id())
                      && parsed.matches(FieldValues.of(g, s.members(g.id()))));
    }
    Predicate<DirectoryGroup> selected = match;
    List<DirectoryGroup> all =
        filtered(
            s,
            Requests.listKey("groups.list", exchange, q),
            () -> s.content().groups().stream().filter(selected).toList());
    Map<String, Selection> fields = fields(q, DirectoryResources.GROUPS);
    Requests.page(
        exchange,
        q,
        "groups.list",
        size,
        all,
        "admin#directory#groups",
        "groups",
        g -> DirectoryResources.group(g, s.members(g.id()).size()),
        fields,
        (body, selection) -> send(exchange, body, selection));
  }

  private void groupsGet(HttpExchange exchange, String key, Map<String, String> q)
      throws IOException, Refusal {
    Map<String, Selection> fields = fields(q, DirectoryResources.GROUP);
    Served s = emulator.served();
    DirectoryGroup g = ownGroup(key);
    send(exchange, DirectoryResources.group(g, s.members(g.id()).size()), fields);
  }

  /** A group of ours; 403 for another organisation's (as users.get does), 404 when unknown. */
  private DirectoryGroup ownGroup(String key) throws Refusal {
    if (emulator.isForeign(key)) {
      throw new Refusal(403, NOT_AUTHORIZED, "forbidden");
    }
    return emulator
        .served()
        .group(key)
        .orElseThrow(() -> new Refusal(404, "Resource Not Found: groupKey", "notFound"));
  }

  // ------------------------------------------------------------------ members

  private void membersList(HttpExchange exchange, String groupKey, Map<String, String> q)
      throws IOException, Refusal {
    // maxResults: "Max allowed value is 200", default 200 (members.list reference).
    int size = pageSize(q, 200, 200);
    Map<String, Selection> fields = fields(q, DirectoryResources.MEMBERS);
    Served s = emulator.served();
    DirectoryGroup g = ownGroup(groupKey);
    List<DirectoryMember> members =
        Boolean.parseBoolean(q.get("includeDerivedMembership"))
            ? derived(s, g.id())
            : s.members(g.id());
    String roles = q.get("roles");
    if (roles != null) {
      // "Allowed values are OWNER, MANAGER, and MEMBER", comma separated (members.list reference).
      Set<String> wanted = new HashSet<>();
      for (String r : roles.split(",")) {
        if (!Set.of("OWNER", "MANAGER", "MEMBER").contains(r.strip())) {
          throw invalid("roles", roles);
        }
        wanted.add(r.strip());
      }
      members = members.stream().filter(m -> wanted.contains(m.role().name())).toList();
    }
    Requests.page(
        exchange,
        q,
        "members.list",
        size,
        members,
        "admin#directory#members",
        "members",
        m -> DirectoryResources.member(m, s, foreign(m)),
        fields,
        (body, selection) -> send(exchange, body, selection));
  }

  private void hasMember(
      HttpExchange exchange, String groupKey, String memberKey, Map<String, String> q)
      throws IOException, Refusal {
    Map<String, Selection> fields = fields(q, DirectoryResources.HAS_MEMBER);
    Served s = emulator.served();
    DirectoryGroup g = ownGroup(groupKey);
    // "Checks whether the given user is a member of the group. Membership can be direct or nested"
    // (members.hasMember reference).
    boolean is = isDirectMember(derived(s, g.id()), memberKey);
    if (!is && s.user(memberKey).isEmpty() && s.group(memberKey).isEmpty()) {
      // An unknown member key: 400 "Invalid Input: memberKey" (google-api-python-client#1754).
      throw new Refusal(400, "Invalid Input: memberKey", "invalid");
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("isMember", is);
    send(exchange, n, fields);
  }

  private boolean foreign(DirectoryMember m) {
    return m.type() == MemberType.USER
        && (emulator.isForeign(m.id()) || (m.email() != null && emulator.isForeign(m.email())));
  }

  private static boolean isDirectMember(List<DirectoryMember> members, String key) {
    for (DirectoryMember m : members) {
      if (m.id().equals(key) || (m.email() != null && m.email().equalsIgnoreCase(key))) {
        return true;
      }
    }
    return false;
  }

  /** Direct members plus everyone reachable through nested groups, each once. */
  private static List<DirectoryMember> derived(Served s, String groupId) {
    Map<String, DirectoryMember> found = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>(Set.of(groupId));
    Deque<String> todo = new ArrayDeque<>(List.of(groupId));
    while (!todo.isEmpty()) {
      for (DirectoryMember m : s.members(todo.pop())) {
        found.putIfAbsent(m.type() + ":" + m.id(), m);
        if (m.type() == MemberType.GROUP && seen.add(m.id())) {
          todo.push(m.id());
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  // ------------------------------------------------------------------ parameters

  /**
   * customer or domain: "Either the customer or the domain parameter must be provided" (users.list
   * and groups.list reference); without either Google answers 400 Bad Request
   * (google-api-python-client#579). Both at once: the reference is silent; refused (stricter). An
   * unknown domain: 404 "Domain not found." (idp-scim-sync#67).
   *
   * @return the domain to restrict to, or null for the whole customer
   */
  private @Nullable String scope(Map<String, String> q) throws Refusal {
    String customer = q.get("customer");
    String domain = q.get("domain");
    if ((customer == null) == (domain == null)) {
      throw new Refusal(400, "Bad Request", "badRequest");
    }
    if (customer != null) {
      if (!customer.equals("my_customer")
          && !customer.equals(GoogleDirectoryEmulator.CUSTOMER_ID)) {
        throw new Refusal(400, "Bad Request", "badRequest");
      }
      return null;
    }
    String d = DirectoryResources.lower(domain);
    if (!emulator.ownsDomain(d)) {
      throw new Refusal(404, "Domain not found.", "notFound");
    }
    return d;
  }

  private static String domainOf(DirectoryUser u) {
    return DirectoryResources.domainOf(u.primaryEmail());
  }

  // ------------------------------------------------------------------ responses

  private void send(HttpExchange exchange, ObjectNode body, Map<String, Selection> fields)
      throws IOException {
    PartialResponse.apply(body, fields);
    out.send(exchange, 200, body.toString());
  }
}
