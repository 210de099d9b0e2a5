package io.github.ssosync.reliability;

import static io.github.ssosync.reliability.Directories.WRITES;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException;
import io.github.ssosync.cli.SsoSyncCli;
import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.format.ReportFormat;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SCIM token expires part-way through a run: every SCIM call is refused with 401 from then on.
 * The run stops writing at once, reports what it applied and what it did not, leaks no token, exits
 * with its own code, and the run after the token is rotated finishes the work.
 */
@Timeout(120)
class CredentialExpiryTest {
  private static final SyncPolicy POLICY = Directories.unguarded();
  private static final int WRITES_BEFORE_EXPIRY = 5;

  @Test
  void anExpiredScimTokenStopsTheRunAndLosesNothing() {
    try (Rig rig = new Rig(Directories.small(), WriteMode.SCIM)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      rig.directory(SyntheticDirectory.churn(rig.google.content(), 0.1, 3));
      StoreView before = rig.store();
      rig.aws.resetCalls();
      rig.aws
          .scimFaults()
          .failAfter(WRITES, WRITES_BEFORE_EXPIRY, Integer.MAX_VALUE, FaultKind.UNAUTHORIZED);

      SyncReport report = rig.sync(POLICY);

      assertThat(report.status()).isEqualTo(SyncReport.Status.STOPPED);
      assertThat(report.stopReason()).contains("credentials");
      assertThat(report.outcomes())
          .filteredOn(o -> o.status() == ChangeOutcome.Status.APPLIED)
          .as("work before the expiry was done")
          .isNotEmpty();
      for (ChangeOutcome o : report.failures()) {
        if (o.status() == ChangeOutcome.Status.FAILED) {
          assertThat(o.reason()).isIn(ProviderException.Reason.UNAUTHENTICATED);
        }
      }
      // Only the calls already in flight when the first refusal came back may follow it.
      long writes = rig.writeCalls();
      assertThat(writes).isLessThanOrEqualTo(WRITES_BEFORE_EXPIRY + 8);
      assertThat(report.failures().size()).as("changes left undone").isGreaterThan(10);
      Audit.assertReportExact(report, rig.aws);
      Audit.assertOnlyPlannedRemovals(before, rig.store(), report);
      String token = rig.aws.scimToken();
      assertThat(ReportFormat.json(report)).doesNotContain(token);
      assertThat(report.summary()).doesNotContain(token);

      rig.assertConverges(POLICY);
    }
  }

  @Test
  void theCliExitsWithItsOwnCodeAndTheNextRunFinishes() {
    try (Rig rig = new Rig(Directories.small(), WriteMode.SCIM)) {
      Map<String, String> env = new HashMap<>();
      env.put("SSOSYNC_GOOGLE_API_ENDPOINT", rig.google.rootUrl());
      env.put("SSOSYNC_GOOGLE_CREDENTIALS", rig.keyFile().toString());
      env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
      env.put("SSOSYNC_REGION", rig.aws.region());
      env.put("SSOSYNC_IDENTITY_STORE_ID", rig.aws.identityStoreId());
      env.put("SSOSYNC_ENDPOINT", rig.aws.scimEndpoint().toString());
      env.put("SSOSYNC_ACCESS_TOKEN", rig.aws.scimToken());
      env.put("AWS_ENDPOINT_URL", rig.aws.identityStoreEndpoint().toString());
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
      rig.aws
          .scimFaults()
          .failAfter(WRITES, WRITES_BEFORE_EXPIRY, Integer.MAX_VALUE, FaultKind.UNAUTHORIZED);

      String[] output = new String[2];
      int code = cli(env, output, "-g", "email:aws-*");

      assertThat(code).as(output[1]).isEqualTo(ExitCode.STOPPED);
      assertThat(output[1]).contains("stopped part-way").contains("credentials");
      assertThat(output[0] + output[1]).doesNotContain(rig.aws.scimToken());

      rig.clearFaults();
      assertThat(cli(env, output, "-g", "email:aws-*")).as(output[1]).isEqualTo(ExitCode.OK);
      assertThat(rig.plan(Directories.policy()).changes()).isEmpty();
    }
  }

  private static int cli(Map<String, String> env, String[] output, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SsoSyncCli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    output[0] = out.toString(StandardCharsets.UTF_8);
    output[1] = err.toString(StandardCharsets.UTF_8);
    return code;
  }
}
