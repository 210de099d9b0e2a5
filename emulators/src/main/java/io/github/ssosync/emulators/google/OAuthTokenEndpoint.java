package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.google.DirectoryOperations.Responder;
import io.github.ssosync.emulators.google.Jwts.Jwt;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Google's OAuth 2.0 token endpoint ({@code POST https://oauth2.googleapis.com/token}): the
 * JWT-bearer grant a service account uses (with {@code sub} for domain-wide delegation) and the
 * refresh-token grant of a user's Application Default Credentials. Rules and their sources:
 *
 * <ul>
 *   <li>"Using OAuth 2.0 for Server to Server Applications" (developers.google.com/identity): grant
 *       type {@code urn:ietf:params:oauth:grant-type:jwt-bearer}; the header's algorithm is RS256,
 *       the only one Google supports; claims {@code iss} (the service account's email), {@code
 *       scope} (space-delimited), {@code aud} ({@link #AUDIENCE}), {@code exp} (at most one hour
 *       after {@code iat}) and {@code iat} are required, {@code sub} names the user to act as.
 *       Google answers a JWT outside that window with 400 {@code invalid_grant} "Invalid JWT: Token
 *       must be a short-lived token (60 minutes) and in a reasonable timeframe".
 *   <li>The signature must verify with a key of the {@code iss} account: the key named by {@code
 *       kid} (a key file's {@code private_key_id}, or the system-managed key {@code signJwt} used);
 *       otherwise 400 {@code invalid_grant} "Invalid JWT Signature.". How far {@code iat} may lie
 *       in the future is not documented; here at most 60 s (the stricter reading).
 *   <li>A {@code sub} whose domain is not the tenant's: 400 {@code invalid_grant} "Invalid email or
 *       User ID"; delegation the Admin console does not authorise for a scope: 401 {@code
 *       unauthorized_client} ("Client is unauthorized to retrieve access tokens using this method,
 *       or client not authorized for any of the scopes requested").
 *   <li>RFC 6749 section 5.2 error JSON ({@code error}, {@code error_description}); an unknown
 *       refresh token is 400 {@code invalid_grant}.
 * </ul>
 */
final class OAuthTokenEndpoint {
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /**
   * The {@code aud} every assertion carries, wherever the token endpoint is: "When making an access
   * token request this value is always https://oauth2.googleapis.com/token" (Server to Server
   * Applications); google-auth-library-java sets it so even when a key's {@code token_uri} differs.
   */
  static final String AUDIENCE = "https://oauth2.googleapis.com/token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_LIFETIME_SECONDS = 3600;
  private static final long FUTURE_SKEW_SECONDS = 60;

  private final GoogleAuth auth;
  private final Predicate<String> ownsDomain;
  private final Responder out;

  OAuthTokenEndpoint(GoogleAuth auth, Predicate<String> ownsDomain, Responder out) {
    this.auth = auth;
    this.ownsDomain = ownsDomain;
    this.out = out;
  }

  void serve(HttpExchange exchange, Map<String, String> form) throws IOException {
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals(JWT_BEARER)) {
      jwtBearer(exchange, form.getOrDefault("assertion", ""));
    } else if (grant.equals("refresh_token")) {
      refresh(exchange, form);
    } else {
      error(exchange, 400, "unsupported_grant_type", "Invalid grant_type: " + grant);
    }
  }

  private void jwtBearer(HttpExchange exchange, String assertion) throws IOException {
    Jwt jwt = Jwts.parse(assertion);
    if (jwt == null || !"RS256".equals(jwt.header().path("alg").asText())) {
      error(exchange, 400, "invalid_grant", "Invalid JWT: the assertion is malformed.");
      return;
    }
    JsonNode claims = jwt.claims();
    for (String claim : List.of("iss", "aud", "exp", "iat", "scope")) {
      if (!claims.hasNonNull(claim)) {
        error(exchange, 400, "invalid_grant", "Invalid JWT: missing claim " + claim);
        return;
      }
    }
    if (!claims.get("aud").asText().equals(AUDIENCE)) {
      error(exchange, 400, "invalid_grant", "Invalid JWT: Failed audience check.");
      return;
    }
    long iat = claims.get("iat").asLong();
    long exp = claims.get("exp").asLong();
    long now = auth.now().getEpochSecond();
    if (exp <= now || exp - iat > MAX_LIFETIME_SECONDS || iat > now + FUTURE_SKEW_SECONDS) {
      error(
          exchange,
          400,
          "invalid_grant",
          "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
              + " timeframe. Check your iat and exp values in the JWT claim.");
      return;
    }
    String iss = claims.get("iss").asText();
    String kid = jwt.keyId();
    PublicKey key = kid == null ? null : auth.publicKey(kid, iss);
    if (key == null || !jwt.verifiedBy(key)) {
      error(exchange, 400, "invalid_grant", "Invalid JWT Signature.");
      return;
    }
    Set<String> scopes =
        new LinkedHashSet<>(Arrays.asList(claims.get("scope").asText().trim().split(" +")));
    String sub = claims.hasNonNull("sub") ? claims.get("sub").asText() : null;
    if (sub != null) {
      int at = sub.lastIndexOf('@');
      if (at < 0 || !ownsDomain.test(sub.substring(at + 1).toLowerCase(java.util.Locale.ROOT))) {
        error(exchange, 400, "invalid_grant", "Invalid email or User ID");
        return;
      }
      if (auth.refuseDelegation || scopes.stream().anyMatch(auth.refusedScopes::contains)) {
        error(
            exchange,
            401,
            "unauthorized_client",
            "Client is unauthorized to retrieve access tokens using this method, or client not"
                + " authorized for any of the scopes requested.");
        return;
      }
    }
    token(exchange, Set.of("serviceAccount:" + iss), sub, scopes);
  }

  private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
    String user = auth.refreshTokenUser(form.getOrDefault("refresh_token", ""));
    if (user == null || form.getOrDefault("client_id", "").isEmpty()) {
      error(exchange, 400, "invalid_grant", "Bad Request");
      return;
    }
    token(exchange, Set.of("user:" + user), null, Set.of(GoogleAuth.CLOUD_PLATFORM));
  }

  private void token(
      HttpExchange exchange, Set<String> members, @Nullable String sub, Set<String> scopes)
      throws IOException {
    String token = auth.issue(members, sub, scopes, true);
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", token);
    body.put("expires_in", Math.max(1, auth.lifetime().toSeconds()));
    body.put("token_type", "Bearer");
    out.send(exchange, 200, body.toString());
  }

  private void error(HttpExchange exchange, int status, String error, String description)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    out.send(exchange, status, body.toString());
  }
}
