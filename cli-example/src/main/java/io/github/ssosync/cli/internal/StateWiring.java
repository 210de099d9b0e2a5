package io.github.ssosync.cli.internal;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.feed.DirectoryChangeFeed;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.provider.aws.CloudTrailChangeFeed;
import io.github.ssosync.provider.aws.S3StateStore;
import io.github.ssosync.provider.google.GoogleReportsChangeFeed;
import io.github.ssosync.state.FileStateStore;
import io.github.ssosync.state.StateStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code --state} and its companions: where the state is kept (S3 or a local file) and the two
 * change feeds an incremental run asks, built from the credentials the CLI already has: the Reports
 * API with the Google delegation (which then needs the Reports scope too), CloudTrail's {@code
 * LookupEvents} with the AWS credentials, in the target's region.
 *
 * @param store where the state is kept
 * @param directoryFeed the directory's changes, or null with a {@code --source file:}
 * @param targetFeed the target's changes
 * @param fullEvery how often a run is full whatever the feeds say
 * @param maxStateAge how old a state may be for an incremental run
 * @param full whether this run is full (--full)
 */
public record StateWiring(
    StateStore store,
    @Nullable DirectoryChangeFeed directoryFeed,
    TargetChangeFeed targetFeed,
    Duration fullEvery,
    Duration maxStateAge,
    boolean full)
    implements AutoCloseable {

  /** The Google scope the change feed needs, in the words of the Admin console. */
  public static final String REPORTS_SCOPE = GoogleReportsChangeFeed.SCOPES.get(0);

  /**
   * Checks the state flags without building anything: what {@code check} and every run validate.
   *
   * @param o the flags
   * @param problems where each bad flag is named, with its variable
   */
  public static void validate(Options o, List<String> problems) {
    duration(problems, "--full-every", o.fullEvery);
    duration(problems, "--max-state-age", o.maxStateAge);
    String state = o.state == null ? "" : o.state.strip();
    if (state.isEmpty()) {
      if (o.stateKmsKey != null && !o.stateKmsKey.isBlank()) {
        problems.add(
            flag("--state-kms-key") + " is set but " + flag("--state") + " is not: set both");
      }
      return;
    }
    if (state.startsWith("s3://")) {
      try {
        S3StateStore.parseUri(state);
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    } else {
      if (state.contains("://")) {
        problems.add(flag("--state") + " \"" + state + "\": use s3://bucket/key or a file path");
      } else {
        Path dir = Path.of(state).toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
          problems.add(flag("--state") + " \"" + state + "\": no directory " + dir);
        }
      }
      if (o.stateKmsKey != null && !o.stateKmsKey.isBlank()) {
        problems.add(
            flag("--state-kms-key")
                + " applies to an S3 state only; "
                + flag("--state")
                + " is a local file");
      }
    }
  }

  /**
   * @param o the flags
   * @param env the environment (AWS endpoints and credentials are taken from it too)
   * @return the state's wiring, or null without {@code --state}
   * @throws ConfigurationException naming each bad flag and its variable
   */
  public static @Nullable StateWiring build(Options o, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    validate(o, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    if (o.state == null || o.state.isBlank()) {
      return null;
    }
    String state = o.state.strip();
    String region = AwsAccess.region(o, env);
    AwsCredentialsProvider credentials = AwsAccess.credentials(env, System.getenv());
    AwsCredentialsProvider aws = credentials != null ? credentials : AwsAccess.defaultChain();
    StateStore store;
    if (state.startsWith("s3://")) {
      S3StateStore.Builder b =
          S3StateStore.builder().location(S3StateStore.parseUri(state)).credentialsProvider(aws);
      if (region != null) {
        b.region(region);
      }
      if (o.stateKmsKey != null && !o.stateKmsKey.isBlank()) {
        b.kmsKeyId(o.stateKmsKey.strip());
      }
      String s3 = Wiring.first(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
      if (s3 != null) {
        b.endpoint(URI.create(s3));
      }
      store = Wiring.rethrowInFlags(b::build);
    } else {
      store = FileStateStore.of(Path.of(state));
    }
    CloudTrailChangeFeed.Builder t = CloudTrailChangeFeed.builder().credentialsProvider(aws);
    if (region != null) {
      t.region(region);
    }
    if (o.identityStoreId != null && !o.identityStoreId.isBlank()) {
      t.identityStoreId(o.identityStoreId.strip());
    }
    String trail =
        Wiring.first(env.get("AWS_ENDPOINT_URL_CLOUDTRAIL"), env.get("AWS_ENDPOINT_URL"));
    if (trail != null) {
      t.cloudTrailEndpoint(URI.create(trail));
    }
    TargetChangeFeed targetFeed = Wiring.rethrowInFlags(t::build);
    DirectoryChangeFeed directoryFeed = null;
    if (o.source.equals("google")) {
      GoogleReportsChangeFeed.Builder g = GoogleReportsChangeFeed.builder();
      Wiring.googleCredentials(g, o, env);
      if (o.googleAdmin != null) {
        g.delegatedAdmin(o.googleAdmin);
      }
      if (o.customerId != null) {
        g.customerId(o.customerId);
      }
      if (o.googleApiEndpoint != null) {
        g.rootUrl(o.googleApiEndpoint);
      }
      directoryFeed = Wiring.rethrowInFlags(g::build);
    }
    return new StateWiring(
        store,
        directoryFeed,
        targetFeed,
        Durations.parse(o.fullEvery),
        Durations.parse(o.maxStateAge),
        o.full);
  }

  /**
   * Gives the engine the store, the feeds and the schedule.
   *
   * @param engine the engine's builder
   * @return the builder
   */
  public SyncEngine.Builder applyTo(SyncEngine.Builder engine) {
    engine.state(store).targetFeed(targetFeed).fullEvery(fullEvery).maxStateAge(maxStateAge);
    if (directoryFeed != null) {
      engine.directoryFeed(directoryFeed);
    }
    return engine.forceFull(full);
  }

  @Override
  public void close() {
    try {
      if (targetFeed instanceof AutoCloseable c) {
        c.close();
      }
      if (store instanceof AutoCloseable c) {
        c.close();
      }
    } catch (Exception e) {
      // Closing clients after the run: nothing the user can act on.
    }
  }

  private static @Nullable Duration duration(List<String> problems, String flag, String value) {
    try {
      Duration d = Durations.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return d;
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      problems.add(
          flag(flag) + " \"" + value + "\": use a positive duration such as 24h, 6h or 7d");
      return null;
    }
  }

  private static String flag(String name) {
    return name + " (" + EnvDefaults.variable(name) + ")";
  }
}
