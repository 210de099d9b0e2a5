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
 *     cli-example/target/ssosync.jar 7 "java" "java -XX:SharedArchiveFile=ssosync.jsa"
 * </pre>
 *
 * Arguments: the shaded CLI jar, the number of timed runs per configuration, then one or more
 * configurations: the {@code java} to run it with and its JVM options, in one argument (default
 * {@code java}), or the launcher script {@code cli-example/src/dist/ssosync}. The configurations
 * take turns, run by run, so that a machine shared with other work loads them alike; each is
 * preceded by an untimed warm-up run. Prints each run and each configuration's medians.
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
    List<String> configs =
        args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("java");
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
          "# CLI process, no-change re-sync of 1,000 users / 100 groups / 5,000 memberships,"
              + " %d timed runs per configuration, taking turns%n",
          runs);
      List<List<double[]>> results = new ArrayList<>();
      configs.forEach(c -> results.add(new ArrayList<>()));
      for (int i = 0; i <= runs; i++) {
        for (int c = 0; c < configs.size(); c++) {
          double[] r = run(g, aws, jar, dir, env, configs.get(c), i + "-" + c);
          System.out.printf(
              Locale.ROOT,
              "%s %d [%s]: process %.2f s (CPU %.2f s), engine %.2f s, outside the engine %.2f s;"
                  + " floor %.2f s; process / floor x%.2f; %d changes%n",
              i == 0 ? "warm-up" : "run",
              i,
              configs.get(c),
              r[0],
              r[4],
              r[1],
              r[0] - r[1],
              r[2],
              r[0] / r[2],
              (long) r[3]);
          if (i > 0) {
            results.get(c).add(r);
          }
        }
      }
      for (int c = 0; c < configs.size(); c++) {
        List<double[]> rs = results.get(c);
        if (rs.isEmpty()) {
          continue;
        }
        double wall = median(rs, 0);
        double engine = median(rs, 1);
        double outside = median(rs.stream().map(r -> new double[] {r[0] - r[1]}).toList(), 0);
        double floor = median(rs, 2);
        System.out.printf(
            Locale.ROOT,
            "median of %d [%s]: process %.2f s (CPU %.2f s), engine %.2f s, outside the engine"
                + " %.2f s, floor %.2f s, process / floor x%.2f%n",
            rs.size(),
            configs.get(c),
            wall,
            median(rs, 4),
            engine,
            outside,
            floor,
            wall / floor);
      }
    }
  }

  /** One process: wall seconds, the engine's seconds, the floor's seconds, changes. */
  private static double[] run(
      GoogleDirectoryEmulator g,
      IdentityCenterEmulator aws,
      Path jar,
      Path dir,
      Map<String, String> env,
      String config,
      String name)
      throws Exception {
    g.resetCalls();
    aws.resetCalls();
    Path report = dir.resolve("report-" + name + ".json");
    // GNU time reports the process's CPU time: on a machine shared with other builds, wall time
    // follows the load, CPU time much less.
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu %U %S"));
    List<String> words = Arrays.asList(config.trim().split("\\s+"));
    command.addAll(words);
    // A launcher script (cli-example/src/dist/ssosync) finds the jar through SSOSYNC_JAR.
    boolean launcher = words.get(0).endsWith("ssosync");
    if (!launcher) {
      command.addAll(List.of("-jar", jar.toString()));
    }
    command.addAll(List.of("--log-level", "warn", "--report-out", report.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SSOSYNC_JAR", jar.toString());
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
    String[] lines =
        new String(output, java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
    String[] cpu = lines[lines.length - 1].split(" ");
    double cpuSeconds = Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2]);
    return new double[] {wall, engine, floor, r.path("outcomes").size(), cpuSeconds};
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

  private static double median(List<double[]> values, int index) {
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v[index]));
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
