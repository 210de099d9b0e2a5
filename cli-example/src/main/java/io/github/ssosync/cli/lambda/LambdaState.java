package io.github.ssosync.cli.lambda;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.internal.StateWiring;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.provider.aws.CloudTrailChangeFeed;
import io.github.ssosync.provider.aws.S3StateStore;
import io.github.ssosync.state.StateStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The Lambda's incremental runs: {@code SSOSYNC_STATE} (an {@code s3://bucket/key}; a function's
 * {@code /tmp} does not outlive its instances), {@code SSOSYNC_STATE_KMS_KEY}, {@code
 * SSOSYNC_FULL}, {@code SSOSYNC_FULL_EVERY}, {@code SSOSYNC_MAX_STATE_AGE}, as the CLI reads them;
 * the feeds use the function role's credentials and the Google delegation of the source.
 */
final class LambdaState {
  private LambdaState() {}

  /** Checks the variables, naming each bad one. */
  static void validate(Map<String, String> env, List<String> problems) {
    String state = value(env, "SSOSYNC_STATE");
    duration(env, "SSOSYNC_FULL_EVERY", "24h", problems);
    duration(env, "SSOSYNC_MAX_STATE_AGE", "6h", problems);
    String full = value(env, "SSOSYNC_FULL");
    if (full != null && !full.equalsIgnoreCase("true") && !full.equalsIgnoreCase("false")) {
      problems.add("SSOSYNC_FULL \"" + full + "\": use true or false");
    }
    if (state == null) {
      if (value(env, "SSOSYNC_STATE_KMS_KEY") != null) {
        problems.add("SSOSYNC_STATE_KMS_KEY is set but SSOSYNC_STATE is not: set both");
      }
      return;
    }
    if (!state.startsWith("s3://")) {
      problems.add(
          "SSOSYNC_STATE \""
              + state
              + "\": use s3://bucket/key (a function's /tmp does not outlive its instances)");
      return;
    }
    try {
      S3StateStore.parseUri(state);
    } catch (ConfigurationException e) {
      e.problems()
          .forEach(p -> problems.add(p.replace("--state (SSOSYNC_STATE)", "SSOSYNC_STATE")));
    }
  }

  /**
   * @param settings the Lambda's settings (the Google feed takes the source's credentials)
   * @param env the function's variables
   * @param secrets reads a secret by id
   * @return the state's wiring, or null without {@code SSOSYNC_STATE}
   */
  static @Nullable StateWiring build(
      LambdaSettings settings, Map<String, String> env, Function<String, String> secrets) {
    List<String> problems = new ArrayList<>();
    validate(env, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    String state = value(env, "SSOSYNC_STATE");
    if (state == null) {
      return null;
    }
    String region = first(value(env, "SSOSYNC_REGION"), value(env, "AWS_REGION"));
    AwsCredentialsProvider credentials = LambdaSettings.statedCredentials(env);
    S3StateStore.Builder s = S3StateStore.builder().location(S3StateStore.parseUri(state));
    CloudTrailChangeFeed.Builder t = CloudTrailChangeFeed.builder();
    if (credentials != null) {
      s.credentialsProvider(credentials);
      t.credentialsProvider(credentials);
    }
    if (region != null) {
      s.region(region);
      t.region(region);
    }
    String kms = value(env, "SSOSYNC_STATE_KMS_KEY");
    if (kms != null) {
      s.kmsKeyId(kms);
    }
    String s3 = first(value(env, "AWS_ENDPOINT_URL_S3"), value(env, "AWS_ENDPOINT_URL"));
    if (s3 != null) {
      s.endpoint(URI.create(s3));
    }
    String trail = first(value(env, "AWS_ENDPOINT_URL_CLOUDTRAIL"), value(env, "AWS_ENDPOINT_URL"));
    if (trail != null) {
      t.cloudTrailEndpoint(URI.create(trail));
    }
    String store = value(env, "SSOSYNC_IDENTITY_STORE_ID");
    if (store != null) {
      t.identityStoreId(store);
    }
    StateStore built = inVariables(s::build);
    TargetChangeFeed feed = inVariables(t::build);
    return new StateWiring(
        built,
        settings.directoryFeed(secrets),
        feed,
        Durations.parse(first(value(env, "SSOSYNC_FULL_EVERY"), "24h")),
        Durations.parse(first(value(env, "SSOSYNC_MAX_STATE_AGE"), "6h")),
        "true".equalsIgnoreCase(value(env, "SSOSYNC_FULL")));
  }

  private static <T> T inVariables(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          e.problems().stream()
              .map(
                  p ->
                      p.replaceFirst("^region:", "SSOSYNC_REGION (or AWS_REGION):")
                          .replaceFirst("^kmsKeyId", "SSOSYNC_STATE_KMS_KEY")
                          .replaceFirst("^identityStoreId", "SSOSYNC_IDENTITY_STORE_ID")
                          .replace(" (or give s3Client)", "")
                          .replace(" (or give cloudTrailClient)", ""))
              .toList());
    }
  }

  private static void duration(
      Map<String, String> env, String name, String fallback, List<String> problems) {
    String text = first(value(env, name), fallback);
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      problems.add(name + " \"" + text + "\": use a positive duration such as 24h, 6h or 7d");
    }
  }

  private static @Nullable String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static @Nullable String first(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }
}
