package io.github.ssosync.provider.google;

import static io.github.ssosync.provider.google.KeylessFixture.SA;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AwsCredentials;
import io.github.ssosync.emulators.DirectoryContent;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The emulator's identity endpoints refuse what Google refuses: each rule of {@code
 * OAuthTokenEndpoint}, {@code StsTokenExchange}, {@code AwsSignedRequest} and {@code
 * IamCredentialsEndpoint} that the happy paths of {@link KeylessDelegationTest} do not reach.
 */
class GoogleAuthEmulatorTest {
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private static HttpResponse<String> post(
      KeylessFixture f, URI uri, String contentType, String body, String bearer) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(f.emulator.clientSslContext()).build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String jwt(String claims, KeyPair key, String kid) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(
                ("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64.encodeToString(s.sign());
  }

  private static String claims(String aud, long iat, long exp) {
    return "{\"iss\":\""
        + SA
        + "\",\"sub\":\"admin@example.com\",\"scope\":\"https://www.googleapis.com/auth/admin.directory.user.readonly\",\"aud\":\""
        + aud
        + "\",\"iat\":"
        + iat
        + ",\"exp\":"
        + exp
        + "}";
  }

  @Test
  void theTokenEndpointChecksSignatureAudienceAndLifetime() throws Exception {
    try (KeylessFixture f = new KeylessFixture(DirectoryContent.builder().build())) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair stranger = g.generateKeyPair();
      long now = System.currentTimeMillis() / 1000;
      String google = "https://oauth2.googleapis.com/token";
      URI token = f.auth.tokenUri();
      String type = "application/x-www-form-urlencoded";

      var forged =
          post(
              f,
              token,
              type,
              form(
                  Map.of(
                      "grant_type",
                      JWT_BEARER,
                      "assertion",
                      jwt(claims(google, now, now + 3600), stranger, "made-up"))),
              null);
      var wrongAudience =
          post(
              f,
              token,
              type,
              form(
                  Map.of(
                      "grant_type",
                      JWT_BEARER,
                      "assertion",
                      jwt(claims(token.toString(), now, now + 3600), stranger, "x"))),
              null);
      var tooLong =
          post(
              f,
              token,
              type,
              form(
                  Map.of(
                      "grant_type",
                      JWT_BEARER,
                      "assertion",
                      jwt(claims(google, now, now + 7200), stranger, "x"))),
              null);

      assertThat(forged.statusCode()).isEqualTo(400);
      assertThat(forged.body()).contains("Invalid JWT Signature.");
      assertThat(wrongAudience.body()).contains("Failed audience check");
      assertThat(tooLong.body()).contains("short-lived token (60 minutes)");
      assertThat(f.auth.tokensIssued()).isZero();
    }
  }

  @Test
  void iamCredentialsRefusesWithoutTokenWithoutGrantAndTooLongJwts() throws Exception {
    try (KeylessFixture f = new KeylessFixture(DirectoryContent.builder().build())) {
      URI sign =
          URI.create(
              f.auth.iamCredentialsUri() + "v1/projects/-/serviceAccounts/" + SA + ":signJwt");
      var federated = f.federated();
      federated.refresh();
      String token = federated.getAccessToken().getTokenValue();
      long now = System.currentTimeMillis() / 1000;
      String payload = "{\"payload\":\"{\\\"exp\\\":" + (now + 13 * 3600) + "}\"}";

      var anonymous = post(f, sign, "application/json", "{\"payload\":\"{}\"}", null);
      var tooLong = post(f, sign, "application/json", payload, token);
      var lifetime =
          post(
              f,
              f.auth.generateAccessTokenUri(SA),
              "application/json",
              "{\"scope\":[\"x\"],\"lifetime\":\"7200s\"}",
              token);

      f.auth.revokeTokenCreator(f.roleMember, SA);
      var denied = post(f, sign, "application/json", "{\"payload\":\"{}\"}", token);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).contains("12 hours");
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.body())
          .contains("PERMISSION_DENIED")
          .contains("Permission 'iam.serviceAccounts.signJwt' denied");
      assertThat(lifetime.statusCode()).isEqualTo(400);
      assertThat(lifetime.body()).contains("between 1s and 3600s");
    }
  }

  @Test
  void stsChecksTheSignedAwsRequest() throws Exception {
    try (KeylessFixture f = new KeylessFixture(DirectoryContent.builder().build())) {
      AwsCredentials aws = (AwsCredentials) f.federated();
      String subject = aws.retrieveSubjectToken();
      String json = URLDecoder.decode(subject, StandardCharsets.UTF_8);
      Map<String, String> base =
          Map.of(
              "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
              "requested_token_type", "urn:ietf:params:oauth:token-type:access_token",
              "subject_token_type", "urn:ietf:params:aws:token-type:aws4_request",
              "audience", f.audience,
              "scope", "https://www.googleapis.com/auth/cloud-platform");
      String type = "application/x-www-form-urlencoded";

      var genuine = post(f, f.auth.stsUri(), type, form(with(base, subject)), null);
      String tampered =
          URLEncoder.encode(
              json.replaceFirst("Signature=([0-9a-f])", "Signature=" + flip(json)),
              StandardCharsets.UTF_8);
      var forged = post(f, f.auth.stsUri(), type, form(with(base, tampered)), null);
      var notEncoded = post(f, f.auth.stsUri(), type, form(with(base, json)), null);
      Map<String, String> otherAudience = new java.util.HashMap<>(base);
      otherAudience.put("audience", f.auth.workloadIdentityProvider("1", "p", "q", "999999999999"));
      var wrongTarget = post(f, f.auth.stsUri(), type, form(with(otherAudience, subject)), null);

      assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
      assertThat(forged.body()).contains("SignatureDoesNotMatch");
      assertThat(notEncoded.body()).contains("URL-encoded");
      assertThat(wrongTarget.body()).contains("x-goog-cloud-target-resource");
    }
  }

  private static Map<String, String> with(Map<String, String> base, String subject) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put("subject_token", subject);
    return m;
  }

  /** A hex digit other than the signature's first. */
  private static String flip(String json) {
    int at = json.indexOf("Signature=") + "Signature=".length();
    return json.charAt(at) == '0' ? "1" : "0";
  }
}
