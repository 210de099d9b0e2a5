package io.github.ssosync.provider.aws;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.aws.internal.AwsClients;
import io.github.ssosync.provider.aws.internal.S3Errors;
import io.github.ssosync.state.StateConflictException;
import io.github.ssosync.state.StateStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A state kept in one S3 object; its version is the object's ETag.
 *
 * <p>Saves are S3 conditional writes (S3 user guide, "How to prevent object overwrites with
 * conditional writes"): {@code If-None-Match: *} when the run found no state, {@code If-Match:
 * <etag>} otherwise. S3 answers {@code 412 Precondition Failed} when another run saved first,
 * {@code 409 ConditionalRequestConflict} while another conditional write to the key is in progress,
 * and {@code 404 NoSuchKey} to {@code If-Match} when the object is gone; each is a {@link
 * StateConflictException}, so two runs never both commit. Every save names its encryption: SSE-KMS
 * with the given key, else SSE-S3 ({@code AES256}) explicitly, so that a bucket policy requiring
 * encryption headers accepts it.
 *
 * <pre>{@code
 * S3StateStore.Location at = S3StateStore.parseUri("s3://my-bucket/ssosync/state.json.gz");
 * StateStore store = S3StateStore.builder().bucket(at.bucket()).key(at.key())
 *     .region("eu-west-1").kmsKeyId("alias/ssosync").build();
 * }</pre>
 */
public final class S3StateStore implements StateStore, AutoCloseable {
  private static final String FAMILY = "s3";

  /**
   * A parsed {@code s3://bucket/key}.
   *
   * @param bucket the bucket
   * @param key the object key
   */
  public record Location(String bucket, String key) {
    @Override
    public String toString() {
      return "s3://" + bucket + "/" + key;
    }
  }

  private final S3Client s3;
  private final boolean ownsClient;
  private final Location location;
  private final @Nullable String kmsKeyId;
  private final ApiFamily api;

  private S3StateStore(
      S3Client s3,
      boolean ownsClient,
      Location location,
      @Nullable String kmsKeyId,
      ApiFamily api) {
    this.s3 = s3;
    this.ownsClient = ownsClient;
    this.location = location;
    this.kmsKeyId = kmsKeyId;
    this.api = api;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The S3 API family, preset with its name ({@code s3}) and S3's request rate: at least 3,500
   * PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests a second per partitioned prefix (S3 user
   * guide, "Best practices design patterns: optimizing Amazon S3 performance"); the lower one. A
   * store makes one GET and one PUT a run, so the quota only matters when many share a prefix;
   * retries cover {@code 503 SlowDown}, S3's answer above the rate.
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder s3Api() {
    return ApiFamily.builder(FAMILY).requestsPerSecond(3_500);
  }

  /**
   * Parses the {@code --state} value for S3.
   *
   * @param uri {@code s3://bucket/key}
   * @return the bucket and key
   * @throws ConfigurationException naming {@code --state} and {@code SSOSYNC_STATE} and what is
   *     wrong
   */
  public static Location parseUri(String uri) {
    String prefix = "s3://";
    if (!uri.startsWith(prefix)) {
      throw bad(uri, "not an s3://bucket/key URI");
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw bad(uri, "names no object key after the bucket (s3://bucket/key)");
    }
    String bucket = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    List<String> problems = new ArrayList<>();
    checkBucket(bucket, problems);
    if (key.endsWith("/")) {
      problems.add("the key \"" + key + "\" ends with / (a folder, not an object)");
    }
    // Object keys are at most 1,024 bytes of UTF-8 (user guide, "Naming Amazon S3 objects").
    if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
      problems.add("the key is longer than S3's 1,024 bytes");
    }
    if (!problems.isEmpty()) {
      throw bad(uri, String.join("; ", problems));
    }
    return new Location(bucket, key);
  }

