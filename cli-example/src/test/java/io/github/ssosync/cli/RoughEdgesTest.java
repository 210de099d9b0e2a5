package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.cli.internal.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user saw go wrong in the CLI's output, each against the emulators. */
class RoughEdgesTest {
  @TempDir Path dir;
  private CliHarness h;

  @BeforeEach
  void start() {
    h = new CliHarness(dir).scim();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void everyCommandTakesHelp() {
    for (String[] args :
        new String[][] {
          {"sync", "--help"}, {"plan", "-h"}, {"apply", "--help"}, {"check", "-h"}, {"demo", "-h"}
        }) {
      assertThat(h.run(args)).as(String.join(" ", args) + ": " + h.err).isZero();
      assertThat(h.out).contains("Usage: ssosync " + args[0]);
      assertThat(h.err).doesNotContain("Unknown option");
    }
    assertThat(h.awsCalls()).isZero();
  }

  @Test
  void errorsNameFlagsAndVariablesNotLibrarySettings() {
    assertThat(h.run("plan")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    // The library says "set groupMatch (e.g. ...) or userMatch" mid-sentence.
    assertThat(h.err)
        .contains("set --group-match (e.g. \"email:aws-*\") or --user-match")
        .doesNotContainPattern("\\b(groupMatch|userMatch)\\b");
    assertThat(h.run("plan", "-g", "email:aws-*", "--delete-limit", "-1"))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(h.err)
        .contains("--delete-limit (SSOSYNC_DELETE_LIMIT)")
        .doesNotContain("deletionGuard");
  }

  @Test
  void theLibraryWordsAreTranslatedWherePhrasedForLibraryUsers() {
    // The target builder's own message, as a library user sees it, and as the CLI says it.
    String library =
        "region: required (or give identityStoreClient); the region of the IAM Identity Center"
            + " instance, e.g. eu-west-1";
    assertThat(io.github.ssosync.cli.internal.Wiring.inFlags(library))
        .isEqualTo(
            "--region (SSOSYNC_REGION): required; the region of the IAM Identity Center"
                + " instance, e.g. eu-west-1");
    assertThat(
            io.github.ssosync.cli.internal.Wiring.inFlags(
                "scimEndpoint and scimToken are not set: give both to write through SCIM, or"
                    + " choose writeMode(IDENTITY_STORE)"))
        .isEqualTo(
            "--endpoint (SSOSYNC_ENDPOINT) and --access-token are not set: give both to write"
                + " through SCIM, or choose --write-mode identitystore (SSOSYNC_WRITE_MODE)");
  }

  @Test
  void aBlockedRunSaysSoOnceListsTheRemovalsOnceAndExitsThree() {
    assertThat(h.run("-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    h.aws.resetCalls();
    assertThat(h.run("-g", "email:aws-readonly*")).as(h.err).isEqualTo(ExitCode.BLOCKED);
    String all = h.out + h.err;
    assertThat(h.out)
        .contains("Sync blocked by the deletion guard, nothing written")
        .doesNotContain("failed or skipped")
        .doesNotContain(" skipped\n");
    assertThat(h.err)
        .contains("blocked by the deletion guard, nothing written")
        .contains("--allow-deletes");
    assertThat(all).doesNotContain("deletionGuard").doesNotContain("allow the plan explicitly");
    // The guard's list names each removal once in the whole output, bounded at 20.
    Matcher m = Pattern.compile("would (.*)").matcher(h.out);
    assertThat(m.find()).as(h.out).isTrue();
    String first = m.group(1).split(", ")[0];
    assertThat(count(all, first)).as(first).isEqualTo(1);
    assertThat(h.writes()).isZero();
  }

  @Test
  void missingAwsCredentialsAreOneLineWithTheFix() {
    h.env.remove("AWS_ACCESS_KEY_ID");
    h.env.remove("AWS_SECRET_ACCESS_KEY");
    h.env.remove("AWS_SESSION_TOKEN");
    String[] props = {"aws.disableEc2Metadata", "aws.sharedCredentialsFile", "aws.configFile"};
    String[] values = {"true", dir.resolve("none").toString(), dir.resolve("none").toString()};
    for (int i = 0; i < props.length; i++) {
      System.setProperty(props[i], values[i]);
    }
    try {
      for (boolean discover : new boolean[] {false, true}) {
        if (discover) {
          h.env.remove("SSOSYNC_IDENTITY_STORE_ID");
        }
        assertThat(h.run("plan", "-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(h.err.strip().lines()).hasSize(1);
        assertThat(h.err)
            .contains("no AWS credentials found: tried")
            .contains("AWS_PROFILE")
            .contains("AWS_ACCESS_KEY_ID")
            .doesNotContain("identity-store-id")
            .doesNotContain("CredentialsProvider");
        assertThat(h.err.length()).isLessThan(500);
      }
      assertThat(h.awsCalls()).isZero();
    } finally {
      for (String p : props) {
        System.clearProperty(p);
      }
    }
  }

  @Test
  void aHandEditRepairedInTheTargetIsExplainedAsSuch() {
    assertThat(h.run("-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    h.aws.renameGroupDirectly(h.aws.groupId("aws-admins@example.com"), "admins-by-hand");
    assertThat(h.run("plan", "-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    assertThat(h.out)
        .containsPattern("update group +aws-admins@example.com +displayName: \"admins-by-hand\"")
        .contains("changed in the target, restored");
  }

  @Test
  void membershipsCreatedWithTheirGroupAreCountedInHeaderAndSummary() {
    assertThat(h.run("-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    int memberships = h.aws.memberships().size();
    assertThat(memberships).isGreaterThan(0);
    assertThat(h.out)
        .contains("memberships +" + memberships + " -0")
        .containsPattern("memberships +" + memberships + " applied with their new groups");
  }

  @Test
  void countsAreSingularForOneAndTimesAreToTheSecond() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("one.yaml"),
            """
            users:
              - {id: "1", email: ann@example.com, givenName: Ann, familyName: Lee}
            groups:
              - {id: g1, email: aws-one@example.com, name: One, members: [{user: ann@example.com}]}
            """);
    assertThat(h.run("plan", "--source", "file:" + file, "-g", "email:aws-*"))
        .as(h.err)
        .isEqualTo(ExitCode.OK);
    assertThat(h.out)
        .contains("Directory: 1 user, 1 group, 1 membership selected")
        .doesNotContain("1 users")
        .containsPattern("Plan at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: ");
  }

  @Test
  void theDemoPrintsItsTableOnce() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(new Demo(out, err, (args, env) -> SsoSyncCli.run(args, env, out, err)).run())
        .isZero();
    String text = o.toString(StandardCharsets.UTF_8);
    assertThat(count(text, "create user   ada.lovelace@example.com")).as(text).isEqualTo(1);
    assertThat(text).contains("Sync completed");
  }

  @Test
  void aReportThatCannotBeWrittenAfterTheSyncDoesNotHideTheWrites() throws Exception {
    Path taken = Files.createDirectory(dir.resolve("report.json"));
    assertThat(h.run("-g", "email:aws-*", "--report-out", taken.toString()))
        .as(h.err)
        .isEqualTo(ExitCode.OUTPUT_NOT_WRITTEN);
    assertThat(h.aws.users()).isNotEmpty();
    assertThat(h.out).contains("Sync completed");
    assertThat(h.err).contains("--report-out (SSOSYNC_REPORT_OUT)").contains("the sync itself ran");
    // A directory that does not exist is found before anything is read or written.
    h.aws.resetCalls();
    assertThat(h.run("-g", "email:aws-*", "--report-out", dir.resolve("no/r.json").toString()))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(h.awsCalls()).isZero();
  }

  @Test
  void theReadPhaseShowsWhatItHasReadFromEachSide() {
    assertThat(h.run("-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    // The first sync finds an empty store; the counts come from the real clients' pages.
    assertThat(h.err)
        .containsPattern(
            "\\[read] done: directory [1-9]\\d* users, [1-9]\\d* groups, [1-9]\\d* member lists;"
                + " identity store 0 users, 0 groups, 0 member lists");
    assertThat(h.run("-g", "email:aws-*")).as(h.err).isEqualTo(ExitCode.OK);
    assertThat(h.err)
        .containsPattern(
            "identity store "
                + h.aws.users().size()
                + " users, "
                + h.aws.groups().size()
                + " groups, "
                + h.aws.groups().size()
                + " member lists");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
