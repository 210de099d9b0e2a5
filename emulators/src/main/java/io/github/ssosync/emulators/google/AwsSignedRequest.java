package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks the subject token of an AWS workload identity federation: a serialized, signed AWS STS
 * {@code GetCallerIdentity} request, which Google's STS forwards to AWS. Here the emulator answers
 * as AWS STS would, by checking the Signature Version 4 signature itself with the credentials it
 * handed out ({@link GoogleAuth#assumeAwsRole}). Sources:
 *
 * <ul>
 *   <li>Google, "Configure Workload Identity Federation with AWS" (REST steps): the token is a JSON
 *       object with {@code url} ({@code
 *       https://sts.REGION.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15}), {@code
 *       method} {@code POST} and {@code headers} (a list of {@code key}/{@code value}) holding
 *       {@code Authorization}, {@code host}, {@code x-amz-date}, {@code
 *       x-goog-cloud-target-resource} (the provider's full resource name, the token exchange's
 *       audience) and, for temporary credentials, {@code x-amz-security-token}; the JSON is
 *       URL-encoded.
 *   <li>AWS, "Signature Version 4 signing process": canonical request, string to sign over the
 *       credential scope {@code DATE/REGION/sts/aws4_request}, HMAC-SHA256 signing key; a signature
 *       is valid for 15 minutes after {@code x-amz-date}.
 *   <li>AWS STS errors: an unknown key, or temporary keys ({@code ASIA...}) without their session
 *       token, are {@code InvalidClientTokenId} "The security token included in the request is
 *       invalid."; a wrong signature is {@code SignatureDoesNotMatch}.
 *   <li>Where Google's docs do not say whether {@code x-goog-cloud-target-resource} must be among
 *       the signed headers, it must (the stricter reading).
 * </ul>
 */
final class AwsSignedRequest {
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/sts/aws4_request,"
              + " ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
  private static final Pattern STS_HOST =
      Pattern.compile("sts(?:\\.([a-z0-9-]+))?\\.amazonaws\\.com");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Duration VALIDITY = Duration.ofMinutes(15);
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /**
   * What the check found.
   *
   * @param arn the caller's ARN when the request is genuine
   * @param error why not, as Google's STS reports it, when it is not
   */
  record Result(@Nullable String arn, @Nullable String error) {
    static Result refused(String error) {
      return new Result(null, error);
    }
  }

  private AwsSignedRequest() {}

  static Result check(JsonNode token, String audience, GoogleAuth auth) {
    if (!"POST".equals(token.path("method").asText())) {
      return Result.refused("The subject token's method must be POST.");
    }
    URI url;
    try {
      url = URI.create(token.path("url").asText());
    } catch (IllegalArgumentException e) {
      return Result.refused("The subject token's url is not a URL.");
    }
    Matcher host = STS_HOST.matcher(String.valueOf(url.getHost()));
    if (!"https".equals(url.getScheme())
        || !host.matches()
        || !"Action=GetCallerIdentity&Version=2011-06-15".equals(url.getRawQuery())) {
      return Result.refused(
          "The subject token must be a signed AWS STS GetCallerIdentity request to"
              + " https://sts.REGION.amazonaws.com.");
    }
    Map<String, String> headers = new TreeMap<>();
    for (JsonNode h : token.path("headers")) {
      headers.put(h.path("key").asText().toLowerCase(Locale.ROOT), h.path("value").asText().trim());
    }
    if (!url.getHost().equals(headers.get("host"))) {
      return Result.refused("The subject token's host header does not match its url.");
    }
    if (!audience.equals(headers.get("x-goog-cloud-target-resource"))) {
      return Result.refused(
          "The subject token's x-goog-cloud-target-resource header does not match the audience.");
    }
    Matcher m = AUTH.matcher(headers.getOrDefault("authorization", ""));
    String date = headers.get("x-amz-date");
    if (!m.matches() || date == null) {
      return aws("IncompleteSignature", "The request signature does not conform to AWS standards.");
    }
    String keyId = m.group(1);
    String region = m.group(3);
    String signed = m.group(4);
    String expectedRegion = host.group(1) == null ? "us-east-1" : host.group(1);
    Instant at;
    try {
      at = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return aws("IncompleteSignature", "x-amz-date is not an ISO 8601 basic date-time.");
    }
    Instant now = auth.now();
    if (!region.equals(expectedRegion)
        || !date.startsWith(m.group(2))
        || at.isAfter(now.plus(VALIDITY))
        || at.isBefore(now.minus(VALIDITY))) {
      return aws("SignatureDoesNotMatch", "Signature expired or its credential scope is wrong.");
    }
    GoogleAuth.AwsPrincipal principal = auth.awsPrincipal(keyId);
    if (principal == null) {
      return aws("InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    String[] signedHeaders = signed.split(";");
    if (!Arrays.asList(signedHeaders)
        .containsAll(java.util.List.of("host", "x-amz-date", "x-goog-cloud-target-resource"))) {
      return aws(
          "SignatureDoesNotMatch",
          "host, x-amz-date and x-goog-cloud-target-resource must be signed.");
    }
    if (principal.sessionToken() != null
        && (!principal.sessionToken().equals(headers.get("x-amz-security-token"))
            || !Arrays.asList(signedHeaders).contains("x-amz-security-token"))) {
      return aws("InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    StringBuilder canonical = new StringBuilder("POST\n");
    canonical.append(
        url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    canonical.append('\n').append(canonicalQuery(url.getRawQuery())).append('\n');
    for (String h : signedHeaders) {
      String value = headers.get(h);
      if (value == null) {
        return aws("SignatureDoesNotMatch", "A signed header is missing: " + h);
      }
      canonical.append(h).append(':').append(value).append('\n');
    }
    canonical.append('\n').append(signed).append('\n').append(EMPTY_SHA256);
    String scope = m.group(2) + "/" + region + "/sts/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + sha256(canonical.toString());
    byte[] k =
        hmac(("AWS4" + principal.secretAccessKey()).getBytes(StandardCharsets.UTF_8), m.group(2));
    k = hmac(k, region);
    k = hmac(k, "sts");
    k = hmac(k, "aws4_request");
    String expected = HexFormat.of().formatHex(hmac(k, toSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        m.group(5).getBytes(StandardCharsets.US_ASCII))) {
      return aws(
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.");
    }
    return new Result(principal.arn(), null);
  }

  private static Result aws(String type, String message) {
    return Result.refused(
        "Received invalid AWS response of type " + type + " with error message: " + message);
  }

  private static String canonicalQuery(String raw) {
    String[] pairs = raw.split("&");
    Arrays.sort(pairs);
    return String.join("&", pairs);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
