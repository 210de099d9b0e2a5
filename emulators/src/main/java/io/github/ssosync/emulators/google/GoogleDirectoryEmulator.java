package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.google.DirectoryResources.Served;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A loopback emulator of the Google Admin SDK Directory API ({@code admin/directory/v1}) and of
 * Google's OAuth token endpoint, so that the real {@code Directory} client and the real
 * service-account credentials can run against it.
 *
 * <p>Serves {@code POST /token} (the JWT-bearer grant; the assertion's shape and claims are
 * checked, not its signature), {@code users.list}, {@code users.get}, {@code groups.list}, {@code
 * groups.get}, {@code members.list} and {@code members.hasMember} with Google's JSON shapes,
 * page-size limits, search syntax ({@link io.github.ssosync.query.UserQuery}, {@link
 * io.github.ssosync.query.GroupQuery}: a query Google refuses is 400 "Invalid Input: query"),
 * {@code customer}/{@code domain} parameters, partial responses ({@code fields}) and error JSON
 * (see {@link DirectoryOperations} for each rule and its source).
 *
 * <p>What real tenants meet, on request: members of another organisation ({@link #foreignUser},
 * {@link #foreignGroup}), which Google will not show (403, not 404); and search-index lag ({@link
 * #hideFromSearch}): objects that exist but are missing from {@code query} results for a while.
 * Faults (see {@link #faults()}) come back as Google sends them: throttling as 403 {@code
 * userRateLimitExceeded} (or 429), server errors as 500/503.
 */
public final class GoogleDirectoryEmulator extends LoopbackServer {
  /** The customer id of the emulated tenant; {@code my_customer} also works. */
  public static final String CUSTOMER_ID = "C0emul8r";

  private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final String PREFIX = "/admin/directory/v1/";
  private static final String ACTIVITIES = "/admin/reports/v1/activity/users/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<Served> served;
  private final Set<String> foreign = ConcurrentHashMap.newKeySet();
  private final Set<String> hidden = ConcurrentHashMap.newKeySet();
  private final Map<String, ObjectNode> userFields = new ConcurrentHashMap<>();
  private final Set<String> declaredSchemas = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, String>> lastParameters = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong searchVersion =
      new java.util.concurrent.atomic.AtomicLong();
  private final DirectoryOperations operations =
      new DirectoryOperations(
          this,
          (exchange, status, json) ->
              send(exchange, status, "application/json; charset=UTF-8", json, Map.of()));
  private final GoogleAuth auth = new GoogleAuth(this::baseUri, this::httpsBaseUri);
  private final DirectoryOperations.Responder json =
      (exchange, status, body) -> send(exchange, status, "application/json", body, Map.of());
  private final OAuthTokenEndpoint oauth = new OAuthTokenEndpoint(auth, d -> ownsDomain(d), json);
  private final StsTokenExchange sts = new StsTokenExchange(auth, json);
  private final IamCredentialsEndpoint iam = new IamCredentialsEndpoint(auth, json);
  private final MetadataServer metadata =
      new MetadataServer(
          auth,
          (exchange, status, type, body) ->
              send(exchange, status, type, body, Map.of("Metadata-Flavor", "Google")));
  private volatile boolean throttleAs429;
  private volatile String domain = "example.com";
  private final ActivityLog activities = new ActivityLog();
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();
  private volatile java.time.Duration activityLag = java.time.Duration.ZERO;

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
    return auth.tokenUri();
  }

  /**
   * Google's identity services around the directory: the OAuth token endpoint, Workload Identity
   * Federation's token exchange, the IAM Credentials API and a Compute Engine metadata server, with
   * their keys, grants and tokens.
   */
  public GoogleAuth auth() {
    return auth;
  }

  /**
   * @param content the directory from now on
   */
  public void setContent(DirectoryContent content) {
    synchronized (served) {
      DirectoryContent before = served.get().content();
      this.served.set(Served.of(content));
      activities.adminChanged(before, content, clock.instant(), activityLag, "admin@" + domain);
    }
  }

  /**
   * Changes memberships as a group's owner does in the Google Groups interface: the changes are
   * logged only under {@code groups_enterprise}, never under {@code admin} (Admin Help, "Groups
   * Enterprise log events": actions "within the Google Groups user interface").
   *
   * @param owner the owner's email, the activities' actor
   * @param content the directory from now on, different from the current one only in memberships
   * @throws IllegalArgumentException if users or groups differ
   */
  public void editAsGroupOwner(String owner, DirectoryContent content) {
    synchronized (served) {
      DirectoryContent before = served.get().content();
      activities.ownerChanged(before, content, clock.instant(), activityLag, owner);
      this.served.set(Served.of(content));
    }
  }

  /**
   * The emulator's clock: when changes happen and what {@code activities.list} counts as now
   * (default the system clock).
   *
   * @param clock the clock
   */
  public void clock(java.time.Clock clock) {
    this.clock = clock;
  }

  /**
   * How long after a change its activities become visible to {@code activities.list} (default
   * zero), for the changes made from now on. Google: admin log events arrive in "near real time
   * (couple of minutes)", and "in rare cases" later (Admin Help, "Data retention and lag times").
   *
   * @param lag the lag
   */
  public void activityLag(java.time.Duration lag) {
    this.activityLag = lag;
  }

  /**
   * Logs an admin activity the directory model cannot express (an organisational unit renamed, a
   * domain alias added, a custom schema changed: Admin Audit Activity Events, Organization, Domain
   * and User Settings), or an event a newer Google might send, as an admin did it now.
   *
   * @param type the event type, such as {@code ORG_SETTINGS}
   * @param name the event name, such as {@code EDIT_ORG_UNIT_NAME}
   * @param parameters its parameters, by name
   */
  public void logAdminEvent(String type, String name, Map<String, String> parameters) {
    activities.add(
        clock.instant(), activityLag, ActivityLog.ADMIN, "admin@" + domain, type, name, parameters);
  }

  /** How many activities the audit log holds (visible or not). */
  public int activitiesRecorded() {
    return activities.size();
  }

  /** The directory served. */
  public DirectoryContent content() {
    return served.get().content();
  }

  /**
   * @param domain the primary domain (default example.com); the {@code domain} parameter accepts it
   *     and every domain of the content's users and groups
   */
  public void domain(String domain) {
    this.domain = domain;
  }

  /**
   * Declares a user of another organisation, which may appear as a member of this directory's
   * groups: {@code users.get} by its id or email answers 403 "Not Authorized to access this
   * resource/api", as Google does (slashdevops/idp-scim-sync#49), and no list returns it. Emails at
   * domains that are not this directory's are treated so without being declared.
   *
   * @param id its id
   * @param email its email
   * @return this emulator
   */
  public GoogleDirectoryEmulator foreignUser(String id, String email) {
    foreign.add(DirectoryResources.lower(id));
    foreign.add(DirectoryResources.lower(email));
    return this;
  }

  /**
   * Declares a group of another organisation, which may be nested in this directory's groups:
   * {@code groups.get} and {@code members.list} of it answer 403, as {@code users.get} does for
   * {@link #foreignUser}.
   *
   * @param id its id
   * @param email its email
   * @return this emulator
   */
  public GoogleDirectoryEmulator foreignGroup(String id, String email) {
    return foreignUser(id, email);
  }

  /**
   * Simulates search-index lag: the users and groups with these ids still exist ({@code users.get}
   * and {@code groups.get} return them, lists without {@code query} include them) but {@code
   * users.list} and {@code groups.list} with a {@code query} leave them out until {@link
   * #showInSearch}. Google: "Most user data updates within 1 hour; however, it may take up to 36
   * hours for new data to be reflected in all search results" (Search for users; the same of groups
   * in Search for groups). Whether lists without a query lag too is not documented; here they do
   * not.
   *
   * @param ids user or group ids
   * @return this emulator
   */
  public GoogleDirectoryEmulator hideFromSearch(String... ids) {
    hidden.addAll(List.of(ids));
    searchVersion.incrementAndGet();
    return this;
  }

  /**
   * Ends the lag {@link #hideFromSearch} began.
   *
   * @param ids user or group ids
   * @return this emulator
   */
  public GoogleDirectoryEmulator showInSearch(String... ids) {
    List.of(ids).forEach(hidden::remove);
    searchVersion.incrementAndGet();
    return this;
  }

  /**
   * Sets profile fields of a user in Google's own JSON, for what the attribute keys of {@link
   * io.github.ssosync.directory.DirectoryUser} cannot say: several organizations, a primary entry
   * that is not the first, a custom type, a multi-valued custom field ({@code [{"value": ...}]}).
   * The fields given replace those the user's attributes would render; reads return them under the
   * same rules ({@code fields}, and {@code customSchemas} only with the projection that asks for
   * them). Search does not see them.
   *
   * @param userId the user's id
   * @param json a JSON object of Users resource fields, such as {@code {"organizations": [...]}}
   * @return this emulator
   * @throws IllegalArgumentException when the JSON is not an object or names a field the Users
   *     resource does not have
   */
  public GoogleDirectoryEmulator userFields(String userId, String json) {
    ObjectNode o = UserProfile.overlay(json);
    if (o.get("customSchemas") instanceof ObjectNode schemas) {
      schemas.fieldNames().forEachRemaining(declaredSchemas::add);
    }
    userFields.put(userId, o);
    // An edit of an existing user's profile is an admin's change, and is logged like one.
    served
        .get()
        .user(userId)
        .ifPresent(
            u ->
                o.fieldNames()
                    .forEachRemaining(
                        field ->
                            logAdminEvent(
                                "USER_SETTINGS",
                                ActivityDiff.attributeEvent(field, null),
                                Map.of("USER_EMAIL", u.primaryEmail()))));
    return this;
  }

  /**
   * Declares a custom schema of the tenant that no user has a value of yet, so that {@code
   * customFieldMask} may name it (a schema users have values of is known without this).
   *
   * @param name the schema's name
   * @return this emulator
   */
  public GoogleDirectoryEmulator customSchema(String name) {
    declaredSchemas.add(name);
    return this;
  }

  @Nullable ObjectNode userFields(String userId) {
    return userFields.isEmpty() ? null : userFields.get(userId);
  }

  boolean hasCustomSchema(String name) {
    return declaredSchemas.contains(name) || served.get().customSchemas().contains(name);
  }

  Served served() {
    return served.get();
  }

  long searchVersion() {
    return searchVersion.get();
  }

  boolean hiddenFromSearch(String id) {
    return !hidden.isEmpty() && hidden.contains(id);
  }

  boolean ownsDomain(String lowerCaseDomain) {
    return lowerCaseDomain.equalsIgnoreCase(domain)
        || served.get().domains().contains(lowerCaseDomain);
  }

  /** Whether a key (an id or email) belongs to another organisation. */
  boolean isForeign(String key) {
    String k = DirectoryResources.lower(key);
    if (!foreign.isEmpty() && foreign.contains(k)) {
      return true;
    }
    int at = k.lastIndexOf('@');
    return at >= 0 && !ownsDomain(k.substring(at + 1));
  }

  /**
   * @param refuse whether the token endpoint refuses domain-wide delegation, as Google does when
   *     the client id is not authorised for the scopes in the Admin console
   */
  public void refuseDelegation(boolean refuse) {
    auth.refuseDelegation = refuse;
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
    auth.refusedScopes.add(scope);
  }

  /**
   * @param as429 whether throttling faults are sent as 429 {@code rateLimitExceeded} instead of 403
   *     {@code userRateLimitExceeded}
   */
  public void throttleAs429(boolean as429) {
    this.throttleAs429 = as429;
  }

  /**
   * The query parameters of the last authorised request of an operation, so that a test can see
   * what a client asked for ({@code fields}, {@code projection}, {@code customFieldMask}).
   *
   * @param operation such as {@code users.list}
   * @return its parameters, empty when none was served
   */
  public Map<String, String> lastParameters(String operation) {
    return lastParameters.getOrDefault(operation, Map.of());
  }

  /** How many access tokens the token endpoint has issued. */
  public int tokensIssued() {
    return auth.tokensIssued();
  }

  /**
   * A service-account key file whose {@code token_uri} is this emulator. The RSA key is made afresh
   * for each call; nothing secret is ever stored in the repository.
   *
   * @param clientEmail the service account's email
   * @return the key file's JSON
   */
  public String serviceAccountKeyJson(String clientEmail) {
    KeyPair pair = GoogleAuth.rsa();
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
    String keyId = "emulated-key-" + Integer.toHexString(pem.hashCode());
    // The token endpoint verifies assertions with the public half, as Google does.
    auth.registerKey(keyId, clientEmail, pair.getPublic());
    key.put("private_key_id", keyId);
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
    if (path.equals("/v1/token")) {
      return "sts.token";
    }
    if (IamCredentialsEndpoint.matches(path)) {
      return IamCredentialsEndpoint.operation(path);
    }
    if (MetadataServer.matches(path)) {
      return MetadataServer.operation(path);
    }
    if (path.startsWith(ACTIVITIES)) {
      return "activities.list";
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
    switch (operation) {
      case "token" -> {
        oauth.serve(exchange, parseForm(new String(body, StandardCharsets.UTF_8)));
        return;
      }
      case "sts.token" -> {
        sts.serve(exchange, parseForm(new String(body, StandardCharsets.UTF_8)));
        return;
      }
      case "iamcredentials.signJwt", "iamcredentials.generateAccessToken" -> {
        iam.serve(exchange, body);
        return;
      }
      default -> {
        if (operation.startsWith("metadata.")) {
          metadata.serve(exchange, query(exchange.getRequestURI()));
          return;
        }
      }
    }
    if (!DirectoryAccess.allowed(auth, exchange, operation, this::error)) {
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      error(exchange, 405, "Method not allowed.", "badRequest", null);
      return;
    }
    Map<String, String> q = query(exchange.getRequestURI());
    lastParameters.put(operation, Map.copyOf(q));
    if (operation.equals("activities.list")) {
      // users/{userKey}/applications/{applicationName}
      String[] a = exchange.getRequestURI().getPath().substring(ACTIVITIES.length()).split("/");
      if (a.length != 3 || !a[1].equals("applications")) {
        error(exchange, 404, "Not Found", "notFound", null);
        return;
      }
      try {
        send(
            exchange,
            200,
            "application/json; charset=UTF-8",
            ActivityOperations.list(activities, decode(a[0]), decode(a[2]), q, clock.instant()),
            Map.of());
      } catch (Requests.Refusal r) {
        error(exchange, r.code, r.getMessage(), r.reason, null);
      }
      return;
    }
    String[] parts = exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = decode(parts[i]);
    }
    operations.serve(exchange, operation, parts, q);
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
              null);
        }
      }
      case UNAVAILABLE ->
          error(exchange, 503, "The service is currently unavailable.", "backendError", null);
      case UNAUTHORIZED -> error(exchange, 401, "Invalid Credentials", "authError", null);
      default -> error(exchange, 500, "Internal error encountered.", "backendError", null);
    }
  }

  void error(
      HttpExchange exchange, int code, String message, String reason, @Nullable String status)
      throws IOException {
    Map<String, String> headers =
        code == 429
            ? Map.of("Retry-After", String.valueOf(faults().retryAfterSeconds()))
            : Map.of();
    send(
        exchange,
        code,
        "application/json; charset=UTF-8",
        DirectoryResources.error(code, message, reason, status),
        headers);
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
