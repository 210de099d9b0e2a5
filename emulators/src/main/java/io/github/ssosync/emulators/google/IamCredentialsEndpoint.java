package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.google.DirectoryOperations.Responder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The IAM Service Account Credentials API ({@code iamcredentials.googleapis.com/v1}): {@code
 * projects.serviceAccounts.signJwt} and {@code generateAccessToken}. Rules and their sources (the
 * API reference of each method):
 *
 * <ul>
 *   <li>The name is {@code projects/-/serviceAccounts/EMAIL}; the caller needs {@code
 *       iam.serviceAccounts.signJwt}, resp. {@code iam.serviceAccounts.getAccessToken}, on it, both
 *       in {@code roles/iam.serviceAccountTokenCreator} ({@link GoogleAuth#grantTokenCreator}) —
 *       also when the caller is the service account itself. Without it: 403 {@code
 *       PERMISSION_DENIED} "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may
 *       not exist)." with an {@code ErrorInfo} {@code IAM_PERMISSION_DENIED}; with the {@code -}
 *       wildcard a missing account is the same 403, not 404.
 *   <li>Authorization scopes: {@code https://www.googleapis.com/auth/iam} or {@code
 *       cloud-platform}; a token without either is 403 {@code ACCESS_TOKEN_SCOPE_INSUFFICIENT}. No
 *       or an expired token is 401 {@code UNAUTHENTICATED}.
 *   <li>{@code signJwt}: {@code payload} must be a serialized JSON claims set; an {@code exp} must
 *       be an integer not in the past and at most 12 hours ahead; without one, an {@code exp} one
 *       hour ahead is added. The answer is {@code keyId} and {@code signedJwt} (RS256, signed with
 *       a system-managed key of the account).
 *   <li>{@code generateAccessToken}: {@code scope} is required; {@code lifetime} at most {@code
 *       3600s} (longer needs an organisation policy, not emulated); the answer is {@code
 *       accessToken} and {@code expireTime} (RFC 3339).
 * </ul>
 */
final class IamCredentialsEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile(
          "/v1/projects/([^/]+)/serviceAccounts/([^/:]+):(signJwt|generateAccessToken)");
  private static final Set<String> SCOPES =
      Set.of("https://www.googleapis.com/auth/iam", GoogleAuth.CLOUD_PLATFORM);

  private final GoogleAuth auth;
  private final Responder out;

  IamCredentialsEndpoint(GoogleAuth auth, Responder out) {
    this.auth = auth;
    this.out = out;
  }

  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  static String operation(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? "iamcredentials." + m.group(3) : "unknown";
  }

  void serve(HttpExchange exchange, byte[] body) throws IOException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
      error(exchange, 404, "NOT_FOUND", "Not found.", null);
      return;
    }
    String account = m.group(2);
    boolean sign = m.group(3).equals("signJwt");
    GoogleAuth.Issued caller = auth.bearer(exchange.getRequestHeaders().getFirst("Authorization"));
    if (caller == null) {
      error(
          exchange,
          401,
          "UNAUTHENTICATED",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential.",
          null);
      return;
    }
    if (caller.scopes().stream().noneMatch(SCOPES::contains)) {
      error(
          exchange,
          403,
          "PERMISSION_DENIED",
          "Request had insufficient authentication scopes.",
          "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
      return;
    }
    String permission = sign ? "iam.serviceAccounts.signJwt" : "iam.serviceAccounts.getAccessToken";
    if (!m.group(1).equals("-") || !auth.mayCreateTokens(caller.members(), account)) {
      error(
          exchange,
          403,
          "PERMISSION_DENIED",
          "Permission '" + permission + "' denied on resource (or it may not exist).",
          "IAM_PERMISSION_DENIED");
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      error(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null);
      return;
    }
    if (sign) {
      signJwt(exchange, account, request);
    } else {
      generateAccessToken(exchange, account, request);
    }
  }

  private void signJwt(HttpExchange exchange, String account, JsonNode request) throws IOException {
    JsonNode claims;
    try {
      claims = JSON.readTree(request.path("payload").asText(""));
    } catch (IOException e) {
      claims = null;
    }
    if (claims == null || !claims.isObject()) {
      error(exchange, 400, "INVALID_ARGUMENT", "Payload must be a JSON object.", null);
      return;
    }
    long now = auth.now().getEpochSecond();
    ObjectNode payload = (ObjectNode) claims;
    if (payload.has("exp")) {
      JsonNode exp = payload.get("exp");
      if (!exp.canConvertToLong()
          || !exp.isIntegralNumber()
          || exp.asLong() < now
          || exp.asLong() > now + Duration.ofHours(12).toSeconds()) {
        error(
            exchange,
            400,
            "INVALID_ARGUMENT",
            "The exp claim must be an integer, not in the past and at most 12 hours in the future.",
            null);
        return;
      }
    } else {
      payload.put("exp", now + 3600);
    }
    String keyId = GoogleAuth.systemKeyId(account.toLowerCase(java.util.Locale.ROOT));
    String jwt = Jwts.sign(keyId, payload.toString(), auth.systemKey(account).getPrivate());
    ObjectNode response = JSON.createObjectNode();
    response.put("keyId", keyId);
    response.put("signedJwt", jwt);
    out.send(exchange, 200, response.toString());
  }

  private void generateAccessToken(HttpExchange exchange, String account, JsonNode request)
      throws IOException {
    Set<String> scopes = new LinkedHashSet<>();
    request.path("scope").forEach(s -> scopes.add(s.asText()));
    if (scopes.isEmpty()) {
      error(exchange, 400, "INVALID_ARGUMENT", "Scope required.", null);
      return;
    }
    Duration lifetime = auth.lifetime();
    String asked = request.path("lifetime").asText("");
    if (!asked.isEmpty()) {
      Duration d;
      try {
        d = Duration.parse("PT" + asked.toUpperCase(java.util.Locale.ROOT));
      } catch (RuntimeException e) {
        d = null;
      }
      if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
        error(
            exchange, 400, "INVALID_ARGUMENT", "The lifetime must be between 1s and 3600s.", null);
        return;
      }
      lifetime = d.compareTo(lifetime) < 0 ? d : lifetime;
    }
    String token = auth.issue(Set.of("serviceAccount:" + account), null, scopes, false, lifetime);
    Instant expiry = auth.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    ObjectNode response = JSON.createObjectNode();
    response.put("accessToken", token);
    response.put("expireTime", expiry.toString());
    out.send(exchange, 200, response.toString());
  }

  private void error(
      HttpExchange exchange, int code, String status, String message, @Nullable String reason)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    if (reason != null) {
      ObjectNode info = error.putArray("details").addObject();
      info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
      info.put("reason", reason);
      info.put("domain", reason.startsWith("IAM") ? "iam.googleapis.com" : "googleapis.com");
    }
    out.send(exchange, code, body.toString());
  }
}
