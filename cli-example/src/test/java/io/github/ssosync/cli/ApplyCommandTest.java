package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ssosync plan --plan-out} then {@code ssosync apply}: the reviewed plan is applied exactly,
 * or refused with nothing written; end to end against the emulators through the real clients.
 */
class ApplyCommandTest {
  @TempDir Path dir;
  private CliHarness cli;
  private Path plan;

  @BeforeEach
  void start() {
    cli = new CliHarness(dir).scim();
    plan = dir.resolve("plan.json");
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private void reviewedPlan() {
    assertThat(cli.run("plan", "-g", "email:aws-*", "--plan-out", plan.toString()))
        .as(cli.err)
        .isEqualTo(ExitCode.OK);
    assertThat(cli.writes()).isZero();
    cli.aws.resetCalls();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scim", "identitystore"})
  void aReviewedPlanIsAppliedAndTheNextPlanIsEmpty(String mode) {
    assertThat(
            cli.run(
                "plan", "-g", "email:aws-*", "--write-mode", mode, "--plan-out", plan.toString()))
        .as(cli.err)
        .isEqualTo(ExitCode.OK);
    assertThat(cli.run("apply", plan.toString(), "-g", "email:aws-*", "--write-mode", mode))
        .as(cli.err)
        .isEqualTo(ExitCode.OK);
    assertThat(cli.out).contains("Sync completed");
    assertThat(cli.aws.groups()).hasSize(3);
    cli.aws.resetCalls();
    assertThat(cli.run("plan", "-g", "email:aws-*", "--write-mode", mode)).isEqualTo(ExitCode.OK);
    assertThat(cli.out).contains("No changes");
  }

  @Test
  void aPlanIsRefusedWithNothingWrittenWhenTheTargetChangedSince() {
    reviewedPlan();
    cli.aws.createUnmanagedUser("someone@example.com", "Some", "One");
    cli.aws.resetCalls();
    assertThat(cli.run("apply", plan.toString(), "-g", "email:aws-*"))
        .isEqualTo(ExitCode.STALE_PLAN);
    assertThat(cli.err).contains("plan refused").contains("the target changed since");
    assertThat(cli.writes()).isZero();
  }

  @Test
  void aPlanOlderThanTheLimitIsRefusedNamingTheFlag() throws Exception {
    reviewedPlan();
    String json = Files.readString(plan);
    String plannedAt = json.replaceAll("(?s).*\"plannedAt\" : \"([^\"]+)\".*", "$1");
    String earlier = Instant.parse(plannedAt).minus(2, ChronoUnit.HOURS).toString();
    Files.writeString(plan, json.replace(plannedAt, earlier));
    assertThat(cli.run("apply", plan.toString(), "-g", "email:aws-*"))
        .isEqualTo(ExitCode.STALE_PLAN);
    assertThat(cli.err).contains("--max-plan-age");
    assertThat(cli.awsCalls()).isZero();
    // A longer limit lets it through.
    assertThat(cli.run("apply", plan.toString(), "-g", "email:aws-*", "--max-plan-age", "3h"))
        .as(cli.err)
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void aBadAgeOrADamagedPlanIsBadConfiguration() throws Exception {
    reviewedPlan();
    assertThat(cli.run("apply", plan.toString(), "--max-plan-age", "soon"))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("--max-plan-age \"soon\"");
    Files.writeString(plan, Files.readString(plan).replace("ssosync-plan/v1", "other/v1"));
    assertThat(cli.run("apply", plan.toString())).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("cannot be applied").contains("other/v1");
    assertThat(cli.run("apply", dir.resolve("missing.json").toString()))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("cannot read the plan");
    assertThat(cli.awsCalls()).isZero();
  }

  @Test
  void thePlanPrintsAsMarkdownOrJson() {
    assertThat(cli.run("plan", "-g", "email:aws-*", "--format", "markdown")).isEqualTo(ExitCode.OK);
    assertThat(cli.out)
        .contains("### ssosync plan")
        .contains("| Change | Subject | Detail | Reason |")
        .contains("| create group | aws-admins@example.com |");
    assertThat(cli.run("plan", "-g", "email:aws-*", "--format", "JSON")).isEqualTo(ExitCode.OK);
    assertThat(cli.out).contains("\"schema\" : \"ssosync-plan/v1\"");
    assertThat(cli.run("plan", "--json", "--format", "markdown"))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.run("plan", "--format", "yaml")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("yaml");
  }
}
