package example.consumer;

import io.github.ssosync.Secret;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.micrometer.SyncMetrics;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What an application that depends on the published artifacts does: wires the Google Workspace
 * source and the IAM Identity Center target (the real Google client and the real AWS SDK, at the
 * versions this build resolved) to the testkit's emulators on loopback, syncs, and checks that a
 * second sync finds nothing to do, with ssosync-micrometer counting the runs. Shared by every
 * consumer build under src/it.
 *
 * <p>The one argument names the SLF4J provider the application expects: {@code none} when it brings
 * no logging backend (then none of the ssosync artifacts may bring one either), or a substring of
 * the provider's logger factory class, e.g. {@code logback}.
 */
public final class ConsumerSync {
  /** Where ssosync-micrometer publishes each run's measures. */
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  private ConsumerSync() {}

  public static void main(String[] args) throws Exception {
    String expectedLogging = args.length > 0 ? args[0] : "none";
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    // slf4j-api 2 falls back to NOPLoggerFactory when no provider is on the class path.
    boolean loggingAsExpected =
        expectedLogging.equals("none")
            ? factory.endsWith(".NOPLoggerFactory")
            : factory.toLowerCase(java.util.Locale.ROOT).contains(expectedLogging);
    check(loggingAsExpected, "SLF4J logger factory " + factory + ", expected " + expectedLogging);

    DirectoryContent directory =
        SyntheticDirectory.builder().seed(14).users(40).groups(4).memberships(80).build();
    try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(directory);
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      Path key = Files.createTempFile("consumer", ".json");
      key.toFile().deleteOnExit();
      Files.writeString(key, google.serviceAccountKeyJson("sync@consumer.iam.gserviceaccount.com"));
      SyncPolicy policy = SyncPolicy.builder().groupMatch("email:aws-*").build();

      SyncReport first = sync(google, aws, key, policy);
      System.out.println("first sync: " + first.summary());
      check(first.status() == SyncReport.Status.COMPLETED, "first sync " + first.status());
      check(first.failures().isEmpty(), "first sync failures " + first.failures());
      check(!first.plan().changes().isEmpty(), "the first sync planned no change");
      check(
          aws.groups().size() == directory.groups().size(),
          aws.groups().size() + " groups in the store, " + directory.groups().size() + " selected");
      check(!aws.users().isEmpty() && !aws.memberships().isEmpty(), "nothing was written");

      SyncReport second = sync(google, aws, key, policy);
      System.out.println("second sync: " + second.summary());
      check(second.status() == SyncReport.Status.COMPLETED, "second sync " + second.status());
      check(second.plan().changes().isEmpty(), "second sync planned " + second.plan().changes());
      double completed = METERS.get("ssosync.runs.completed").counter().count();
      check(completed == 2, "ssosync.runs.completed " + completed + ", expected 2");
      double calls = METERS.get("ssosync.api.calls").tag("family", "scim").counter().count();
      check(calls > 0, "no SCIM calls counted in ssosync.api.calls");
      System.out.printf(
          "consumer sync OK: %d users, %d groups, %d memberships; logging through %s%n",
          aws.users().size(), aws.groups().size(), aws.memberships().size(), factory);
    }
  }

  private static SyncReport sync(
      GoogleDirectoryEmulator google, IdentityCenterEmulator aws, Path key, SyncPolicy policy) {
    try (GoogleDirectorySource source =
            GoogleDirectorySource.builder()
                .serviceAccountKey(key)
                .delegatedAdmin("admin@example.com")
                .rootUrl(google.rootUrl())
                .build();
        IdentityCenterTarget target =
            IdentityCenterTarget.builder()
                .region(aws.region())
                .identityStoreEndpoint(aws.identityStoreEndpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDCONSUMER", "consumer-secret")))
                .identityStoreId(aws.identityStoreId())
                .scimEndpoint(aws.scimEndpoint())
                .scimToken(Secret.of(aws.scimToken()))
                .writeMode(WriteMode.SCIM)
                .build()) {
      return SyncEngine.builder()
          .source(source)
          .target(target)
          .policy(policy)
          .progressListener(SyncMetrics.publishingTo(METERS))
          .build()
          .sync();
    } catch (Exception e) {
      throw new IllegalStateException("sync failed", e);
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
