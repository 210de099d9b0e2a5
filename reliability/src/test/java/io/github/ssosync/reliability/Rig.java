package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.Secret;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.emulators.loopback.Faults;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.RetryPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A Google Workspace and an IAM Identity Center, both emulated on loopback, and engines wired to
 * them through the real Google client and the real AWS SDK, the way an application wires them.
 * Retries are fast but as many as production's, so that faults cost milliseconds, not minutes.
 */
final class Rig implements AutoCloseable {
  /** Enough attempts that 30% throttling on every call almost never exhausts them. */
  static final RetryPolicy PATIENT =
      RetryPolicy.builder()
          .maxAttempts(12)
          .initialBackoff(Duration.ofMillis(2))
          .maxBackoff(Duration.ofMillis(40))
          .build();

  static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

  final GoogleDirectoryEmulator google;
  final IdentityCenterEmulator aws = IdentityCenterEmulator.start();
  final WriteMode mode;
  private final Path keyFile;

  /** Every directory the rig served, in order: the reference target replays them all. */
  private final List<DirectoryContent> history = new ArrayList<>();

  Rig(DirectoryContent content, WriteMode mode) {
    this.mode = mode;
    google = GoogleDirectoryEmulator.start(content);
    history.add(content);
    try {
      keyFile = Files.createTempFile("ssosync-reliability", ".json");
      keyFile.toFile().deleteOnExit();
      Files.writeString(
          keyFile, google.serviceAccountKeyJson("sync@reliability.iam.gserviceaccount.com"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The emulators' throttling answers carry Retry-After; in tests it is 0 s so that honouring
    // it is instant.
    google.faults().retryAfterSeconds(0);
    aws.identityStoreFaults().retryAfterSeconds(0);
    aws.scimFaults().retryAfterSeconds(0);
  }

  /** The Google service account key file the emulator accepts. */
  Path keyFile() {
    return keyFile;
  }

  /** Changes the directory, as its administrators would between two runs. */
  void directory(DirectoryContent next) {
    google.setContent(next);
    history.add(next);
  }

  /** Every API family's faults, so that a test can set all three at once. */
  void allFaults(Consumer<Faults> setting) {
    setting.accept(google.faults());
    setting.accept(aws.identityStoreFaults());
    setting.accept(aws.scimFaults());
  }

  /** Faults the AWS emulator injected so far, on both its APIs. */
  long awsFaultsInjected() {
    return aws.identityStoreFaults().injected() + aws.scimFaults().injected();
  }

  void clearFaults() {
    allFaults(Faults::clear);
  }

  GoogleDirectorySource.Builder source() {
    return GoogleDirectorySource.builder()
        .serviceAccountKey(keyFile)
        .delegatedAdmin("admin@example.com")
        .rootUrl(google.rootUrl())
        .directoryApi(
            GoogleDirectorySource.directoryApi()
                .requestsPerSecond(10_000)
                .retryPolicy(PATIENT)
                .build())
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(READ_TIMEOUT);
  }

  IdentityCenterTarget.Builder target() {
    IdentityCenterTarget.Builder b =
        IdentityCenterTarget.builder()
            .region(aws.region())
            .identityStoreEndpoint(aws.identityStoreEndpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDRELIABILITY", "reliability-secret")))
            .identityStoreId(aws.identityStoreId())
            .identityStoreApi(
                IdentityCenterTarget.identityStoreApi()
                    .requestsPerSecond(10_000)
                    .retryPolicy(PATIENT)
                    .build())
            .scimApi(
                IdentityCenterTarget.scimApi()
                    .requestsPerSecond(10_000)
                    .retryPolicy(PATIENT)
                    .build())
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(READ_TIMEOUT)
            .writeMode(mode);
    if (mode == WriteMode.SCIM) {
      b.scimEndpoint(aws.scimEndpoint()).scimToken(Secret.of(aws.scimToken()));
    }
    return b;
  }

  /**
   * Wires an engine to fresh clients, runs something with it, and closes the clients.
   *
   * @param policy the policy
   * @param options engine options beyond the defaults
   * @param what what to do with the engine
   */
  <T> T run(SyncPolicy policy, Consumer<SyncEngine.Builder> options, Function<SyncEngine, T> what) {
    try (GoogleDirectorySource source = source().build();
        IdentityCenterTarget target = target().build()) {
      SyncEngine.Builder b =
          SyncEngine.builder().source(source).target(target).policy(policy).concurrency(8);
      options.accept(b);
      return what.apply(b.build());
    }
  }

  /** The target ids of a stored group's members, sorted. */
  List<String> membersOf(String groupId) {
    return aws.memberships().stream()
        .filter(m -> m.groupId().equals(groupId))
        .map(io.github.ssosync.targets.TargetMembership::userId)
        .sorted()
        .toList();
  }

  SyncReport sync(SyncPolicy policy) {
    return run(policy, b -> {}, SyncEngine::sync);
  }

  SyncPlan plan(SyncPolicy policy) {
    return run(policy, b -> {}, SyncEngine::plan);
  }

  /** Write calls the AWS emulator served (on either API) since its counters were last reset. */
  long writeCalls() {
    long n = 0;
    for (Map<String, Long> calls : List.of(aws.identityStoreCalls(), aws.scimCalls())) {
      for (Map.Entry<String, Long> e : calls.entrySet()) {
        n += Directories.WRITES.test(e.getKey()) ? e.getValue() : 0;
      }
    }
    return n;
  }

  StoreView store() {
    return StoreView.of(aws);
  }

  /**
   * Clears every fault, syncs, and checks the result: a second plan has nothing to do, and the
   * store holds what a fault-free sync into the in-memory reference target holds.
   *
   * @param policy the policy of the runs
   * @param handMade what was made by hand in the store before the first run, for the reference
   * @return the converging run's report
   */
  SyncReport assertConverges(SyncPolicy policy, Consumer<InMemoryIdentityTarget> handMade) {
    clearFaults();
    SyncReport report = sync(policy);
    assertThat(report.failures()).as("failures of the fault-free run").isEmpty();
    SyncPlan again = plan(policy);
    assertThat(again.changes()).as("changes left after the fault-free run").isEmpty();
    StoreView.assertSame(store(), reference(policy, handMade));
    return report;
  }

  SyncReport assertConverges(SyncPolicy policy) {
    return assertConverges(policy, t -> {});
  }

  /**
   * The store that fault-free syncs of the same directories, in the same order, make in the
   * in-memory reference target. The order matters: a user created once and suspended later is kept
   * (disabled, or active where the target cannot disable), one suspended from the start is never
   * created.
   */
  StoreView reference(SyncPolicy policy, Consumer<InMemoryIdentityTarget> handMade) {
    InMemoryIdentityTarget reference;
    try (IdentityCenterTarget target = target().build()) {
      reference = InMemoryIdentityTarget.builder().capabilities(target.capabilities()).build();
    }
    handMade.accept(reference);
    for (DirectoryContent content : history) {
      SyncReport r =
          SyncEngine.builder()
              .source(new InMemoryDirectorySource(content))
              .target(reference)
              .policy(policy)
              .build()
              .sync();
      if (r.status() != SyncReport.Status.BLOCKED) {
        assertThat(r.failures()).as("reference run").isEmpty();
      }
    }
    return StoreView.of(reference.snapshot());
  }

  @Override
  public void close() {
    google.close();
    aws.close();
  }
}