  @Override
  public Optional<Stored> load() {
    return api.call(
        "GetObject",
        "GetObject " + location,
        () -> {
          try {
            ResponseBytes<GetObjectResponse> r =
                s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()));
            return Optional.of(new Stored(r.asByteArray(), r.response().eTag()));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          } catch (SdkException e) {
            throw S3Errors.translate(
                "read the state (s3:GetObject)", location.toString(), kmsKeyId != null, e);
          }
        });
  }

  @Override
  public String save(byte[] content, @Nullable String expectedVersion) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(location.bucket())
            .key(location.key())
            .contentType("application/octet-stream");
    if (expectedVersion == null) {
      put.ifNoneMatch("*");
    } else {
      put.ifMatch(expectedVersion);
    }
    if (kmsKeyId != null) {
      put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    } else {
      put.serverSideEncryption(ServerSideEncryption.AES256);
    }
    PutObjectRequest request = put.build();
    return api.call(
        "PutObject",
        "PutObject " + location,
        () -> {
          try {
            return s3.putObject(request, RequestBody.fromBytes(content)).eTag();
          } catch (S3Exception e) {
            StateConflictException conflict =
                S3Errors.conflict(e, location.toString(), expectedVersion);
            if (conflict != null) {
              throw conflict;
            }
            throw S3Errors.translate(
                "save the state (s3:PutObject)", location.toString(), kmsKeyId != null, e);
          } catch (SdkException e) {
            throw S3Errors.translate(
                "save the state (s3:PutObject)", location.toString(), kmsKeyId != null, e);
          }
        });
  }

  @Override
  public String location() {
    return location.toString();
  }

  /** The S3 family: its calls and throttles, for the sync report. */
  public ApiFamily api() {
    return api;
  }

  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }

  private static void checkBucket(String bucket, List<String> problems) {
    // General purpose bucket names (user guide, "General purpose bucket naming rules"): 3 to 63
    // characters, lower-case letters, digits, dots and hyphens, beginning and ending with a letter
    // or digit, no two adjacent dots.
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
      problems.add(
          "\""
              + bucket
              + "\" is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
    }
  }

  private static ConfigurationException bad(String uri, String why) {
    return new ConfigurationException("--state (SSOSYNC_STATE) \"" + uri + "\": " + why);
  }

  /** Builds an {@link S3StateStore}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private @Nullable S3Client client;
    private @Nullable String bucket;
    private @Nullable String key;
    private @Nullable String kmsKeyId;
    private @Nullable String region;
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private @Nullable URI endpoint;
    private @Nullable ApiFamily api;
    private Duration readTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * @param bucket the bucket
     * @return this builder
     */
    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    /**
     * @param key the object key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    /**
     * @param location a parsed {@code s3://bucket/key}
     * @return this builder
     */
    public Builder location(Location location) {
      this.bucket = location.bucket();
      this.key = location.key();
      return this;
    }

    /**
     * @param kmsKeyId a KMS key (id, ARN or alias) to encrypt the state with (SSE-KMS); without it,
     *     SSE-S3
     * @return this builder
     */
    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /**
     * @param region the bucket's region
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * @param provider AWS credentials (default: the SDK's default chain)
     * @return this builder
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = provider;
      return this;
    }

    /**
     * @param endpoint an S3 endpoint (private endpoints, emulators); path-style addressing is used
     *     with it
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * @param client a ready S3 client (its retry settings are the embedder's)
     * @return this builder
     */
    public Builder s3Client(S3Client client) {
      this.client = client;
      return this;
    }

    /**
     * @param family the S3 family's quota, retries and counting, built from {@link #s3Api()}
     * @return this builder
     */
    public Builder api(ApiFamily family) {
      this.api = family;
      return this;
    }

    /**
     * @param timeout the most one call may take (default 60 s)
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * @return the store
     * @throws ConfigurationException naming every bad setting
     */
    public S3StateStore build() {
      List<String> problems = new ArrayList<>();
      if (bucket == null || key == null || key.isEmpty()) {
        problems.add("bucket and key: required (--state s3://bucket/key, SSOSYNC_STATE)");
      } else {
        checkBucket(bucket, problems);
      }
      if (client == null && (region == null || region.isBlank())) {
        problems.add("region: required (or give s3Client); the bucket's region, e.g. eu-west-1");
      }
      if (kmsKeyId != null && kmsKeyId.isBlank()) {
        problems.add("kmsKeyId: empty; give a KMS key id, ARN or alias, or none for SSE-S3");
      }
      if (api != null && !api.name().equals(FAMILY)) {
        problems.add(
            "api: the family is named \""
                + api.name()
                + "\", not \"s3\"; build it from S3StateStore.s3Api()");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      boolean owns = client == null;
      S3Client s3 = client;
      if (s3 == null) {
        S3ClientBuilder b =
            AwsClients.configure(
                S3Client.builder(), region, credentialsProvider, endpoint, readTimeout);
        // Virtual-hosted addressing needs DNS names per bucket; an endpoint override (an emulator,
        // a loopback address) is addressed by path.
        s3 = b.forcePathStyle(endpoint != null).build();
      }
      return new S3StateStore(
          s3, owns, new Location(bucket, key), kmsKeyId, api != null ? api : s3Api().build());
    }
  }
}
