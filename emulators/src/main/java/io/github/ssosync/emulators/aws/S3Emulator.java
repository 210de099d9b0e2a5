package io.github.ssosync.emulators.aws;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A loopback emulator of the S3 object calls a state store makes — {@code GetObject}, {@code
 * HeadObject}, {@code PutObject} — for the real AWS SDK's S3 client with {@code endpointOverride}
 * and path-style addressing ({@code /bucket/key}). Requests must carry a SigV4 {@code
 * Authorization} header of the emulator's region ({@link S3Payload#checkSigned}); errors are S3's
 * XML error bodies ({@link S3Error}); faults render as S3 answers them (throttling and
 * unavailability as {@code 503 SlowDown}, which S3 sends when a prefix's request rate is exceeded:
 * user guide, "Best practices design patterns: optimizing Amazon S3 performance").
 *
 * <p>Conditional writes follow the PutObject API reference ({@code If-Match}, {@code
 * If-None-Match}) and the user guide's "How to prevent object overwrites with conditional writes".
 * Server-side encryption follows PutObject's {@code x-amz-server-side-encryption} headers; each
 * object records what it was written with ({@link #object}).
 */
public final class S3Emulator extends LoopbackServer {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String KMS_MANAGED = "aws:kms";

  /**
   * An object as stored.
   *
   * @param content its bytes
   * @param etag its ETag, quoted
   * @param serverSideEncryption {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
   * @param kmsKeyId the KMS key named with {@code aws:kms}, or null (the AWS managed key)
   * @param lastModified when it was written
   */
  public record StoredObject(
      byte[] content,
      String etag,
      String serverSideEncryption,
      @Nullable String kmsKeyId,
      Instant lastModified) {}

  private final String region = "eu-west-1";
  private final Map<String, Map<String, StoredObject>> buckets = new HashMap<>();
  private final Set<String> writing = new HashSet<>();
  private volatile Duration conditionalWindow = Duration.ZERO;

  private S3Emulator() {}

  /** Starts on 127.0.0.1 and a free port. */
  public static S3Emulator start() {
    return new S3Emulator();
  }

  /** The endpoint, for {@code S3Client.builder().endpointOverride(...)} with path-style access. */
  public URI endpoint() {
    return baseUri();
  }

  /** The region requests must be signed for. */
  public String region() {
    return region;
  }

  /**
   * @param bucket a bucket to create (empty)
   * @return this
   */
  public synchronized S3Emulator createBucket(String bucket) {
    buckets.putIfAbsent(bucket, new HashMap<>());
    return this;
  }

  /**
   * @param bucket a bucket
   * @param key a key
   * @return the object as stored, if any
   */
  public synchronized Optional<StoredObject> object(String bucket, String key) {
    Map<String, StoredObject> b = buckets.get(bucket);
    return Optional.ofNullable(b == null ? null : b.get(key));
  }

  /**
   * Writes an object as someone else would (SSE-S3), without a request.
   *
   * @param bucket an existing bucket
   * @param key the key
   * @param content the bytes
   */
  public synchronized void putObject(String bucket, String key, byte[] content) {
    bucket(bucket).put(key, stored(content, "AES256", null));
  }

  /**
   * Deletes an object as someone else would, without a request.
   *
   * @param bucket a bucket
   * @param key the key
   */
  public synchronized void deleteObject(String bucket, String key) {
    bucket(bucket).remove(key);
  }

  /**
   * Holds every conditional write in progress this long before it takes effect, so that a test can
   * overlap two of them and see the second answered {@code 409 ConditionalRequestConflict}.
   *
   * @param window how long (default zero)
   */
  public void conditionalWriteWindow(Duration window) {
    this.conditionalWindow = window;
  }

  @Override
  protected String operationOf(HttpExchange exchange, byte[] body) {
    return switch (exchange.getRequestMethod()) {
      case "GET" -> "GetObject";
      case "HEAD" -> "HeadObject";
      case "PUT" -> "PutObject";
      default -> exchange.getRequestMethod();
    };
  }

  @Override
  protected void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException {
    S3Error error =
        switch (fault) {
          case THROTTLE, UNAVAILABLE ->
              new S3Error(503, "SlowDown", "Please reduce your request rate.");
          case UNAUTHORIZED ->
              new S3Error(
                  403,
                  "InvalidAccessKeyId",
                  "The AWS Access Key Id you provided does not exist in our records.");
          case CONCURRENT_MODIFICATION -> S3Error.conditionalConflict();
          default ->
              new S3Error(
                  500, "InternalError", "We encountered an internal error. Please try again.");
        };
    send(exchange, error);
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    try {
      S3Payload.checkSigned(exchange.getRequestHeaders(), region);
      String path = exchange.getRequestURI().getPath();
      int slash = path.indexOf('/', 1);
      if (slash < 0 || slash == path.length() - 1) {
        throw new S3Error(501, "NotImplemented", "Only object requests are emulated: " + path);
      }
      String bucket = path.substring(1, slash);
      String key = path.substring(slash + 1);
      switch (operation) {
        case "GetObject", "HeadObject" -> get(exchange, bucket, key, operation.equals("GetObject"));
        case "PutObject" -> put(exchange, bucket, key, body);
        default ->
            throw new S3Error(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.");
      }
    } catch (S3Error e) {
      send(exchange, e);
    }
  }

  private void get(HttpExchange exchange, String bucket, String key, boolean withBody)
      throws IOException {
    StoredObject o;
    synchronized (this) {
      Map<String, StoredObject> b = buckets.get(bucket);
      if (b == null) {
        throw S3Error.noSuchBucket(bucket);
      }
      o = b.get(key);
    }
    if (o == null) {
      throw S3Error.noSuchKey(key);
    }
    Headers h = exchange.getResponseHeaders();
    objectHeaders(h, o);
    h.set("Content-Type", "binary/octet-stream");
    h.set("Last-Modified", HTTP_DATE.format(o.lastModified()));
    h.set("Accept-Ranges", "bytes");
    if (withBody) {
      exchange.sendResponseHeaders(200, o.content().length == 0 ? -1 : o.content().length);
      exchange.getResponseBody().write(o.content());
    } else {
      h.set("Content-Length", String.valueOf(o.content().length));
      exchange.sendResponseHeaders(200, -1);
    }
    exchange.close();
  }

  private void put(HttpExchange exchange, String bucket, String key, byte[] body)
      throws IOException {
    Headers in = exchange.getRequestHeaders();
    if (in.getFirst("x-amz-copy-source") != null
        || exchange.getRequestURI().getQuery() != null
            && exchange.getRequestURI().getQuery().contains("uploadId")) {
      throw new S3Error(501, "NotImplemented", "Only single-part PutObject is emulated");
    }
    byte[] content = S3Payload.content(in, body);
    String[] sse = encryption(in);
    String ifMatch = in.getFirst("If-Match");
    String ifNoneMatch = in.getFirst("If-None-Match");
    if (ifNoneMatch != null && !ifNoneMatch.equals("*")) {
      // PutObject reference: If-None-Match "Expects the '*' (asterisk) character". What S3 answers
      // to another value is not documented; the stricter reading refuses it.
      throw S3Error.invalidRequest("If-None-Match accepts only *");
    }
    if (ifMatch != null && ifNoneMatch != null) {
      // Not documented either way; refused rather than guessed.
      throw S3Error.invalidRequest("If-Match and If-None-Match cannot both be given");
    }
    StoredObject written;
    if (ifMatch == null && ifNoneMatch == null) {
      synchronized (this) {
        written = stored(content, sse[0], sse[1]);
        bucket(bucket).put(key, written);
      }
    } else {
      written = conditionalPut(bucket, key, content, sse, ifMatch);
    }
    objectHeaders(exchange.getResponseHeaders(), written);
    exchange.getResponseHeaders().set("x-amz-request-id", S3Error.requestId());
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  /**
   * A conditional write: while one is in progress on a key, another gets {@code 409
   * ConditionalRequestConflict} ("If a conflicting operation occurs during the upload S3 returns a
   * 409 ConditionalRequestConflict response", PutObject reference). {@code If-None-Match: *} fails
   * with 412 when the key exists; {@code If-Match} with 412 when the ETag differs, and with 404
   * NoSuchKey when there is no object (user guide, "Conditional write behavior").
   */
  private StoredObject conditionalPut(
      String bucket, String key, byte[] content, String[] sse, @Nullable String ifMatch) {
    String slot = bucket + "/" + key;
    synchronized (this) {
      bucket(bucket);
      if (!writing.add(slot)) {
        throw S3Error.conditionalConflict();
      }
    }
    try {
      Duration window = conditionalWindow;
      if (!window.isZero()) {
        Thread.sleep(window.toMillis());
      }
      synchronized (this) {
        StoredObject current = bucket(bucket).get(key);
        if (ifMatch == null && current != null) {
          throw S3Error.preconditionFailed("If-None-Match");
        }
        if (ifMatch != null && current == null) {
          throw S3Error.noSuchKey(key);
        }
        if (ifMatch != null && !ifMatch.equals(current.etag())) {
          throw S3Error.preconditionFailed("If-Match");
        }
        StoredObject written = stored(content, sse[0], sse[1]);
        bucket(bucket).put(key, written);
        return written;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S3Error(500, "InternalError", "interrupted");
    } finally {
      synchronized (this) {
        writing.remove(slot);
      }
    }
  }

  /**
   * PutObject's {@code x-amz-server-side-encryption}: {@code AES256}, {@code aws:kms} or {@code
   * aws:kms:dsse}; a KMS key id only with a KMS value. Without the header the bucket's default
   * applies, which is SSE-S3 for every bucket since January 2023 (user guide, "Setting default
   * server-side encryption behavior for Amazon S3 buckets").
   *
   * @return the algorithm and the KMS key id (or null)
   */
  private static String[] encryption(Headers in) {
    String sse = in.getFirst("x-amz-server-side-encryption");
    String keyId = in.getFirst("x-amz-server-side-encryption-aws-kms-key-id");
    if (sse == null) {
      sse = "AES256";
    }
    if (!sse.equals("AES256") && !sse.equals(KMS_MANAGED) && !sse.equals("aws:kms:dsse")) {
      throw S3Error.invalidArgument(
          "The encryption method specified is not supported", "x-amz-server-side-encryption", sse);
    }
    if (keyId != null && !sse.startsWith(KMS_MANAGED)) {
      throw S3Error.invalidArgument(
          "Server Side Encryption with AWS KMS managed key requires HTTP header"
              + " x-amz-server-side-encryption : aws:kms",
          "x-amz-server-side-encryption-aws-kms-key-id",
          keyId);
    }
    return new String[] {sse, keyId};
  }

  private static void objectHeaders(Headers h, StoredObject o) {
    h.set("ETag", o.etag());
    h.set("x-amz-server-side-encryption", o.serverSideEncryption());
    if (o.kmsKeyId() != null) {
      h.set("x-amz-server-side-encryption-aws-kms-key-id", o.kmsKeyId());
    }
  }

  private Map<String, StoredObject> bucket(String bucket) {
    Map<String, StoredObject> b = buckets.get(bucket);
    if (b == null) {
      throw S3Error.noSuchBucket(bucket);
    }
    return b;
  }

  private static StoredObject stored(byte[] content, String sse, @Nullable String keyId) {
    return new StoredObject(content.clone(), S3Payload.etag(content), sse, keyId, Instant.now());
  }

  private static void send(HttpExchange exchange, S3Error e) throws IOException {
    Map<String, String> headers = Map.of("x-amz-request-id", S3Error.requestId());
    if (exchange.getRequestMethod().equals("HEAD")) {
      // A HEAD response has no body: the status alone tells the error.
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(e.status(), -1);
      exchange.close();
      return;
    }
    send(exchange, e.status(), "application/xml", e.xml(), headers);
  }
}
