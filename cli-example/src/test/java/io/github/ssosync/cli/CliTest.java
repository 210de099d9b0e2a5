package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.targets.TargetUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI's main entry, end to end against the emulators through the real clients. */
class CliTest {
  @TempDir Path dir;
  // Both emulators and an environment with temporary credentials (the emulator, as AWS does,
  // refuses every request that does not carry the session token).
  private CliHarness harness;
  private GoogleDirectoryEmulator google;
  private IdentityCenterEmulator aws;
  private Map<String, String> env;
  private String out;
  private String err;

  @BeforeEach
  void start() {
    harness = new CliHarness(dir);
    google = harness.google;
    aws = harness.aws;
    env = harness.env;
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private void scim() {
    harness.scim();
  }

  private int run(String... args) {
    int code = harness.run(args);
    out = harness.out;
    err = harness.err;
    return code;
  }

  private long writes() {
    return harness.writes();
  }

  @ParameterizedTest(name = "{0} with {1} writes")
  @CsvSource({
    "groups,scim",
    "users_groups,scim",
    "groups,identitystore",
    "users_groups,identitystore"
  })
  void syncsAndASecondRunHasNothingToDo(String method, String mode) {
    if (mode.equals("scim")) {
      scim();
    }
    String[] args = {
      "--sync-method",
      method,
      "--group-match",
      "email:aws-*",
      "--user-match",
      method.equals("users_groups") ? "*" : "",
      "--write-mode",
      mode
    };
    assertThat(run(args)).as(err).isEqualTo(ExitCode.OK);
    assertThat(out).contains("Sync completed");
    int users = aws.users().size();
    assertThat(users).isGreaterThan(20);
    assertThat(aws.groups())
        .extracting(g -> g.displayName())
        .containsExactlyInAnyOrder(
            "aws-admins@example.com", "aws-developers@example.com", "aws-readonly@example.com");
    if (mode.equals("scim")) {
      assertThat(aws.users())
          .filteredOn(u -> u.userName().equals("dennis.ritchie@example.com"))
          .extracting(TargetUser::active)
          .containsExactly(false);
    }
    aws.resetCalls();
    assertThat(run(args)).isEqualTo(ExitCode.OK);
    assertThat(out).contains("No changes");
    assertThat(writes()).isZero();
  }

  @Test
  void dryRunAndPlanWriteNothing() {
    scim();
    assertThat(run("plan", "-g", "email:aws-*")).isEqualTo(ExitCode.OK);
    assertThat(out).contains("create user").contains("ada.lovelace@example.com");
    assertThat(run("-n", "-g", "email:aws-*", "--plan-out", dir.resolve("plan.json").toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(run("plan", "--json", "-g", "email:aws-*")).isEqualTo(ExitCode.OK);
    assertThat(out).contains("\"schema\" : \"ssosync-plan/v1\"");
    assertThat(dir.resolve("plan.json")).exists();
    assertThat(writes()).isZero();
    assertThat(aws.users()).isEmpty();
  }

  @Test
  void aFlagWinsOverItsVariable() {
    scim();
    env.put("SSOSYNC_GROUP_MATCH", "email:nothing-matches-*");
    assertThat(run("plan", "--group-match", "email:aws-readonly*")).isEqualTo(ExitCode.OK);
    assertThat(out).contains("aws-readonly@example.com").doesNotContain("aws-admins@example.com");
    assertThat(run("plan")).isEqualTo(ExitCode.OK);
    assertThat(out).contains("0 to create");
  }

  @Test
  void aGuardedPlanExitsWithThreeAndWritesNothing() {
    scim();
    assertThat(run("-g", "email:aws-*")).isEqualTo(ExitCode.OK);
    aws.resetCalls();
    assertThat(run("-g", "email:aws-readonly*")).as(err).isEqualTo(ExitCode.BLOCKED);
    assertThat(err).contains("deletion guard").contains("--allow-deletes");
    assertThat(writes()).isZero();
  }

  @Test
  void badInputGetsOneLineNamingTheFlagAndNoStackTrace() throws Exception {
    scim();
    assertBad(
        ExitCode.BAD_CONFIGURATION,
        "--google-credentials (SSOSYNC_GOOGLE_CREDENTIALS) \""
            + dir.resolve("nope.json")
            + "\": file not found",
        "-g",
        "*",
        "-c",
        dir.resolve("nope.json").toString());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{oops");
    assertBad(ExitCode.BAD_CONFIGURATION, "is not valid JSON", "-g", "*", "-c", garbage.toString());
    env.remove("SSOSYNC_GOOGLE_ADMIN");
    assertBad(
        ExitCode.BAD_CONFIGURATION,
        "--google-admin (SSOSYNC_GOOGLE_ADMIN): required with a service-account key",
        "-g",
        "*");
    env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
    assertBad(
        ExitCode.BAD_CONFIGURATION,
        "--sync-method (SSOSYNC_SYNC_METHOD) \"everything\": use groups or users_groups",
        "-g",
        "*",
        "-s",
        "everything");
    assertBad(
        ExitCode.BAD_CONFIGURATION,
        "--user-match and --group-match (SSOSYNC_USER_MATCH, SSOSYNC_GROUP_MATCH) are both empty");
    assertBad(
        ExitCode.BAD_CONFIGURATION,
        "--dry-run and --allow-deletes contradict each other",
        "-g",
        "*",
        "-n",
        "--allow-deletes");
    assertBad(ExitCode.BAD_CONFIGURATION, "Unknown option: '--frobnicate'", "--frobnicate");
    env.put("SSOSYNC_GOOGLE_API_ENDPOINT", "http://127.0.0.1:1/");
    assertBad(ExitCode.UNREACHABLE, "cannot read:", "-g", "*");
  }

  @Test
  void theTokenNeverAppearsInOutputEvenWithDebug() {
    scim();
    env.put("SSOSYNC_ACCESS_TOKEN", "not-the-token-0123456789");
    assertThat(run("--debug", "-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(out + err)
        .contains("refused the access token")
        .doesNotContain("not-the-token-0123456789")
        .doesNotContain(aws.scimToken());
  }

  @Test
  void theFileSourceFeedsTheSameEngine() throws Exception {
    scim();
    Path file =
        Files.writeString(
            dir.resolve("dir.yaml"),
            """
        users:
          - {id: "1", email: ann@example.com, givenName: Ann, familyName: Lee}
        groups:
          - {id: g1, email: aws-team@example.com, name: Team, members: [{user: ann@example.com}]}
        """);
    assertThat(run("--source", "file:" + file, "-g", "email:aws-*")).as(err).isEqualTo(ExitCode.OK);
    assertThat(aws.users()).extracting(TargetUser::userName).containsExactly("ann@example.com");
    assertThat(aws.memberships()).hasSize(1);
  }

  @Test
  void theDemoRunsAndItsSecondSyncFindsNothingToDo() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int code = new Demo(out, err, (args, env) -> SsoSyncCli.run(args, env, out, err)).run();
    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(o.toString(StandardCharsets.UTF_8))
        .contains("breakglass@example.com was left alone")
        .contains("The second sync wrote nothing.");
  }

  private void assertBad(int code, String message, String... args) {
    assertThat(run(args)).as(err).isEqualTo(code);
    assertThat(err).contains(message).doesNotContain("\tat ");
    assertThat(List.of(err.split("\n")))
        .allMatch(l -> !l.startsWith("java.") && !l.startsWith("Exception"));
  }
}
