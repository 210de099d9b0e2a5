package io.github.ssosync.testkit.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.testkit.DirectoryContent;
import io.github.ssosync.testkit.emulator.FaultKind;
import io.github.ssosync.testkit.emulator.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A loopback emulator of the Google Admin SDK Directory API ({@code admin/directory/v1}) and of
 * Google's OAuth token endpoint, so that the real {@code Directory} client and the real
 * service-account credentials can run against it.
 *
 * <p>Serves {@code POST /token} (the JWT-bearer grant; the assertion's shape and claims are
 * checked, not its signature), {@code users.list}, {@code users.get}, {@code groups.list}, {@code
 * members.list} and {@code members.hasMember} with Google's JSON shapes, page-size limits, search
 * syntax ({@link GoogleQuery}), {@code customer}/{@code domain} parameters and error JSON. Faults
 * (see {@link #faults()}) come back as Google sends them: throttling as 403 {@code
 * userRateLimitExceeded} (or 429), server errors as 500/503.
 */
public final class GoogleDirectoryEmulator extends LoopbackServer {
  /** The customer id of the emulated tenant; {@code my_customer} also works. */
  public static final String CUSTOMER_ID = "C0emul8r";

  private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final String PREFIX = "/admin/directory/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The directory served, with lookups by id and email so that 100,000 users stay fast. */
  private record Served(
      DirectoryContent content,
      Map<String, DirectoryUser> usersByKey,
      Map<String, DirectoryGroup> groupsByKey) {
    static Served of(DirectoryContent content) {
      Map<String, DirectoryUser> users = new HashMap<>();
      for (DirectoryUser u : content.users()) {
        users.putIfAbsent(u.id(), u);
        users.putIfAbsent(u.primaryEmail().toLowerCase(Locale.ROOT), u);
      }
      Map<String, DirectoryGroup> groups = new HashMap<>();
      for (DirectoryGroup g : content.groups()) {
        groups.putIfAbsent(g.id(), g);
        groups.putIfAbsent(g.email().toLowerCase(Locale.ROOT), g);
      }
      return new Served(content, users, groups);
    }

    Optional<DirectoryUser> user(String key) {
      DirectoryUser u = usersByKey.get(key);
      return Optional.ofNullable(u != null ? u : usersByKey.get(key.toLowerCase(Locale.ROOT)));
    }

    Optional<DirectoryGroup> group(String key) {
      DirectoryGroup g = groupsByKey.get(key);
      return Optional.ofNullable(g != null ? g : groupsByKey.get(key.toLowerCase(Locale.ROOT)));
    }
  }

  private final AtomicReference<Served> served;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenCount = new AtomicInteger();
  private volatile boolean refuseDelegation;
  private final Set<String> refusedScopes = ConcurrentHashMap.newKeySet();
  private volatile boolean throttleAs429;
  private volatile String domain = "example.com";

  private GoogleDirectoryEmulator(DirectoryContent content) {
    this.served = new AtomicReference<>(Served.of(content));
  }

  /**
   * Starts an emulator on 127.0.0.1 and a free port.
   *
   * @param content the directory it serves
   * @return the running emulator; close it when done
   */
  public static GoogleDirectoryEmulator start(DirectoryContent content) {
    return new GoogleDirectoryEmulator(content);
  }

  /** The Directory API root URL, for {@code Directory.Builder#setRootUrl}. Ends with '/'. */
  public String rootUrl() {
    return baseUri() + "/";
  }

  /** The OAuth token endpoint. */
  public URI tokenUri() {
    return URI.create(baseUri() + "/token");
  }

  /**
   * @param content the directory from now on
   */
  public void setContent(DirectoryContent content) {
    this.served.set(Served.of(content));
  }

  /** The directory served. */
  public DirectoryContent content() {
    return served.get().content();
  }

  /**
   * @param domain the primary domain the {@code domain} parameter accepts (default example.com)
   */
  public void domain(String domain) {
    this.domain = domain;
  }

  /**
   * @param refuse whether the token endpoint refuses domain-wide delegation, as Google does when
   *     the client id is not authorised for the scopes in the Admin console
   */
  public void refuseDelegation(boolean refuse) {
    this.refuseDelegation = refuse;
  }

  /**
   * Refuses domain-wide delegation for one scope, as Google does when the Admin console authorises
   * the client id for some scopes but not this one: a token request naming it is refused with
   * {@code unauthorized_client}, whatever other scopes it names.
   *
   * @param scope a scope, such as {@code
   *     https://www.googleapis.com/auth/admin.directory.group.member.readonly}
   */
  public void refuseDelegatedScope(String scope) {
    refusedScopes.add(scope);
  }

  /**
   * @param as429 whether throttling faults are sent as 429 {@code rateLimitExceeded} instead of 403
   *     {@code userRateLimitExceeded}
   */
  public void throttleAs429(boolean as429) {
    this.throttleAs429 = as429;
  }

  /** How many access tokens the token endpoint has issued. */
  public int tokensIssued() {
    return tokenCount.get();
  }

  /**
   * A service-account key file whose {@code token_uri} is this emulator. The RSA key is made afresh
   * for each call; nothing secret is ever stored in the repository.
   *
   * @param clientEmail the service account's email
   * @return the key file's JSON
   */
  public String serviceAccountKeyJson(String clientEmail) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // The PEM label is assembled so that secret scanners do not mistake this code for a key:
    // the key itself is generated above, at run time, and never stored.
    String label = "PRIVATE" + " KEY";
    String pem =
        "-----BEGIN "
            + label
            + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END "
            + label
            + "-----\n";
    ObjectNode key = JSON.createObjectNode();
    key.put("type", "service_account");
    key.put("project_id", "emulated-project");
    key.put("private_key_id", "emulated-key-" + Integer.toHexString(pem.hashCode()));
    key.put("private_key", pem);
    key.put("client_email", clientEmail);
    key.put("client_id", "100000000000000000001");
    key.put("auth_uri", baseUri() + "/auth");
    key.put("token_uri", tokenUri().toString());
    return key.toPrettyString();
  }

  // ------------------------------------------------------------------ routing

  @Override
  protected String operationOf(HttpExchange exchange, byte[] body) {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/token")) {
      return "token";
    }
    if (!path.startsWith(PREFIX)) {
      return "unknown";
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    if (parts[0].equals("users")) {
      return parts.length == 1 ? "users.list" : "users.get";
    }
    if (parts[0].equals("groups")) {
      if (parts.length == 1) {
        return "groups.list";
      }
      if (parts.length >= 3 && parts[2].equals("members")) {
        return "members.list";
      }
      if (parts.length >= 3 && parts[2].equals("hasMember")) {
        return "members.hasMember";
      }
      return "groups.get";
    }
    return "unknown";
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    if (operation.equals("token")) {
      token(exchange, new String(body, StandardCharsets.UTF_8));
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
      error(exchange, 401, "Login Required.", "required", "UNAUTHENTICATED");
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      error(exchange, 405, "Method not allowed.", "badRequest", "INVALID_ARGUMENT");
      return;
    }
    Map<String, String> q = query(exchange.getRequestURI());
    String[] parts = exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/");
    switch (operation) {
      case "users.list" -> usersList(exchange, q);
      case "users.get" -> usersGet(exchange, decode(parts[1]));
      case "groups.list" -> groupsList(exchange, q);
      case "members.list" -> membersList(exchange, decode(parts[1]), q);
      case "members.hasMember" -> hasMember(exchange, decode(parts[1]), decode(parts[3]));
      default -> error(exchange, 404, "Not Found", "notFound", "NOT_FOUND");
    }
  }

  @Override
  protected void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException {
    switch (fault) {
      case THROTTLE -> {
        if (throttleAs429) {
          error(exchange, 429, "Rate Limit Exceeded", "rateLimitExceeded", "RESOURCE_EXHAUSTED");
        } else {
          error(
              exchange,
              403,
              "Quota exceeded for quota metric 'Queries' and limit 'Queries per"
                  + " minute per user'",
              "userRateLimitExceeded",
              "PERMISSION_DENIED");
        }
      }
      case UNAVAILABLE ->
          error(
              exchange,
              503,
              "The service is currently unavailable.",
              "backendError",
              "UNAVAILABLE");
      case UNAUTHORIZED ->
          error(exchange, 401, "Invalid Credentials", "authError", "UNAUTHENTICATED");
      default -> error(exchange, 500, "Internal error encountered.", "backendError", "INTERNAL");
    }
  }

  // ------------------------------------------------------------------ token

  private void token(HttpExchange exchange, String form) throws IOException {
    Map<String, String> params = parseForm(form);
    if (!GRANT.equals(params.get("grant_type"))) {
      oauthError(
          exchange,
          400,
          "unsupported_grant_type",
          "Invalid grant_type: " + params.get("grant_type"));
      return;
    }
    String assertion = params.getOrDefault("assertion", "");
    String[] jwt = assertion.split("\\.");
    JsonNode claims;
    try {
      if (jwt.length != 3) {
        throw new IllegalArgumentException("not a JWT");
      }
      claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    } catch (IllegalArgumentException | IOException e) {
      oauthError(exchange, 400, "invalid_grant", "Invalid JWT: the assertion is malformed.");
      return;
    }
    for (String claim : List.of("iss", "aud", "exp", "iat", "scope")) {
      if (!claims.hasNonNull(claim)) {
        oauthError(exchange, 400, "invalid_grant", "Invalid JWT: missing claim " + claim);
        return;
      }
    }
    boolean refusedScope =
        Arrays.stream(claims.path("scope").asText("").split(" ")).anyMatch(refusedScopes::contains);
    if (claims.hasNonNull("sub") && (refuseDelegation || refusedScope)) {
      oauthError(
          exchange,
          401,
          "unauthorized_client",
          "Client is unauthorized to retrieve access tokens using this method, or client not"
              + " authorized for any of the scopes requested.");
      return;
    }
    String token = "ya29.emulated-" + tokenCount.incrementAndGet();
    tokens.add(token);
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", token);
    out.put("expires_in", 3599);
    out.put("token_type", "Bearer");
    send(exchange, 200, "application/json", out.toString(), Map.of());
  }

  private void oauthError(HttpExchange exchange, int status, String error, String description)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", error);
    out.put("error_description", description);
    send(exchange, status, "application/json", out.toString(), Map.of());
  }

  // ------------------------------------------------------------------ directory

  private boolean checkScope(HttpExchange exchange, Map<String, String> q) throws IOException {
    String customer = q.get("customer");
    String dom = q.get("domain");
    if (customer == null && dom == null) {
      error(exchange, 400, "Bad Request", "badRequest", "INVALID_ARGUMENT");
      return false;
    }
    if (customer != null && !customer.equals("my_customer") && !customer.equals(CUSTOMER_ID)) {
      error(exchange, 400, "Bad Request", "badRequest", "INVALID_ARGUMENT");
      return false;
    }
    if (customer == null && !dom.equalsIgnoreCase(domain)) {
      error(exchange, 400, "Domain not found.", "badRequest", "INVALID_ARGUMENT");
      return false;
    }
    return true;
  }

  private Optional<Integer> pageSize(HttpExchange exchange, Map<String, String> q, int max)
      throws IOException {
    int size = max == 500 ? 100 : 200;
    if (q.containsKey("maxResults")) {
      try {
        size = Integer.parseInt(q.get("maxResults"));
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > max) {
        error(
            exchange,
            400,
            "Invalid value '"
                + q.get("maxResults")
                + "'. Values must be within the range: [1, "
                + max
                + "]",
            "invalid",
            "INVALID_ARGUMENT");
        return Optional.empty();
      }
    }
    return Optional.of(size);
  }

  private void usersList(HttpExchange exchange, Map<String, String> q) throws IOException {
    if (!checkScope(exchange, q)) {
      return;
    }
    Optional<Integer> size = pageSize(exchange, q, 500);
    if (size.isEmpty()) {
      return;
    }
    DirectoryContent c = served.get().content();
    Predicate<DirectoryUser> match = u -> true;
    if (q.containsKey("query")) {
      try {
        match = GoogleQuery.users(q.get("query"));
      } catch (IllegalArgumentException e) {
        error(exchange, 400, e.getMessage(), "invalid", "INVALID_ARGUMENT");
        return;
      }
    }
    List<DirectoryUser> all = c.users().stream().filter(match).toList();
    page(
        exchange,
        q,
        size.get(),
        all,
        "admin#directory#users",
        "users",
        GoogleDirectoryEmulator::user);
  }

  private void usersGet(HttpExchange exchange, String key) throws IOException {
    Optional<DirectoryUser> u = served.get().user(key);
    if (u.isPresent()) {
      send(exchange, 200, "application/json", user(u.get()).toString(), Map.of());
      return;
    }
    error(exchange, 404, "Resource Not Found: userKey", "notFound", "NOT_FOUND");
  }

  private void groupsList(HttpExchange exchange, Map<String, String> q) throws IOException {
    if (!q.containsKey("userKey") && !checkScope(exchange, q)) {
      return;
    }
    Optional<Integer> size = pageSize(exchange, q, 200);
    if (size.isEmpty()) {
      return;
    }
    DirectoryContent c = served.get().content();
    Predicate<DirectoryGroup> match = g -> true;
    if (q.containsKey("query")) {
      try {
        match = GoogleQuery.groups(q.get("query"), c);
      } catch (IllegalArgumentException e) {
        error(exchange, 400, e.getMessage(), "invalid", "INVALID_ARGUMENT");
        return;
      }
    }
    List<DirectoryGroup> all = c.groups().stream().filter(match).toList();
    page(exchange, q, size.get(), all, "admin#directory#groups", "groups", g -> group(g, c));
  }

  private void membersList(HttpExchange exchange, String groupKey, Map<String, String> q)
      throws IOException {
    Optional<Integer> size = pageSize(exchange, q, 200);
    if (size.isEmpty()) {
      return;
    }
    Served now = served.get();
    DirectoryContent c = now.content();
    Optional<DirectoryGroup> g = now.group(groupKey);
    if (g.isEmpty()) {
      error(exchange, 404, "Resource Not Found: groupKey", "notFound", "NOT_FOUND");
      return;
    }
    List<DirectoryMember> members = c.members().getOrDefault(g.get().id(), List.of());
    if (Boolean.parseBoolean(q.get("includeDerivedMembership"))) {
      members = derived(c, g.get().id());
    }
    page(
        exchange,
        q,
        size.get(),
        members,
        "admin#directory#members",
        "members",
        m -> member(m, now));
  }

  private void hasMember(HttpExchange exchange, String groupKey, String memberKey)
      throws IOException {
    Served now = served.get();
    DirectoryContent c = now.content();
    Optional<DirectoryGroup> g = now.group(groupKey);
    if (g.isEmpty()) {
      error(exchange, 404, "Resource Not Found: groupKey", "notFound", "NOT_FOUND");
      return;
    }
    boolean is =
        derived(c, g.get().id()).stream()
            .anyMatch(
                m ->
                    m.id().equals(memberKey)
                        || (m.email() != null && m.email().equalsIgnoreCase(memberKey)));
    ObjectNode out = JSON.createObjectNode();
    out.put("isMember", is);
    send(exchange, 200, "application/json", out.toString(), Map.of());
  }

  /** Direct members plus everyone reachable through nested groups, each once. */
  private static List<DirectoryMember> derived(DirectoryContent c, String groupId) {
    Map<String, DirectoryMember> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>(Set.of(groupId));
    Deque<String> todo = new ArrayDeque<>(List.of(groupId));
    while (!todo.isEmpty()) {
      for (DirectoryMember m : c.members().getOrDefault(todo.pop(), List.of())) {
        out.putIfAbsent(m.type() + ":" + m.id(), m);
        if (m.type() == MemberType.GROUP && seen.add(m.id())) {
          todo.push(m.id());
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private <T> void page(
      HttpExchange exchange,
      Map<String, String> q,
      int size,
      List<T> all,
      String kind,
      String field,
      java.util.function.Function<T, ObjectNode> render)
      throws IOException {
    int start = 0;
    if (q.containsKey("pageToken")) {
      try {
        start =
            Integer.parseInt(
                new String(
                    Base64.getUrlDecoder().decode(q.get("pageToken")), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        error(exchange, 400, "Invalid page token", "invalid", "INVALID_ARGUMENT");
        return;
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", kind);
    out.put("etag", "\"emulated/" + Integer.toHexString(all.size()) + "\"");
    ArrayNode items = out.putArray(field);
    int end = Math.min(all.size(), start + size);
    for (int i = start; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    if (items.isEmpty()) {
      out.remove(field); // Google leaves the list out when it is empty
    }
    if (end < all.size()) {
      out.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
    }
    send(exchange, 200, "application/json; charset=UTF-8", out.toString(), Map.of());
  }

  private static ObjectNode user(DirectoryUser u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#user");
    n.put("id", u.id());
    n.put("etag", "\"u" + u.hashCode() + "\"");
    n.put("primaryEmail", u.primaryEmail());
    ObjectNode name = n.putObject("name");
    if (u.givenName() != null) {
      name.put("givenName", u.givenName());
    }
    if (u.familyName() != null) {
      name.put("familyName", u.familyName());
    }
    name.put(
        "fullName",
        ((u.givenName() == null ? "" : u.givenName())
                + " "
                + (u.familyName() == null ? "" : u.familyName()))
            .strip());
    n.put("isAdmin", false);
    n.put("suspended", u.suspended());
    n.put("archived", u.archived());
    n.put("orgUnitPath", u.orgUnitPath() == null ? "/" : u.orgUnitPath());
    n.put("customerId", CUSTOMER_ID);
    return n;
  }

  private static ObjectNode group(DirectoryGroup g, DirectoryContent c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#group");
    n.put("id", g.id());
    n.put("etag", "\"g" + g.hashCode() + "\"");
    n.put("email", g.email());
    n.put("name", g.name());
    n.put("directMembersCount", String.valueOf(c.members().getOrDefault(g.id(), List.of()).size()));
    n.put("description", g.description() == null ? "" : g.description());
    n.put("adminCreated", true);
    return n;
  }

  private static ObjectNode member(DirectoryMember m, Served c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#member");
    n.put("etag", "\"m" + m.hashCode() + "\"");
    n.put("id", m.id());
    if (m.email() != null) {
      n.put("email", m.email());
    }
    n.put("role", m.role().name());
    n.put("type", m.type().name());
    if (m.type() == MemberType.USER) {
      boolean suspended = c.user(m.id()).map(DirectoryUser::suspended).orElse(false);
      n.put("status", suspended ? "SUSPENDED" : "ACTIVE");
      n.put("delivery_settings", "ALL_MAIL");
    } else if (m.type() == MemberType.EXTERNAL) {
      n.put("status", "ACTIVE");
    }
    return n;
  }

  private void error(HttpExchange exchange, int code, String message, String reason, String status)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode error = out.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", message);
    detail.put(
        "domain",
        reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded")
            ? "usageLimits"
            : "global");
    detail.put("reason", reason);
    error.put("status", status);
    Map<String, String> headers =
        code == 429
            ? Map.of("Retry-After", String.valueOf(faults().retryAfterSeconds()))
            : Map.of();
    send(exchange, code, "application/json; charset=UTF-8", out.toString(), headers);
  }

  private static Map<String, String> query(URI uri) {
    return parseForm(uri.getRawQuery() == null ? "" : uri.getRawQuery());
  }

  private static Map<String, String> parseForm(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(k), decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
