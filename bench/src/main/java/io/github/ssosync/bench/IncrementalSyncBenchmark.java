package io.github.ssosync.bench;

import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.aws.S3Emulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.RunBasis;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.aws.CloudTrailChangeFeed;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.S3StateStore;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import io.github.ssosync.provider.google.GoogleReportsChangeFeed;
import io.github.ssosync.state.FileStateStore;
import io.github.ssosync.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Incremental re-syncs against full reconciles of the same scenario, through the real Google client
 * and AWS SDK against the emulators, with both change feeds (the Reports API's activities,
 * CloudTrail LookupEvents) and the state in an S3 bucket (the S3 emulator) or a local file.
 *
 * <pre>
 * java -Xmx3g -cp bench/target/benchmarks.jar io.github.ssosync.bench.IncrementalSyncBenchmark large scim 10 s3
 * </pre>
 *
 * Arguments: size, write mode and quota scale as {@link WholeSyncBenchmark}'s; then {@code s3}
 * (default) or {@code file} for the state store.
 *
 * <p>Runs, an hour apart: a first sync (full), a no-change full reconcile, two no-change
 * incremental runs (the first after a full reconcile pays for paging the full's CloudTrail events;
 * the second is the steady state), 1% churn reconciled in full, the churn undone incrementally, the
 * same churn again incrementally, and a last full reconcile that must find nothing to do (the
 * incremental runs left the store as a full one would). An incremental scenario that runs full
 * fails the benchmark.
 *
 * <p>Time: every clock (the engine's, both feeds', the emulators' event stamps and lookups) is the
 * system clock plus an offset that moves an hour forward between runs, as an hourly schedule would.
 * Overlaps stay at their defaults (Reports 30 minutes, CloudTrail 15 minutes) and the emulators'
 * lags at realistic values below them (Reports 3 minutes, CloudTrail 5 minutes): a window then
 * reaches back into the previous run but not into the one before, and every event of a window is
 * delivered by the time it is read, as on an hourly schedule with the services' usual lag.
 */
public final class IncrementalSyncBenchmark {
  private static final Duration BETWEEN_RUNS = Duration.ofHours(1);
  private static final Duration REPORTS_LAG = Duration.ofMinutes(3);
  private static final Duration CLOUDTRAIL_LAG = Duration.ofMinutes(5);

  private IncrementalSyncBenchmark() {}

  /** The system clock moved forward by hand: the benchmark's hours pass in a few seconds. */
  static final class BenchClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }

  /** One run's figures. */
  record Run(
      String name,
      RunBasis basis,
      int changes,
      Map<String, Long> calls,
      long s3Calls,
      double seconds,
      long peakHeapMiB) {
    long family(String prefix) {
      return WholeSyncBenchmark.sum(calls, prefix);
    }
  }

  /**
   * @param args size, mode, scale, state store
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    String size = args.length > 0 ? args[0] : "small";
    WriteMode mode =
        args.length > 1 && args[1].equalsIgnoreCase("identitystore")
            ? WriteMode.IDENTITY_STORE
            : WriteMode.SCIM;
    double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1;
    boolean s3 = args.length <= 3 || !args[3].equalsIgnoreCase("file");
    DirectoryContent content = WholeSyncBenchmark.content(size, false);
    DirectoryContent churned = SyntheticDirectory.churn(content, 0.01, 7);
    double google = 40 * scale;
    double identityStore = 20 * scale;
    double scim = 20 * scale;
    System.out.printf(
        Locale.ROOT,
        "# incremental: %s (%s), %s writes, quotas x%.0f (Google %.0f/s, Identity Store %.0f/s, SCIM %.0f/s; CloudTrail 2/s and Reports 10/s unscaled), latency %d ms, state in %s%n",
        size,
        WholeSyncBenchmark.describe(content),
        mode,
        scale,
        google,
        identityStore,
        scim,
        WholeSyncBenchmark.LATENCY.toMillis(),
        s3 ? "S3" : "a file");
    BenchClock clock = new BenchClock();
    try (GoogleDirectoryEmulator g = GoogleDirectoryEmulator.start(content);
        IdentityCenterEmulator aws = IdentityCenterEmulator.start();
        S3Emulator s3e = S3Emulator.start()) {
      g.faults().quota(google).latency(WholeSyncBenchmark.LATENCY);
      aws.identityStoreFaults().quota(identityStore).latency(WholeSyncBenchmark.LATENCY);
      aws.scimFaults().quota(scim).latency(WholeSyncBenchmark.LATENCY);
      aws.cloudTrailFaults().latency(WholeSyncBenchmark.LATENCY);
      g.clock(clock);
      aws.clock(clock);
      g.activityLag(REPORTS_LAG);
      aws.cloudTrailDeliveryLag(CLOUDTRAIL_LAG);
      Path key = WholeSyncBenchmark.keyFile(g);
      GoogleDirectorySource source = WholeSyncBenchmark.source(g, key, google);
      IdentityCenterTarget target = WholeSyncBenchmark.target(aws, mode, identityStore, scim);
      GoogleReportsChangeFeed reports =
          GoogleReportsChangeFeed.builder()
              .serviceAccountKey(key)
              .delegatedAdmin("admin@example.com")
              .rootUrl(g.rootUrl())
              .clock(clock)
              .build();
      CloudTrailChangeFeed trail =
          CloudTrailChangeFeed.builder()
              .region(aws.region())
              .cloudTrailEndpoint(aws.cloudTrailEndpoint())
              .credentialsProvider(WholeSyncBenchmark.CREDENTIALS)
              .identityStoreId(aws.identityStoreId())
              .cloudTrailApi(
                  CloudTrailChangeFeed.cloudTrailApi()
                      .retryPolicy(WholeSyncBenchmark.BENCH_RETRIES)
                      .build())
              .clock(clock)
              .build();
      ApiFamily s3Api = S3StateStore.s3Api().build();
      StateStore store;
      if (s3) {
        s3e.createBucket("bench-state");
        store =
            S3StateStore.builder()
                .location(S3StateStore.parseUri("s3://bench-state/ssosync/state.json.gz"))
                .region(s3e.region())
                .endpoint(s3e.endpoint())
                .credentialsProvider(WholeSyncBenchmark.CREDENTIALS)
                .api(s3Api)
                .build();
      } else {
        store =
            FileStateStore.of(Files.createTempDirectory("bench-state").resolve("state.json.gz"));
      }
      SyncPolicy policy = WholeSyncBenchmark.policy(false);
      SyncEngine.Builder eb =
          SyncEngine.builder()
              .source(source)
              .target(target)
              .policy(policy)
              .concurrency(32)
              .clock(clock)
              .state(store)
              .directoryFeed(reports)
              .targetFeed(trail);
      SyncEngine full = eb.forceFull(true).build();
      SyncEngine incremental = eb.forceFull(false).build();
      Runner r = new Runner(clock, g, aws, s3Api);
      r.run("first sync", full, null);
      Run fullNoChange = r.run("no change, full", full, RunBasis.Kind.FULL);
      Run afterFull = r.run("no change, incremental after a full", incremental, null);
      Run steady = r.run("no change, incremental after an incremental", incremental, null);
      g.setContent(churned);
      Run fullChurn = r.run("1% churn, full", full, RunBasis.Kind.FULL);
      g.setContent(content);
      r.run("churn undone, incremental (sets up the next)", incremental, null);
      g.setContent(churned);
      Run incChurn = r.run("1% churn, incremental", incremental, null);
      Run check = r.run("check: full after the incremental runs", full, RunBasis.Kind.FULL);
      if (check.changes() != 0) {
        throw new IllegalStateException(
            "the full reconcile after the incremental runs planned "
                + check.changes()
                + " changes: the incremental runs missed something");
      }
      for (Run inc : new Run[] {afterFull, steady, incChurn}) {
        if (inc.basis().kind() != RunBasis.Kind.INCREMENTAL) {
          throw new IllegalStateException(
              "\"" + inc.name() + "\" ran " + inc.basis() + "; the benchmark needs it incremental");
        }
      }
      System.out.println("## incremental / full");
      ratio(afterFull, fullNoChange);
      ratio(steady, fullNoChange);
      ratio(incChurn, fullChurn);
      trail.close();
      if (store instanceof S3StateStore s) {
        s.close();
      }
    }
  }

  private static void ratio(Run inc, Run full) {
    long incIds = inc.family("identitystore.");
    long fullIds = full.family("identitystore.");
    long incAws = incIds + inc.family("scim.");
    long fullAws = fullIds + full.family("scim.");
    System.out.printf(
        Locale.ROOT,
        "%s vs %s: Identity Store calls %d / %d = %.2f%%; Identity Store + SCIM %d / %d = %.2f%%; Google directory %d / %d; time %.1f s / %.1f s%n",
        inc.name(),
        full.name(),
        incIds,
        fullIds,
        100.0 * incIds / Math.max(1, fullIds),
        incAws,
        fullAws,
        100.0 * incAws / Math.max(1, fullAws),
        inc.family("google."),
        full.family("google."),
        inc.seconds(),
        full.seconds());
  }

  /** Runs scenarios an hour apart and prints each one's figures. */
  private static final class Runner {
    private final BenchClock clock;
    private final GoogleDirectoryEmulator g;
    private final IdentityCenterEmulator aws;
    private final ApiFamily s3Api;

    Runner(BenchClock clock, GoogleDirectoryEmulator g, IdentityCenterEmulator aws, ApiFamily s3) {
      this.clock = clock;
      this.g = g;
      this.aws = aws;
      this.s3Api = s3;
    }

    /**
     * Moves the clocks an hour on (the changes made since are then an hour old: delivered, inside
     * the next window), runs, prints.
     */
    Run run(String name, SyncEngine engine, RunBasis.@Nullable Kind expected) {
      clock.advance(BETWEEN_RUNS);
      g.resetCalls();
      aws.resetCalls();
      long s3Before = WholeSyncBenchmark.sum(s3Api.calls(), "s3.");
      WholeSyncBenchmark.resetPeakHeap();
      long start = System.nanoTime();
      SyncReport report = engine.sync();
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> calls = new TreeMap<>(report.apiCalls());
      long s3Calls = WholeSyncBenchmark.sum(s3Api.calls(), "s3.") - s3Before;
      Run run =
          new Run(
              name,
              report.plan().basis(),
              report.plan().changes().size(),
              calls,
              s3Calls,
              seconds,
              WholeSyncBenchmark.peakHeapMiB());
      System.out.printf(
          Locale.ROOT,
          "## %s: %s, %s, %d changes (%d failed)%n",
          name,
          report.status(),
          run.basis(),
          run.changes(),
          report.failures().size());
      System.out.printf(Locale.ROOT, "calls: %s%n", calls);
      System.out.printf(
          Locale.ROOT,
          "calls: identitystore %d (reads %d), scim %d, google directory %d, google-reports %d, cloudtrail %d, s3 %d; state: %s%n",
          run.family("identitystore."),
          run.family("identitystore.List") + run.family("identitystore.Describe"),
          run.family("scim."),
          run.family("google."),
          run.family("google-reports."),
          run.family("cloudtrail."),
          s3Calls,
          report.state());
      System.out.printf(
          Locale.ROOT,
          "time: %.1f s (read %.1f s, plan %.1f s, apply %.1f s); peak heap %d MiB (emulators included)%n",
          seconds,
          report.timings().read().toMillis() / 1e3,
          report.timings().plan().toMillis() / 1e3,
          report.timings().apply().toMillis() / 1e3,
          run.peakHeapMiB());
      if (report.status() != SyncReport.Status.COMPLETED) {
        throw new IllegalStateException(name + " ended " + report.status());
      }
      if (expected != null && run.basis().kind() != expected) {
        throw new IllegalStateException(name + " ran " + run.basis() + ", expected " + expected);
      }
      return run;
    }
  }
}
