package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.emulators.aws.S3Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The S3 emulator's rules, through the real AWS SDK S3 client and, for the wire, raw requests. */
class S3EmulatorTest {
  private static final String SIGNATURE =
      "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20261203/eu-west-1/s3/aws4_request,"
          + " SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
          + "0".repeat(64);

  private final S3Emulator s3 = S3Emulator.start().createBucket("b");
  private final S3Client client = client(s3.region());

  @AfterEach
  void stop() {
    client.close();
    s3.close();
  }

  private S3Client client(String region) {
    return S3Client.builder()
        .region(Region.of(region))
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .credentialsProvider(AwsFixture.CREDENTIALS)
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  @Test
  void theEtagIsTheQuotedMd5AndHeadAnswersWithoutABody() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    String etag =
        client
            .putObject(
                r -> r.bucket("b").key("k").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(content))
            .eTag();
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    assertThat(etag).isEqualTo("\"" + md5 + "\"");
    HeadObjectResponse head = client.headObject(r -> r.bucket("b").key("k"));
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.contentLength()).isEqualTo(5L);
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThatThrownBy(() -> client.headObject(r -> r.bucket("b").key("missing")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThat(client.getObjectAsBytes(r -> r.bucket("b").key("k")).asByteArray())
        .isEqualTo(content);
  }

  @Test
  void conditionalWritesAnswerAsTheReferenceSays() {
    client.putObject(r -> r.bucket("b").key("k"), RequestBody.fromString("one"));
    assertThat(
            error(
                () ->
                    client.putObject(
                        r -> r.bucket("b").key("k").ifNoneMatch("*"),
                        RequestBody.fromString("two"))))
        .isEqualTo("412 PreconditionFailed");
    assertThat(
            error(
                () ->
                    client.putObject(
                        r -> r.bucket("b").key("k").ifMatch("\"0\""),
                        RequestBody.fromString("two"))))
        .isEqualTo("412 PreconditionFailed");
    assertThat(
            error(
                () ->
                    client.putObject(
                        r -> r.bucket("b").key("gone").ifMatch("\"0\""),
                        RequestBody.fromString("two"))))
        .isEqualTo("404 NoSuchKey");
    assertThat(
            error(
                () ->
                    client.putObject(
                        r -> r.bucket("b").key("k").ifNoneMatch("\"0\""),
                        RequestBody.fromString("two"))))
        .isEqualTo("400 InvalidRequest");
    assertThat(new String(s3.object("b", "k").orElseThrow().content(), StandardCharsets.UTF_8))
        .isEqualTo("one");
  }

  @Test
  void overlappingConditionalWritesGet409() throws Exception {
    s3.conditionalWriteWindow(Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      java.util.concurrent.Callable<String> put =
          () -> {
            start.await();
            return error(
                () ->
                    client.putObject(
                        r -> r.bucket("b").key("k").ifNoneMatch("*"), RequestBody.fromString("x")));
          };
      List<Future<String>> results = pool.invokeAll(List.of(put, put));
      assertThat(List.of(results.get(0).get(), results.get(1).get()))
          .containsExactlyInAnyOrder("ok", "409 ConditionalRequestConflict");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void encryptionHeadersAreCheckedAndEchoed() {
    assertThat(
            error(
                () ->
                    client.putObject(
                        r ->
                            r.bucket("b")
                                .key("k")
                                .serverSideEncryption(ServerSideEncryption.AES256)
                                .ssekmsKeyId("alias/x"),
                        RequestBody.fromString("x"))))
        .isEqualTo("400 InvalidArgument");
    var put =
        client.putObject(
            r ->
                r.bucket("b")
                    .key("k")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("alias/x"),
            RequestBody.fromString("x"));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(put.ssekmsKeyId()).isEqualTo("alias/x");
    assertThat(client.headObject(r -> r.bucket("b").key("k")).ssekmsKeyId()).isEqualTo("alias/x");
  }

  @Test
  void requestsMustBeSignedForTheRegion() throws Exception {
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(s3.endpoint() + "/b/k")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
    try (S3Client elsewhere = client("us-east-1")) {
      assertThat(error(() -> elsewhere.getObject(r -> r.bucket("b").key("k"))))
          .isEqualTo("400 AuthorizationHeaderMalformed");
    }
    assertThat(error(() -> client.getObject(r -> r.bucket("nope").key("k"))))
        .isEqualTo("404 NoSuchBucket");
  }

  @Test
  void chunkedUploadsAreDecodedAndTheirChecksumsChecked() throws Exception {
    byte[] content = "state bytes".getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(content);
    String good =
        Base64.getEncoder()
            .encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    assertThat(chunkedPut("good", content, good).statusCode()).isEqualTo(200);
    assertThat(s3.object("b", "good").orElseThrow().content()).isEqualTo(content);
    HttpResponse<String> bad = chunkedPut("bad", content, "AAAAAA==");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("<Code>BadDigest</Code>");
    assertThat(s3.object("b", "bad")).isEmpty();
  }

  private HttpResponse<String> chunkedPut(String key, byte[] content, String crc32)
      throws Exception {
    String body =
        Integer.toHexString(content.length)
            + "\r\n"
            + new String(content, StandardCharsets.UTF_8)
            + "\r\n0\r\nx-amz-checksum-crc32:"
            + crc32
            + "\r\n\r\n";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(s3.endpoint() + "/b/" + key))
                .header("Authorization", SIGNATURE)
                .header("X-Amz-Date", "20261203T120000Z")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", String.valueOf(content.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** "ok", or the S3 error's status and code. */
  private static String error(Runnable call) {
    try {
      call.run();
      return "ok";
    } catch (S3Exception e) {
      return e.statusCode() + " " + e.awsErrorDetails().errorCode();
    }
  }
}
