package io.github.ssosync.bench;

import io.github.ssosync.Secret;
import io.github.ssosync.change.Change;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.RetryPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A whole sync (real Google client, real AWS SDK) against the emulators set to the APIs' quotas and
 * a fixed latency, in three scenarios: a first sync into an empty store, a re-sync with no change,
 * a re-sync after 1% churn. Prints calls per family and operation, wall time, peak heap, and both
 * as ratios to the floor of DESIGN.md (calls needed / quota, families in parallel).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.github.ssosync.bench.WholeSyncBenchmark small scim 1
 * </pre>
 *
 * Arguments: size ({@code small}, {@code medium}, {@code large}), write mode ({@code scim}, {@code
 * identitystore}), a scale applied to every quota (to keep large runs affordable; what is reported
 * is the ratio to the floor at that scale), and {@code mapped} to give users ten profile attributes
 * and map them (title, department, cost center, employee number, manager, phone, locality,
 * language, a custom schema field, nickname): the calls must equal those of the same run without.
 *
 * <p>Every run here is a stateless full reconcile; {@link IncrementalSyncBenchmark} runs the same
 * set-up keeping state, with both change feeds.
 */
public final class WholeSyncBenchmark {
  static final Duration LATENCY = Duration.ofMillis(30);
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
  static final RetryPolicy BENCH_RETRIES =
      RetryPolicy.builder()
          .maxAttempts(8)
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofSeconds(5))
          .build();

  private WholeSyncBenchmark() {}

  /**
   * @param args size, mode, scale
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    String size = args.length > 0 ? args[0] : "small";
    WriteMode mode =
        args.length > 1 && args[1].equalsIgnoreCase("identitystore")
            ? WriteMode.IDENTITY_STORE
            : WriteMode.SCIM;
    double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1;
    boolean mapped = args.length > 3 && args[3].equalsIgnoreCase("mapped");
    DirectoryContent content = content(size, mapped);
    double google = 40 * scale;
    double identityStore = 20 * scale;
    double scim = 20 * scale;
    System.out.printf(
        Locale.ROOT,
        "# %s%s (%s), %s writes, quotas x%.0f (Google %.0f/s, Identity Store %.0f/s, SCIM %.0f/s), latency %d ms%n",
        size,
        mapped ? ", ten mapped attributes" : "",
        describe(content),
        mode,
        scale,
        google,
        identityStore,
        scim,
        LATENCY.toMillis());
    try (GoogleDirectoryEmulator g = GoogleDirectoryEmulator.start(content);
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      g.faults().quota(google).latency(LATENCY);
      aws.identityStoreFaults().quota(identityStore).latency(LATENCY);
      aws.scimFaults().quota(scim).latency(LATENCY);
      // Stateless runs read no change feed: CloudTrail's history of every call would only cost
      // heap (IncrementalSyncBenchmark keeps it).
      aws.recordCloudTrail(false);
      GoogleDirectorySource source = source(g, keyFile(g), google);
      IdentityCenterTarget target = target(aws, mode, identityStore, scim);
      SyncPolicy policy = policy(mapped);
      SyncEngine engine =
          SyncEngine.builder().source(source).target(target).policy(policy).concurrency(32).build();
      scenario("first sync", engine, mode, g, aws, google, identityStore, scim);
      scenario("re-sync, no change", engine, mode, g, aws, google, identityStore, scim);
      g.setContent(SyntheticDirectory.churn(content, 0.01, 7));
      scenario("re-sync after 1% churn", engine, mode, g, aws, google, identityStore, scim);
      // The emulators hold both sides' data for the whole run; what the heap holds once the
      // engine's snapshots are garbage is roughly theirs, so peak minus this is the library's.
      System.gc();
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          used += pool.getUsage().getUsed();
        }
      }
      System.out.printf(
          Locale.ROOT, "heap held by the emulators alone after the run: %d MiB%n", used >> 20);
    }
  }

  /** The seeded synthetic directory of a size ({@code small}, {@code medium}, {@code large}). */
  static DirectoryContent content(String size, boolean mapped) {
    int[] dims =
        switch (size) {
          case "medium" -> new int[] {10_000, 1_000, 50_000};
          case "large" -> new int[] {100_000, 10_000, 500_000};
          default -> new int[] {1_000, 100, 5_000};
        };
    return SyntheticDirectory.builder()
        .seed(42)
        .users(dims[0])
        .groups(dims[1])
        .memberships(dims[2])
        .nestedFraction(0.01)
        .externalFraction(0.005)
        .suspendedFraction(0.01)
        .archivedFraction(0.005)
        .userAttributes(mapped)
        .build();
  }

  static String describe(DirectoryContent content) {
    return String.format(
        Locale.ROOT,
        "%d users, %d groups, %d memberships",
        content.users().size(),
        content.groups().size(),
        content.membershipCount());
  }

  /** A service account key the emulator accepts, in a temporary file. */
  static Path keyFile(GoogleDirectoryEmulator g) throws java.io.IOException {
    Path key = Files.createTempFile("bench", ".json");
    Files.writeString(key, g.serviceAccountKeyJson("bench@bench.iam.gserviceaccount.com"));
    return key;
  }

  /** The real Google client against the emulator, at the Google quota. */
  static GoogleDirectorySource source(GoogleDirectoryEmulator g, Path key, double google) {
    return GoogleDirectorySource.builder()
        .serviceAccountKey(key)
        .delegatedAdmin("admin@example.com")
        .rootUrl(g.rootUrl())
        .directoryApi(GoogleDirectorySource.directoryApi().requestsPerSecond(google).build())
        .concurrency(16)
        .build();
  }

  /** The real AWS SDK against the emulator, at the Identity Store and SCIM quotas. */
  static IdentityCenterTarget target(
      IdentityCenterEmulator aws, WriteMode mode, double identityStore, double scim) {
    IdentityCenterTarget.Builder tb =
        IdentityCenterTarget.builder()
            .region(aws.region())
            .identityStoreEndpoint(aws.identityStoreEndpoint())
            .credentialsProvider(CREDENTIALS)
            .identityStoreId(aws.identityStoreId())
            .identityStoreApi(
                IdentityCenterTarget.identityStoreApi()
                    .requestsPerSecond(identityStore)
                    .retryPolicy(BENCH_RETRIES)
                    .build())
            .scimApi(
                IdentityCenterTarget.scimApi()
                    .requestsPerSecond(scim)
                    .retryPolicy(BENCH_RETRIES)
                    .build())
            .concurrency(16)
            .writeMode(mode);
    if (mode == WriteMode.SCIM) {
      tb.scimEndpoint(aws.scimEndpoint()).scimToken(Secret.of(aws.scimToken()));
    }
    return tb.build();
  }

  /** The benchmark's policy: groups named aws-*, no deletion guard, optionally ten attributes. */
  static SyncPolicy policy(boolean mapped) {
    SyncPolicy.Builder pb =
        SyncPolicy.builder().groupMatch("email:aws-*").deletionGuard(DeletionGuard.OFF);
    if (mapped) {
      pb.attributeMapping(
          AttributeMapping.builder()
              .mapSuggested(
                  java.util.List.of(
                      "title", "department", "costCenter", "employeeNumber", "manager"))
              .map(UserAttribute.PHONE_NUMBER, "{phones.work}")
              .map(UserAttribute.LOCALITY, "{addresses.locality}")
              .map(UserAttribute.PREFERRED_LANGUAGE, "{languages}")
              .map(UserAttribute.DIVISION, "L{custom:Employment.level}")
              .map(UserAttribute.NICK_NAME, "{givenName|lower}")
              .build());
    }
    return pb.build();
  }

  private static void scenario(
      String name,
      SyncEngine engine,
      WriteMode mode,
      GoogleDirectoryEmulator g,
      IdentityCenterEmulator aws,
      double google,
      double identityStore,
      double scim) {
    g.resetCalls();
    aws.resetCalls();
    long[] before = {
      g.faults().injected(), aws.identityStoreFaults().injected(), aws.scimFaults().injected()
    };
    resetPeakHeap();
    long start = System.nanoTime();
    SyncReport report = engine.sync();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> calls = new TreeMap<>(report.apiCalls());
    long googleCalls = sum(calls, "google.");
    long idsReads = sum(calls, "identitystore.List");
    long idsWrites = sum(calls, "identitystore.") - idsReads;
    long scimCalls = sum(calls, "scim.");
    long floorCalls =
        floorWrites(report.plan(), mode) + googleCalls + idsReads; // reads: every page is needed
    // What the APIs force beyond DESIGN.md's floor: SCIM groups carry no description, so a
    // described group costs an identitystore:UpdateGroup too; a SCIM target checks its token once
    // (the only scim.ListUsers of a run without conflicts).
    long apiFloorCalls =
        floorCalls
            + (mode == WriteMode.SCIM ? describedGroupCreates(report.plan()) : 0)
            + calls.getOrDefault("scim.ListUsers", 0L);
    double floorSeconds =
        Math.max(googleCalls / google, idsReads / identityStore)
            + floorWrites(report.plan(), mode) / (mode == WriteMode.SCIM ? scim : identityStore);
    System.out.printf(
        Locale.ROOT,
        "## %s: %s, %d changes (%d failed)%n",
        name,
        report.status(),
        report.plan().changes().size(),
        report.failures().size());
    System.out.printf(Locale.ROOT, "calls: %s%n", calls);
    System.out.printf(
        Locale.ROOT,
        "phases: read %.1f s, plan %.1f s, apply %.1f s%n",
        report.timings().read().toMillis() / 1e3,
        report.timings().plan().toMillis() / 1e3,
        report.timings().apply().toMillis() / 1e3);
    System.out.printf(
        Locale.ROOT,
        "calls: google %d, identitystore reads %d, identitystore writes %d, scim %d; total %d, floor %d (x%.3f), floor with what the APIs force %d (x%.3f)%n",
        googleCalls,
        idsReads,
        idsWrites,
        scimCalls,
        report.totalApiCalls(),
        floorCalls,
        report.totalApiCalls() / (double) Math.max(1, floorCalls),
        apiFloorCalls,
        report.totalApiCalls() / (double) Math.max(1, apiFloorCalls));
    System.out.printf(
        Locale.ROOT,
        "time: %.1f s, floor %.1f s (x%.2f); peak heap %d MiB (emulators included); throttled by the emulators: google %d, identitystore %d, scim %d%n",
        seconds,
        floorSeconds,
        seconds / Math.max(0.001, floorSeconds),
        peakHeapMiB(),
        g.faults().injected() - before[0],
        aws.identityStoreFaults().injected() - before[1],
        aws.scimFaults().injected() - before[2]);
  }

  /**
   * The write calls a plan needs at least: one per user or group change; membership changes in 100s
   * per group over SCIM, one each over the Identity Store API (which has no batch).
   */
  static long floorWrites(SyncPlan plan, WriteMode mode) {
    if (mode == WriteMode.IDENTITY_STORE) {
      return plan.changes().size();
    }
    long calls = 0;
    Map<String, Integer> membershipChanges = new HashMap<>();
    for (Change c : plan.changes()) {
      switch (c.kind()) {
        case ADD_MEMBERSHIP, REMOVE_MEMBERSHIP ->
            membershipChanges.merge(c.subject().name(), 1, Integer::sum);
        default -> calls++;
      }
    }
    for (int n : membershipChanges.values()) {
      calls += (n + 99) / 100;
    }
    return calls;
  }

  private static long describedGroupCreates(SyncPlan plan) {
    return plan.changes().stream()
        .filter(c -> c instanceof Change.CreateGroup g && g.attributes().description() != null)
        .count();
  }

  static long sum(Map<String, Long> calls, String prefix) {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
