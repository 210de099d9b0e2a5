package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.emulators.aws.S3Emulator;
import io.github.ssosync.targets.TargetUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * {@code --state} end to end: the CLI against the Google emulator (Directory and Reports APIs), the
 * Identity Center emulator (SCIM, Identity Store, CloudTrail LookupEvents) and the S3 emulator,
 * through the real clients. The first run is full (no state), the next incremental and reverts a
 * hand edit made through the Identity Store API in between, a dry run reads the state without
 * saving it, and {@code --full} forces a full reconcile.
 */
class IncrementalCliTest {
  private static final String ADA = "ada.lovelace@example.com";

  @TempDir Path dir;
  private CliHarness harness;
  private S3Emulator s3;

  @BeforeEach
  void start() {
    harness = new CliHarness(dir).scim();
    s3 = S3Emulator.start().createBucket("ssosync-state");
    harness.env.put("AWS_ENDPOINT_URL_CLOUDTRAIL", harness.aws.cloudTrailEndpoint().toString());
    harness.env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
  }

  @AfterEach
  void stop() {
    harness.close();
    s3.close();
  }

  private int sync(String state, String... more) {
    String[] base = {"--group-match", "email:aws-*", "--state", state};
    String[] args = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return harness.run(args);
  }

  /** The state as stored, to tell whether a run saved it. */
  private Optional<byte[]> stored(String state) throws IOException {
    if (state.startsWith("s3://")) {
      return s3.object("ssosync-state", "runs/state.json").map(S3Emulator.StoredObject::content);
    }
    Path file = Path.of(state);
    return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @ParameterizedTest(name = "--state {0}")
  @ValueSource(strings = {"file", "s3"})
  void fullThenIncrementalRevertsAHandEditAndFullOnRequest(String kind) throws IOException {
    String state =
        kind.equals("s3") ? "s3://ssosync-state/runs/state.json" : dir.resolve("state").toString();

    assertThat(sync(state)).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out).contains("Run: full (no state at").contains("state saved to");
    assertThat(harness.out).contains(kind.equals("s3") ? "saved to s3://ssosync-state" : "saved");
    byte[] first = stored(state).orElseThrow();
    if (kind.equals("s3")) {
      // No --state-kms-key: every save names SSE-S3 explicitly.
      assertThat(s3.object("ssosync-state", "runs/state.json").orElseThrow().serverSideEncryption())
          .isEqualTo("AES256");
    }
    String original = user(ADA).displayName();

    // Someone edits a synced user by hand, through the Identity Store API (another user agent).
    try (IdentitystoreClient hand = handClient()) {
      String id = harness.aws.userId(ADA);
      hand.updateUser(
          r ->
              r.identityStoreId(harness.aws.identityStoreId())
                  .userId(id)
                  .operations(
                      o ->
                          o.attributePath("displayName")
                              .attributeValue(Document.fromString("Edited by hand"))));
    }
    assertThat(user(ADA).displayName()).isEqualTo("Edited by hand");

    // A dry run reads the state and plans incrementally, but never saves.
    assertThat(sync(state, "--dry-run")).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out).contains("Run: incremental").contains(ADA);
    assertThat(stored(state).orElseThrow()).isEqualTo(first);
    assertThat(user(ADA).displayName()).isEqualTo("Edited by hand");

    harness.aws.resetCalls();
    assertThat(sync(state)).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out)
        .contains("Run: incremental")
        .contains("the target feed named 1 object changed by others")
        .contains("state saved to");
    assertThat(user(ADA).displayName()).isEqualTo(original);
    assertThat(harness.aws.cloudTrailCalls()).containsKey("cloudtrail.LookupEvents");
    long incrementalReads = harness.awsCalls() - harness.writes();
    assertThat(stored(state).orElseThrow()).isNotEqualTo(first);

    // Our own repair is recognised by its run tag: the hand edit, still inside the feed's
    // overlap, is read again and found repaired; nothing else is named, nothing to do.
    assertThat(sync(state)).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out)
        .contains("Run: incremental")
        .contains("the target feed named 1 object changed by others")
        .contains("No changes");

    harness.aws.resetCalls();
    assertThat(sync(state, "--full")).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out)
        .contains("Run: full (a full reconcile was asked for (--full))")
        .contains("state saved to");
    assertThat(harness.awsCalls())
        .as("a full reconcile reads every group's members; the incremental run did not")
        .isGreaterThan(incrementalReads);
  }

  @org.junit.jupiter.api.Test
  void checkReadsTheStateAndAsksBothFeedsAndNamesAMissingReportsScope() {
    String state = dir.resolve("state").toString();
    assertThat(harness.run("check", "--group-match", "email:aws-*", "--state", state))
        .as(harness.out)
        .isEqualTo(ExitCode.OK);
    assertThat(harness.out)
        .contains("none yet, the first run will be full")
        .contains("CloudTrail LookupEvents answered")
        .contains("admin.reports.audit.readonly: activities.list answered");

    harness.google.refuseDelegatedScope(
        "https://www.googleapis.com/auth/admin.reports.audit.readonly");
    assertThat(harness.run("check", "--group-match", "email:aws-*", "--state", state))
        .isEqualTo(ExitCode.UNREACHABLE);
    assertThat(harness.out)
        .contains("✖ Google Reports API")
        .contains("client id with the Reports scope")
        .contains("needs https://www.googleapis.com/auth/admin.reports.audit.readonly");

    // A run does not fail for it: the feed cannot vouch for the window, so the run is full, and
    // says why, naming the scope.
    assertThat(sync(state)).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(sync(state)).as(harness.err).isEqualTo(ExitCode.OK);
    assertThat(harness.out)
        .contains("Run: full (a change feed cannot vouch for the window")
        .contains("admin.reports.audit.readonly");
  }

  private TargetUser user(String userName) {
    return harness.aws.users().stream()
        .filter(u -> u.userName().equals(userName))
        .findFirst()
        .orElseThrow();
  }

  private IdentitystoreClient handClient() {
    return IdentitystoreClient.builder()
        .endpointOverride(harness.aws.identityStoreEndpoint())
        .region(Region.of(harness.aws.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    "ASIAHANDEDITOR000001", "hand-secret", CliHarness.SESSION_TOKEN)))
        .build();
  }
}
