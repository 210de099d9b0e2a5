package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.emulators.aws.S3Emulator;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.state.StateConflictException;
import io.github.ssosync.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** The S3 state store through the real AWS SDK S3 client, against the S3 emulator. */
class S3StateStoreTest {
  private final S3Emulator s3 = S3Emulator.start().createBucket("state-bucket");

  @AfterEach
  void stop() {
    s3.close();
  }

  private S3StateStore.Builder builder() {
    return S3StateStore.builder()
        .location(S3StateStore.parseUri("s3://state-bucket/ssosync/state.json.gz"))
        .region(s3.region())
        .endpoint(s3.endpoint())
        .credentialsProvider(AwsFixture.CREDENTIALS)
        .api(AwsFixture.fast(S3StateStore.s3Api(), AwsFixture.FAST));
  }

  @Test
  void aMissingObjectIsNoState() {
    try (S3StateStore store = builder().build()) {
      assertThat(store.load()).isEmpty();
      assertThat(s3.calls("GetObject")).isEqualTo(1);
      assertThat(store.location()).isEqualTo("s3://state-bucket/ssosync/state.json.gz");
    }
  }

  @Test
  void whatIsSavedIsLoadedWithTheEtagAsVersion() {
    try (S3StateStore store = builder().build()) {
      String v1 = store.save(bytes("first"), null);
      assertThat(v1)
          .isEqualTo(s3.object("state-bucket", "ssosync/state.json.gz").orElseThrow().etag());
      StateStore.Stored stored = store.load().orElseThrow();
      assertThat(stored.content()).isEqualTo(bytes("first"));
      assertThat(stored.version()).isEqualTo(v1);

      String v2 = store.save(bytes("second"), v1);
      assertThat(v2).isNotEqualTo(v1);
      assertThat(store.load().orElseThrow().content()).isEqualTo(bytes("second"));
    }
  }

  @Test
  void aSaveThatIsNoLongerCurrentIsAConflict() {
    try (S3StateStore store = builder().build()) {
      String v1 = store.save(bytes("one"), null);
      store.save(bytes("two"), v1);

      assertThatThrownBy(() -> store.save(bytes("three"), v1))
          .isInstanceOf(StateConflictException.class)
          .hasMessageContaining("s3://state-bucket/ssosync/state.json.gz")
          .hasMessageContaining("412");
      assertThatThrownBy(() -> store.save(bytes("three"), null))
          .isInstanceOf(StateConflictException.class)
          .hasMessageContaining("found none");
      assertThat(store.load().orElseThrow().content()).isEqualTo(bytes("two"));

      String current = store.load().orElseThrow().version();
      s3.deleteObject("state-bucket", "ssosync/state.json.gz");
      assertThatThrownBy(() -> store.save(bytes("four"), current))
          .isInstanceOf(StateConflictException.class)
          .hasMessageContaining("deleted");
      assertThat(store.load()).isEmpty();
    }
  }

  @Test
  void ofTwoRunsSavingAtOnceExactlyOneWins() throws Exception {
    // Each conditional write stays in progress a while, so that the two overlap as on S3.
    s3.conditionalWriteWindow(Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (S3StateStore a = builder().build();
        S3StateStore b = builder().build()) {
      for (String expected : new String[] {null, "base"}) {
        String version = expected == null ? null : a.save(bytes("base"), null);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<String>> results =
            pool.invokeAll(
                List.of(
                    attempt(a, "from a", version, start), attempt(b, "from b", version, start)));
        List<String> outcomes = List.of(results.get(0).get(), results.get(1).get());
        assertThat(outcomes).containsOnlyOnce("saved");
        String winner = outcomes.get(0).equals("saved") ? "from a" : "from b";
        assertThat(a.load().orElseThrow().content()).isEqualTo(bytes(winner));
        s3.deleteObject("state-bucket", "ssosync/state.json.gz");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theStateIsEncryptedWithTheKmsKeyOrExplicitlyWithSseS3() {
    try (S3StateStore plain = builder().build()) {
      plain.save(bytes("x"), null);
    }
    S3Emulator.StoredObject o = s3.object("state-bucket", "ssosync/state.json.gz").orElseThrow();
    assertThat(o.serverSideEncryption()).isEqualTo("AES256");
    assertThat(o.kmsKeyId()).isNull();

    String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    try (S3StateStore kms = builder().kmsKeyId(key).build()) {
      kms.save(bytes("y"), o.etag());
    }
    o = s3.object("state-bucket", "ssosync/state.json.gz").orElseThrow();
    assertThat(o.serverSideEncryption()).isEqualTo("aws:kms");
    assertThat(o.kmsKeyId()).isEqualTo(key);
  }

  @Test
  void slowDownIsRetried() {
    try (S3StateStore store = builder().build()) {
      s3.faults().failNext("PutObject", 2, FaultKind.THROTTLE);
      s3.faults().failNext("GetObject", 1, FaultKind.UNAVAILABLE);
      String v = store.save(bytes("z"), null);
      assertThat(store.load().orElseThrow().version()).isEqualTo(v);
      assertThat(s3.calls("PutObject")).isEqualTo(3);
      assertThat(s3.calls("GetObject")).isEqualTo(2);
      assertThat(store.api().calls()).containsEntry("s3.PutObject", 3L);
    }
  }

  @Test
  void aMissingBucketNamesTheStateFlag() {
    try (S3StateStore store =
        builder().location(S3StateStore.parseUri("s3://no-such-bucket/state")).build()) {
      assertThatThrownBy(store::load)
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("s3://no-such-bucket/state")
          .hasMessageContaining("does not exist")
          .hasMessageContaining("--state");
    }
  }

  @Test
  void refusedCredentialsAndPermissionsAreTold() {
    try (S3StateStore anonymous =
        builder().credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
      assertThatThrownBy(anonymous::load)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(ProviderException.Reason.PERMISSION_DENIED))
          .hasMessageContaining("s3:GetObject");
    }
    try (S3StateStore store = builder().build()) {
      s3.faults().failNext("PutObject", 1, FaultKind.UNAUTHORIZED);
      assertThatThrownBy(() -> store.save(bytes("x"), null))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(ProviderException.Reason.UNAUTHENTICATED))
          .hasMessageContaining("InvalidAccessKeyId");
      assertThat(s3.object("state-bucket", "ssosync/state.json.gz")).isEmpty();
    }
  }

  @Test
  void stateUrisAreCheckedNamingTheFlagAndTheVariable() {
    assertThat(S3StateStore.parseUri("s3://my.bucket-1/a/b/state.gz"))
        .isEqualTo(new S3StateStore.Location("my.bucket-1", "a/b/state.gz"));
    for (String bad :
        List.of(
            "state.gz",
            "s3://bucket",
            "s3://bucket/",
            "s3://Bucket/k",
            "s3://b/k",
            "s3://a..b/k",
            "s3://bucket/dir/")) {
      assertThatThrownBy(() -> S3StateStore.parseUri(bad))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("--state (SSOSYNC_STATE) \"" + bad + "\"");
    }
    assertThatThrownBy(() -> S3StateStore.builder().kmsKeyId(" ").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bucket and key")
        .hasMessageContaining("region")
        .hasMessageContaining("kmsKeyId");
  }

  private static Callable<String> attempt(
      StateStore store, String content, String expected, CyclicBarrier start) {
    return () -> {
      start.await();
      try {
        store.save(bytes(content), expected);
        return "saved";
      } catch (StateConflictException e) {
        return "conflict";
      }
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
