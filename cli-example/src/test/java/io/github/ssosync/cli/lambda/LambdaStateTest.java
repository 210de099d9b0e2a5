package io.github.ssosync.cli.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.cli.internal.StateWiring;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.provider.aws.S3StateStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda's state variables: checked with the others, then built into store and feeds. */
class LambdaStateTest {
  private static Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
    env.put("SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:aws:secretsmanager:eu-west-1:1:secret:k");
    env.put("SSOSYNC_REGION", "eu-west-1");
    env.put("SSOSYNC_GROUP_MATCH", "email:aws-*");
    env.put("AWS_ACCESS_KEY_ID", "ASIALAMBDASTATETEST1");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_SESSION_TOKEN", "token");
    return env;
  }

  @Test
  void badStateVariablesAreNamedBeforeAnythingRuns() {
    Map<String, String> env = base();
    env.put("SSOSYNC_STATE", "/tmp/state.json");
    env.put("SSOSYNC_FULL_EVERY", "daily");
    env.put("SSOSYNC_MAX_STATE_AGE", "-1h");
    env.put("SSOSYNC_FULL", "yes");
    assertThatThrownBy(() -> LambdaSettings.from(env))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "SSOSYNC_FULL_EVERY \"daily\": use a positive duration such as 24h, 6h or"
                            + " 7d",
                        "SSOSYNC_MAX_STATE_AGE \"-1h\": use a positive duration such as 24h, 6h or"
                            + " 7d",
                        "SSOSYNC_FULL \"yes\": use true or false",
                        "SSOSYNC_STATE \"/tmp/state.json\": use s3://bucket/key (a function's /tmp"
                            + " does not outlive its instances)"));
    Map<String, String> kmsOnly = base();
    kmsOnly.put("SSOSYNC_STATE_KMS_KEY", "alias/ssosync");
    assertThatThrownBy(() -> LambdaSettings.from(kmsOnly))
        .hasMessageContaining("SSOSYNC_STATE_KMS_KEY is set but SSOSYNC_STATE is not");
  }

  @Test
  void withoutStateRunsAreStatelessAndWithItBothFeedsAreBuilt() {
    assertThat(LambdaSettings.from(base()).state(id -> "")).isNull();
    try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(Demo.sampleDirectory())) {
      Map<String, String> env = base();
      env.put("SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl());
      env.put("SSOSYNC_STATE", "s3://ssosync-state/state.json");
      env.put("SSOSYNC_STATE_KMS_KEY", "alias/ssosync");
      env.put("SSOSYNC_FULL", "true");
      env.put("SSOSYNC_FULL_EVERY", "12h");
      String key = google.serviceAccountKeyJson("sync@test.iam.gserviceaccount.com");
      try (StateWiring state = LambdaSettings.from(env).state(id -> key)) {
        assertThat(state).isNotNull();
        assertThat(state.store()).isInstanceOf(S3StateStore.class);
        assertThat(state.store().location()).isEqualTo("s3://ssosync-state/state.json");
        assertThat(state.directoryFeed()).isNotNull();
        assertThat(state.targetFeed().name()).isEqualTo("aws-cloudtrail");
        assertThat(state.full()).isTrue();
        assertThat(state.fullEvery()).isEqualTo(Duration.ofHours(12));
        assertThat(state.maxStateAge()).isEqualTo(Duration.ofHours(6));
      }
    }
  }
}
