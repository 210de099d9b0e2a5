package io.github.ssosync.emulators.aws;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.jspecify.annotations.Nullable;

/**
 * What S3 checks of a request before it looks at the object: the SigV4 {@code Authorization}
 * header's presence and form, the payload hash it signs, the {@code aws-chunked} body the AWS SDKs
 * stream uploads in, and the integrity headers ({@code Content-MD5}, {@code x-amz-checksum-*}).
 * Signatures are not verified (the emulator has no secret keys); their form is.
 */
final class S3Payload {
  /**
   * SigV4's header form (S3 API reference, "Authenticating Requests (AWS Signature Version 4)",
   * "Using an Authorization Header"): the credential scope names the date, region and {@code s3}.
   */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,"
              + "\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=[0-9a-f]{64}");

  private static final HexFormat HEX = HexFormat.of();

  private S3Payload() {}

  /**
   * Checks the request is signed with SigV4 for this region and S3.
   *
   * @throws S3Error 403 AccessDenied without a signature (a private bucket's answer to an anonymous
   *     request); 400 AuthorizationHeaderMalformed for another form, region or service; 400
   *     InvalidRequest without {@code x-amz-content-sha256}, which SigV4 requests to S3 must carry
   *     ("Common Request Headers")
   */
  static void checkSigned(Headers h, String region) {
    String auth = h.getFirst("Authorization");
    if (auth == null) {
      throw new S3Error(403, "AccessDenied", "Access Denied");
    }
    Matcher m = AUTHORIZATION.matcher(auth);
    if (!m.matches()) {
      throw new S3Error(
          400, "AuthorizationHeaderMalformed", "The authorization header is malformed.");
    }
    if (!m.group(3).equals(region)) {
      throw new S3Error(
              400,
              "AuthorizationHeaderMalformed",
              "The authorization header is malformed; the region '"
                  + m.group(3)
                  + "' is wrong; expecting '"
                  + region
                  + "'")
          .with("Region", region);
    }
    if (!m.group(4).equals("s3")) {
      throw new S3Error(
          400,
          "AuthorizationHeaderMalformed",
          "The authorization header is malformed; incorrect service \"" + m.group(4) + "\"");
    }
    String signed = ";" + m.group(5) + ";";
    if (!signed.contains(";host;") || h.getFirst("X-Amz-Date") == null) {
      throw new S3Error(
          400,
          "AuthorizationHeaderMalformed",
          "The authorization header is malformed; host and x-amz-date must be signed");
    }
    if (h.getFirst("x-amz-content-sha256") == null) {
      throw S3Error.invalidRequest(
          "Missing required header for this request: x-amz-content-sha256");
    }
  }

  /**
   * The object's bytes: the body itself, or decoded from {@code aws-chunked} ("Signature
   * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks"), checked
   * against the signed hash, {@code x-amz-decoded-content-length}, {@code Content-MD5} and any
   * {@code x-amz-checksum-*} header or trailer.
   */
  static byte[] content(Headers h, byte[] body) {
    String sha = h.getFirst("x-amz-content-sha256");
    Map<String, String> trailers = new HashMap<>();
    byte[] content = body;
    if (sha != null && sha.startsWith("STREAMING-")) {
      content = decodeChunked(body, trailers);
      String decoded = h.getFirst("x-amz-decoded-content-length");
      if (decoded == null || !decoded.equals(String.valueOf(content.length))) {
        throw new S3Error(
            400,
            "IncompleteBody",
            "You did not provide the number of bytes specified by the"
                + " x-amz-decoded-content-length HTTP header");
      }
    } else if (sha != null && !sha.equals("UNSIGNED-PAYLOAD")) {
      if (!sha.equals(HEX.formatHex(digest("SHA-256", content)))) {
        throw new S3Error(
                400,
                "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
            .with("ClientComputedContentSHA256", sha);
      }
    }
    String md5 = h.getFirst("Content-MD5");
    if (md5 != null && !md5.equals(Base64.getEncoder().encodeToString(digest("MD5", content)))) {
      throw new S3Error(
          400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
    }
    for (String algorithm : new String[] {"crc32", "crc32c", "sha1", "sha256"}) {
      String name = "x-amz-checksum-" + algorithm;
      String expected = h.getFirst(name) != null ? h.getFirst(name) : trailers.get(name);
      if (expected != null && !expected.equals(checksum(algorithm, content))) {
        throw new S3Error(
            400,
            "BadDigest",
            "The "
                + algorithm.toUpperCase(Locale.ROOT)
                + " you specified did not match the calculated checksum.");
      }
    }
    return content;
  }

  /** ETag of a single-part upload: the quoted MD5 of the bytes, in hex. */
  static String etag(byte[] content) {
    return "\"" + HEX.formatHex(digest("MD5", content)) + "\"";
  }

  /**
   * Decodes {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n} chunks up to the zero-size one,
   * then the trailing headers ({@code name:value\r\n}) up to an empty line.
   */
  private static byte[] decodeChunked(byte[] body, Map<String, String> trailers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int at = 0;
    try {
      while (true) {
        int eol = lineEnd(body, at);
        String header = new String(body, at, eol - at, StandardCharsets.US_ASCII);
        int semicolon = header.indexOf(';');
        int size = Integer.parseInt(semicolon < 0 ? header : header.substring(0, semicolon), 16);
        at = eol + 2;
        if (size == 0) {
          break;
        }
        out.write(body, at, size);
        at += size;
        if (body[at] != '\r' || body[at + 1] != '\n') {
          throw badChunk();
        }
        at += 2;
      }
      while (at < body.length) {
        int eol = lineEnd(body, at);
        String line = new String(body, at, eol - at, StandardCharsets.US_ASCII);
        at = eol + 2;
        int colon = line.indexOf(':');
        if (colon > 0) {
          trailers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
    } catch (RuntimeException e) {
      if (e instanceof S3Error s) {
        throw s;
      }
      throw badChunk();
    }
    return out.toByteArray();
  }

  private static int lineEnd(byte[] body, int from) {
    for (int i = from; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return i;
      }
    }
    throw badChunk();
  }

  private static S3Error badChunk() {
    return new S3Error(400, "IncompleteBody", "The aws-chunked body is malformed.");
  }

  private static @Nullable String checksum(String algorithm, byte[] content) {
    byte[] value =
        switch (algorithm) {
          case "crc32" -> crc(new CRC32(), content);
          case "crc32c" -> crc(new CRC32C(), content);
          case "sha1" -> digest("SHA-1", content);
          default -> digest("SHA-256", content);
        };
    return Base64.getEncoder().encodeToString(value);
  }

  private static byte[] crc(Checksum crc, byte[] content) {
    crc.update(content, 0, content.length);
    return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
