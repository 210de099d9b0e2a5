package io.github.ssosync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.Secret;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole CLI process on the no-change re-sync of the small directory (1,000 users, 100 groups,
 * 5,000 memberships) against the emulators at the APIs' quotas (Google 40/s, Identity Store 20/s,
 * SCIM 20/s) and 30 ms latency: each run is a new {@code java ... -jar ssosync.jar} process, timed
 * from start to exit; its report gives the engine's own time, and the emulators' call counts the
 * floor (DESIGN.md: max(Google reads / 40, Identity Store reads / 20); no writes). The store is
 * filled once beforehand, in this process, at unthrottled quotas.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.github.ssosync.bench.CliProcessBenchmark \
 *     cli-example/target/ssosync.jar 7 [java] [JVM options...]
 * </pre>
 *
 * Arguments: the shaded CLI jar, the number of timed runs, then optionally the {@code java} to run
 * it with and JVM options for it (an application class-data archive, say). Prints each run and the
 * medians; the machine is shared, so compare medians of several runs.
 */
public final class CliProcessBenchmark {
  private static final Duration LATENCY = Duration.ofMillis(30);

  private CliProcessBenchmark() {}

  /**
   * @param args jar, runs, java, JVM options
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String java = args.length > 2 ? args[2] : "java";
    List<String> jvm = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of();
    DirectoryContent content =
        SyntheticDirectory.builder()
            .seed(42)
            .users(1_000)
            .groups(100)
            .memberships(5_000)
            .nestedFraction(0.01)
            .externalFraction(0.005)
            .suspendedFraction(0.01)
            .archivedFraction(0.005)
            .build();
    try (GoogleDirectoryEmulator g = GoogleDirectoryEmulator.start(content);
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      Path dir = Files.createTempDirectory("cli-bench");
      Path key = dir.resolve("credentials.json");
      Files.writeString(key, g.serviceAccountKeyJson("bench@bench.iam.gserviceaccount.com"));
      fill(g, aws, key);
      g.faults().quota(40).latency(LATENCY);
      aws.identityStoreFaults().quota(20).latency(LATENCY);
      aws.scimFaults().quota(20).latency(LATENCY);
      Map<String, String> env =
          Map.of(
              "SSOSYNC_GOOGLE_API_ENDPOINT", g.rootUrl(),
              "SSOSYNC_GOOGLE_CREDENTIALS", key.toString(),
              "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
              "SSOSYNC_GROUP_MATCH", "email:aws-*",
              "SSOSYNC_ENDPOINT", aws.scimEndpoint().toString(),
              "SSOSYNC_ACCESS_TOKEN", aws.scimToken(),
              "SSOSYNC_REGION", aws.region(),
              "SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId(),
              "AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString(),
              "AWS_ACCESS_KEY_ID", "bench");
      System.out.printf(
          Locale.ROOT,
          "# CLI process, no-change re-sync of 1,000 users / 100 groups / 5,000 memberships; %s %s%n",
          java,
          String.join(" ", jvm));
      List<Double> walls = new ArrayList<>();
      List<Double> engines = new ArrayList<>();
      List<Double> floors = new ArrayList<>();
      for (int i = 0; i <= runs; i++) {
        g.resetCalls();
        aws.resetCalls();
        Path report = dir.resolve("report-" + i + ".json");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvm);
        command.addAll(
            List.of(
                "-jar", jar.toString(), "--log-level", "warn", "--report-out", report.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
          throw new IllegalStateException("exit " + code + ": " + new String(output));
        }
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        double engine = r.path("timingsMillis").path("total").asLong() / 1e3;
        long google = g.calls().values().stream().mapToLong(Long::longValue).sum();
        long idsReads =
            aws.identityStoreCalls().entrySet().stream()
                .filter(e -> e.getKey().contains(".List"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        double floor = Math.max(google / 40.0, idsReads / 20.0);
        System.out.printf(
            Locale.ROOT,
            "%s %d: process %.2f s, engine %.2f s, outside the engine %.2f s; floor %.2f s"
                + " (google %d, identitystore reads %d); process / floor x%.2f; %d changes%n",
            i == 0 ? "warm-up" : "run",
            i,
            wall,
            engine,
            wall - engine,
            floor,
            google,
            idsReads,
            wall / floor,
            r.path("outcomes").size());
        if (i > 0) { // the first run warms the OS file cache for the jar
          walls.add(wall);
          engines.add(engine);
          floors.add(floor);
        }
      }
      double wall = median(walls);
      double floor = median(floors);
      System.out.printf(
          Locale.ROOT,
          "median of %d: process %.2f s, engine %.2f s, outside the engine %.2f s, floor %.2f s,"
              + " process / floor x%.2f%n",
          runs,
          wall,
          median(engines),
          wall - median(engines),
          floor,
          wall / floor);
    }
  }

  /** The first sync, in this process and unthrottled, so that the timed runs change nothing. */
  private static void fill(GoogleDirectoryEmulator g, IdentityCenterEmulator aws, Path key) {
    GoogleDirectorySource source =
        GoogleDirectorySource.builder()
            .serviceAccountKey(key)
            .delegatedAdmin("admin@example.com")
            .rootUrl(g.rootUrl())
            .directoryApi(GoogleDirectorySource.directoryApi().requestsPerSecond(10_000).build())
            .build();
    IdentityCenterTarget target =
        IdentityCenterTarget.builder()
            .region(aws.region())
            .identityStoreEndpoint(aws.identityStoreEndpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .identityStoreId(aws.identityStoreId())
            .identityStoreApi(
                IdentityCenterTarget.identityStoreApi().requestsPerSecond(10_000).build())
            .scimApi(IdentityCenterTarget.scimApi().requestsPerSecond(10_000).build())
            .scimEndpoint(aws.scimEndpoint())
            .scimToken(Secret.of(aws.scimToken()))
            .concurrency(16)
            .build();
    SyncPolicy policy =
        SyncPolicy.builder().groupMatch("email:aws-*").deletionGuard(DeletionGuard.OFF).build();
    SyncEngine.builder().source(source).target(target).policy(policy).build().sync();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
