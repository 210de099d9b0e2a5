package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.internal.EnvDefaults;
import io.github.ssosync.cli.internal.Options;
import io.github.ssosync.cli.internal.StateWiring;
import io.github.ssosync.provider.aws.S3StateStore;
import io.github.ssosync.state.FileStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --state} and its companions: parsed from flags or variables, checked, built. */
class StateFlagsTest {
  @TempDir Path dir;

  /** AWS settings the feeds and the S3 store need; Google is left out with a file source. */
  private static Map<String, String> aws(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("SSOSYNC_REGION", "eu-west-1");
    env.put("SSOSYNC_SOURCE", "file:directory.yaml");
    // Made up at run time: nothing shaped like a real key id is committed.
    env.put("AWS_ACCESS_KEY_ID", "test-" + java.util.UUID.randomUUID());
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    return env;
  }

  private static Options options(Map<String, String> env, String... args) {
    Options o = new Options();
    CommandLine cli = new CommandLine(o);
    cli.setDefaultValueProvider(new EnvDefaults(env));
    cli.parseArgs(args);
    return o;
  }

  private static StateWiring build(Map<String, String> env, String... args) {
    return StateWiring.build(options(env, args), env);
  }

  @Test
  void withoutStateNothingIsBuiltAndTheDefaultsAreTheEnginesOnes() {
    assertThat(build(aws(Map.of()))).isNull();
    Options o = options(Map.of());
    assertThat(o.fullEvery).isEqualTo("24h");
    assertThat(o.maxStateAge).isEqualTo("6h");
    assertThat(o.full).isFalse();
  }

  @Test
  void everySettingComesFromItsVariable() {
    String file = dir.resolve("state.json").toString();
    try (StateWiring s =
        build(
            aws(
                Map.of(
                    "SSOSYNC_STATE", file,
                    "SSOSYNC_FULL", "true",
                    "SSOSYNC_FULL_EVERY", "12h",
                    "SSOSYNC_MAX_STATE_AGE", "90m")))) {
      assertThat(s.store()).isInstanceOf(FileStateStore.class);
      assertThat(s.store().location()).contains("state.json");
      assertThat(s.full()).isTrue();
      assertThat(s.fullEvery()).isEqualTo(Duration.ofHours(12));
      assertThat(s.maxStateAge()).isEqualTo(Duration.ofMinutes(90));
      assertThat(s.targetFeed().name()).isEqualTo("aws-cloudtrail");
      // A file source has no change feed: the engine then says every run is full, and why.
      assertThat(s.directoryFeed()).isNull();
    }
  }

  @Test
  void anS3UriSelectsTheS3StoreAndAFlagWinsOverItsVariable() {
    try (StateWiring s =
        build(
            aws(Map.of("SSOSYNC_STATE", dir.resolve("ignored").toString())),
            "--state",
            "s3://my-bucket/ssosync/state.json",
            "--state-kms-key",
            "alias/ssosync")) {
      assertThat(s.store()).isInstanceOf(S3StateStore.class);
      assertThat(s.store().location()).isEqualTo("s3://my-bucket/ssosync/state.json");
      assertThat(s.full()).isFalse();
    }
  }

  @Test
  void badValuesNameTheFlagAndItsVariable() {
    assertThatThrownBy(
            () ->
                build(
                    aws(Map.of()),
                    "--state",
                    dir.resolve("s").toString(),
                    "--full-every",
                    "soon",
                    "--max-state-age",
                    "0"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--full-every (SSOSYNC_FULL_EVERY) \"soon\": use a positive duration such"
                            + " as 24h, 6h or 7d",
                        "--max-state-age (SSOSYNC_MAX_STATE_AGE) \"0\": use a positive duration"
                            + " such as 24h, 6h or 7d"));
    assertThat(problems("--state", "s3://my-bucket"))
        .singleElement()
        .asString()
        .contains("--state")
        .contains("SSOSYNC_STATE")
        .contains("no object key");
    assertThat(problems("--state", "https://example.com/state"))
        .containsExactly(
            "--state (SSOSYNC_STATE) \"https://example.com/state\": use s3://bucket/key or a file"
                + " path");
    assertThat(problems("--state", dir.resolve("missing/state.json").toString()))
        .singleElement()
        .asString()
        .startsWith("--state (SSOSYNC_STATE)")
        .contains("no directory");
    assertThat(problems("--state-kms-key", "alias/x"))
        .containsExactly(
            "--state-kms-key (SSOSYNC_STATE_KMS_KEY) is set but --state (SSOSYNC_STATE) is not:"
                + " set both");
    assertThat(problems("--state", dir.resolve("s").toString(), "--state-kms-key", "alias/x"))
        .containsExactly(
            "--state-kms-key (SSOSYNC_STATE_KMS_KEY) applies to an S3 state only; --state"
                + " (SSOSYNC_STATE) is a local file");
  }

  @Test
  void anS3StateWithoutARegionNamesTheRegionFlag() {
    Map<String, String> env = aws(Map.of());
    env.remove("SSOSYNC_REGION");
    assertThatThrownBy(() -> build(env, "--state", "s3://my-bucket/state.json"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("--region (SSOSYNC_REGION)")
                    .doesNotContain("s3Client"));
  }

  private java.util.List<String> problems(String... args) {
    try {
      build(aws(Map.of()), args);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found with " + String.join(" ", args));
  }
}
