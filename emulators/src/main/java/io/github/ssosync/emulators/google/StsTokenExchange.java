package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.google.DirectoryOperations.Responder;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Google's Security Token Service token exchange ({@code POST https://sts.googleapis.com/v1/token})
 * for workload identity pools with an AWS provider. Rules and their sources:
 *
 * <ul>
 *   <li>STS v1 reference, {@code ExchangeTokenRequest}: {@code grant_type} must be {@code
 *       urn:ietf:params:oauth:grant-type:token-exchange}, {@code requested_token_type} {@code
 *       urn:ietf:params:oauth:token-type:access_token}; {@code audience} (the provider's full
 *       resource name) and {@code scope} are required when exchanging an external credential.
 *   <li>For AWS the {@code subject_token_type} is {@code
 *       urn:ietf:params:aws:token-type:aws4_request} and the token a URL-encoded, signed {@code
 *       GetCallerIdentity} request ({@link AwsSignedRequest} checks it).
 *   <li>An audience that names no provider: 400 {@code invalid_target} "The target service
 *       indicated by the "audience" parameters is invalid. This might either be because the pool or
 *       provider is disabled or deleted or because it doesn't exist." (the answer users quote in
 *       google-github-actions/auth issues).
 *   <li>An identity from an AWS account other than the provider's is refused ({@code gcloud iam
 *       workload-identity-pools providers create-aws --account-id}); the exact wording is not
 *       documented.
 *   <li>The federated token acts as {@code principal://.../subject/ARN} and, by Google's default
 *       AWS attribute mapping, {@code principalSet://.../attribute.aws_role/ROLE_ARN} (the {@code
 *       assumed-role} ARN without the session name); response {@code access_token}, {@code
 *       issued_token_type}, {@code token_type} Bearer, {@code expires_in}.
 * </ul>
 */
final class StsTokenExchange {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  private static final String AWS4 = "urn:ietf:params:aws:token-type:aws4_request";

  private final GoogleAuth auth;
  private final Responder out;

  StsTokenExchange(GoogleAuth auth, Responder out) {
    this.auth = auth;
    this.out = out;
  }

  void serve(HttpExchange exchange, Map<String, String> form) throws IOException {
    if (!EXCHANGE.equals(form.get("grant_type"))) {
      error(exchange, "unsupported_grant_type", "Invalid value for \"grant_type\".");
      return;
    }
    if (!ACCESS_TOKEN.equals(form.get("requested_token_type"))) {
      error(exchange, "invalid_request", "Invalid value for \"requested_token_type\".");
      return;
    }
    String audience = form.getOrDefault("audience", "");
    GoogleAuth.PoolProvider provider = auth.provider(audience);
    if (provider == null) {
      error(
          exchange,
          "invalid_target",
          "The target service indicated by the \"audience\" parameters is invalid. This might"
              + " either be because the pool or provider is disabled or deleted or because it"
              + " doesn't exist.");
      return;
    }
    String scope = form.getOrDefault("scope", "").trim();
    if (scope.isEmpty()) {
      error(exchange, "invalid_request", "Scope(s) must be provided.");
      return;
    }
    if (!AWS4.equals(form.get("subject_token_type"))) {
      error(exchange, "invalid_request", "Invalid value for \"subject_token_type\".");
      return;
    }
    String encoded = form.getOrDefault("subject_token", "");
    JsonNode token;
    try {
      if (!encoded.startsWith("%7B") && !encoded.startsWith("%7b")) {
        throw new IllegalArgumentException("not URL-encoded");
      }
      token = JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IOException e) {
      error(exchange, "invalid_request", "The subject token is not a URL-encoded JSON request.");
      return;
    }
    AwsSignedRequest.Result result = AwsSignedRequest.check(token, audience, auth);
    if (result.arn() == null) {
      error(exchange, "invalid_grant", String.valueOf(result.error()));
      return;
    }
    String arn = result.arn();
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[4].equals(provider.awsAccountId())) {
      error(
          exchange,
          "invalid_grant",
          "The AWS account of the caller is not the account the provider accepts.");
      return;
    }
    Set<String> members = new LinkedHashSet<>();
    members.add("principal:" + provider.poolResource() + "/subject/" + arn);
    if (parts[5].startsWith("assumed-role/")) {
      String role = parts[5].substring(0, parts[5].lastIndexOf('/'));
      members.add(
          "principalSet:"
              + provider.poolResource()
              + "/attribute.aws_role/"
              + String.join(":", Arrays.copyOf(parts, 5))
              + ":"
              + role);
    }
    Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.split(" +")));
    String access = auth.issue(members, null, scopes, false);
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", access);
    body.put("issued_token_type", ACCESS_TOKEN);
    body.put("token_type", "Bearer");
    body.put("expires_in", Math.max(1, auth.lifetime().toSeconds()));
    out.send(exchange, 200, body.toString());
  }

  private void error(HttpExchange exchange, String error, String description) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    out.send(exchange, 400, body.toString());
  }
}
