package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.internal.EnvDefaults;
import io.github.ssosync.cli.internal.Options;
import io.github.ssosync.cli.internal.Wiring;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags (and variables) for the group grace period, the guard minimum and group names. */
class PolicyFlagsTest {
  private static SyncPolicy policy(Map<String, String> env, String... args) {
    Options o = new Options();
    CommandLine cli = new CommandLine(o);
    cli.setDefaultValueProvider(new EnvDefaults(env));
    cli.parseArgs(args);
    return Wiring.policy(o);
  }

  @Test
  void theGroupGracePeriodFollowsTheUserOneUnlessSetAndForeverKeepsGroups() {
    assertThat(policy(Map.of(), "-g", "*").groupGracePeriod()).isEqualTo(Duration.ofDays(7));
    assertThat(policy(Map.of(), "-g", "*", "--grace-period", "2d").groupGracePeriod())
        .isEqualTo(Duration.ofDays(2));
    assertThat(policy(Map.of(), "-g", "*", "--group-grace-period", "30d").groupGracePeriod())
        .isEqualTo(Duration.ofDays(30));
    assertThat(policy(Map.of(), "-g", "*", "--group-grace-period", "0").groupGracePeriod())
        .isEqualTo(Duration.ZERO);
    assertThat(policy(Map.of(), "-g", "*", "--group-grace-period", "forever").groupGracePeriod())
        .isNull();
    assertThat(policy(Map.of("SSOSYNC_GROUP_GRACE_PERIOD", "Forever"), "-g", "*"))
        .extracting(SyncPolicy::groupGracePeriod)
        .isNull();
    assertThatThrownBy(() -> policy(Map.of(), "-g", "*", "--group-grace-period", "soon"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--group-grace-period (SSOSYNC_GROUP_GRACE_PERIOD) \"soon\": use a"
                            + " duration such as 7d, 12h or 0, or forever"));
  }

  @Test
  void theGuardMinimumComesFromItsFlagOrVariableAndDefaultsToFive() {
    assertThat(policy(Map.of(), "-g", "*").deletionGuard())
        .isEqualTo(new DeletionGuard(50, 10, DeletionGuard.DEFAULT_PERCENT_FROM));
    assertThat(
            policy(
                    Map.of("SSOSYNC_DELETE_LIMIT_PERCENT_FROM", "20"),
                    "-g",
                    "*",
                    "--delete-limit",
                    "200")
                .deletionGuard())
        .isEqualTo(new DeletionGuard(200, 10, 20));
    assertThat(policy(Map.of(), "-g", "*", "--delete-limit-percent-from", "1").deletionGuard())
        .extracting(DeletionGuard::percentFrom)
        .isEqualTo(1);
    assertThatThrownBy(() -> policy(Map.of(), "-g", "*", "--delete-limit-percent-from", "-1"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "--delete-limit-percent-from (SSOSYNC_DELETE_LIMIT_PERCENT_FROM) \"-1\""));
  }

  @Test
  void groupNamesComeFromTheEmailByDefaultOrTheName() {
    assertThat(policy(Map.of(), "-g", "*").attributeMapping().groupName().text())
        .isEqualTo("{email}");
    assertThat(
            policy(Map.of("SSOSYNC_GROUP_NAME", "name"), "-g", "*")
                .attributeMapping()
                .groupName()
                .text())
        .isEqualTo("{name}");
    assertThatThrownBy(() -> policy(Map.of(), "-g", "*", "--group-name", "title"))
        .hasMessageContaining(
            "--group-name (SSOSYNC_GROUP_NAME) \"title\": use email, name or a template");
  }
}
