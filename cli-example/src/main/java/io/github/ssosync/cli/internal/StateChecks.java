package io.github.ssosync.cli.internal;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.SsoSyncException;
import io.github.ssosync.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --state} side of {@code ssosync check}, read-only: the state can be read, CloudTrail
 * answers {@code LookupEvents}, and Google grants the Reports scope the directory feed needs. A
 * save cannot be checked without writing; its permissions are named instead.
 */
final class StateChecks {
  /** A short window: the feeds are asked once, as a run would, about the last minutes. */
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Options o;
  private final Map<String, String> env;
  private final CheckReport report;

  StateChecks(Options o, Map<String, String> env, CheckReport report) {
    this.o = o;
    this.env = env;
    this.report = report;
  }

  void run() {
    StateWiring state;
    try {
      state = StateWiring.build(o, env);
    } catch (ConfigurationException e) {
      e.problems().stream().map(Wiring::inFlags).forEach(report::configuration);
      return;
    }
    if (state == null) {
      report.skipped("state: none (--state not set); every run is a full reconcile");
      return;
    }
    try (state) {
      store(state.store());
      Instant now = Instant.now();
      try {
        state.targetFeed().changes(now.minus(WINDOW), now, Set.of());
        report.pass(
            "CloudTrail LookupEvents answered (cloudtrail:LookupEvents in "
                + AwsAccess.region(o, env)
                + ")");
      } catch (SsoSyncException e) {
        fail(
            e,
            "CloudTrail LookupEvents: "
                + e.getMessage()
                + "; incremental runs need cloudtrail:LookupEvents in the instance's region");
      }
      if (state.directoryFeed() == null) {
        report.note(
            "--source "
                + o.source
                + " has no change feed: with --state every run is still a full reconcile");
        return;
      }
      try {
        state.directoryFeed().changes(now.minus(WINDOW), now);
        report.pass("Google delegation for admin.reports.audit.readonly: activities.list answered");
      } catch (SsoSyncException e) {
        fail(
            e,
            "Google Reports API: "
                + e.getMessage()
                + ". In the Admin console (Security, API controls, Domain-wide delegation) the"
                + " service account's client id needs "
                + StateWiring.REPORTS_SCOPE
                + " for incremental runs");
      }
    }
  }

  private void store(StateStore store) {
    try {
      Optional<StateStore.Stored> stored = store.load();
      report.pass(
          "state "
              + store.location()
              + (stored.isPresent()
                  ? ": readable (" + stored.get().content().length + " bytes)"
                  : ": none yet, the first run will be full and save it")
              + (store.location().startsWith("s3://")
                  ? "; saving needs s3:PutObject (not checked: it would write)"
                  : ""));
    } catch (SsoSyncException e) {
      fail(e, "state " + store.location() + ": " + e.getMessage());
    }
  }

  private void fail(SsoSyncException e, String text) {
    if (e instanceof ProviderException p) {
      report.failure(p, text);
    } else {
      report.access(text);
    }
  }
}
