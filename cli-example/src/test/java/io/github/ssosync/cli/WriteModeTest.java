package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.ExitCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCIM needs its endpoint and its token. One without the other (a token secret that did not load)
 * used to switch silently to the Identity Store API, which cannot anchor, disable or rename, and so
 * left duplicates; now it stops the run, and the Identity Store mode is used only when chosen.
 */
class WriteModeTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void anEndpointWithoutItsTokenIsAConfigurationErrorNamingBothFlagsAndVariables() {
    cli.env.put("SSOSYNC_ENDPOINT", cli.aws.scimEndpoint().toString());
    assertRefused(
        "--endpoint (SSOSYNC_ENDPOINT) is set but --access-token (SSOSYNC_ACCESS_TOKEN) is empty");
    cli.env.put("SSOSYNC_ACCESS_TOKEN", "");
    assertRefused(
        "--endpoint (SSOSYNC_ENDPOINT) is set but --access-token (SSOSYNC_ACCESS_TOKEN) is empty");
    assertRefused(
        "--endpoint (SSOSYNC_ENDPOINT) is set but --access-token (SSOSYNC_ACCESS_TOKEN) is empty",
        "--access-token",
        " ");
  }

  @Test
  void aTokenWithoutItsEndpointIsAConfigurationError() {
    cli.env.put("SSOSYNC_ACCESS_TOKEN", cli.aws.scimToken());
    assertRefused(
        "--access-token (SSOSYNC_ACCESS_TOKEN) is set but --endpoint (SSOSYNC_ENDPOINT) is empty");
    assertThat(cli.err).doesNotContain(cli.aws.scimToken());
  }

  @Test
  void neitherSettingNorAWriteModeSaysWhatToSet() {
    assertRefused(
        "--endpoint (SSOSYNC_ENDPOINT) and --access-token (SSOSYNC_ACCESS_TOKEN) are not set",
        "--write-mode",
        "scim");
    assertRefused(
        "--endpoint (SSOSYNC_ENDPOINT) and --access-token (SSOSYNC_ACCESS_TOKEN) are not set");
    assertThat(cli.err).contains("--write-mode identitystore");
  }

  @Test
  void theIdentityStoreModeRunsOnlyWhenChosenAndWarnsOncePerRunWhatItCannotDo() {
    assertThat(cli.run("-g", "email:aws-*", "--write-mode", "identitystore"))
        .as(cli.err)
        .isEqualTo(ExitCode.OK);
    assertThat(cli.aws.users()).hasSizeGreaterThan(20);
    assertThat(warnings()).singleElement().asString().contains("cannot store our anchor");
    assertThat(cli.run("plan", "-g", "email:aws-*", "--write-mode", "identitystore"))
        .isEqualTo(ExitCode.OK);
    assertThat(warnings()).hasSize(1);
    cli.scim();
    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.OK);
    assertThat(warnings()).isEmpty();
  }

  private List<String> warnings() {
    return Arrays.stream(cli.err.split("\n"))
        .filter(l -> l.startsWith("warn: --write-mode identitystore"))
        .toList();
  }

  private void assertRefused(String message, String... flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "-g";
    args[1] = "email:aws-*";
    System.arraycopy(flags, 0, args, 2, flags.length);
    assertThat(cli.run(args)).as(cli.err).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("error: " + message);
    assertThat(cli.awsCalls()).as("nothing is read or written").isZero();
    assertThat(cli.aws.users()).isEmpty();
  }
}
