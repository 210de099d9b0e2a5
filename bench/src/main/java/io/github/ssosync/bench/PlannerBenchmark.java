package io.github.ssosync.bench;

import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.plan.Planner;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.SyntheticTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plans a directory of 100,000 users, 10,000 groups and 500,000 memberships against a target that
 * already holds the same (the steady state of a daily sync: every user, group and membership must
 * be matched and compared, and nothing changes). The fork runs with a 1 GiB heap, so a run that
 * completes proves the planner fits in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class PlannerBenchmark {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

  private DirectorySnapshot directory;
  private TargetSnapshot target;
  private SyncPolicy policy;

  /** Builds the directory and a target in step with it. */
  @Setup
  public void setUp() {
    DirectoryContent content =
        SyntheticDirectory.builder()
            .seed(42)
            .users(100_000)
            .groups(10_000)
            .memberships(500_000)
            .nestedFraction(0.002)
            .externalFraction(0.001)
            .build();
    directory = SyntheticTarget.snapshotOfAll(content);
    policy = SyncPolicy.builder().groupMatch("*").deletionGuard(DeletionGuard.OFF).build();
    InMemoryIdentityTarget store = InMemoryIdentityTarget.builder().clock(CLOCK).build();
    SyncEngine.builder()
        .source(q -> directory)
        .target(store)
        .policy(policy)
        .clock(CLOCK)
        .build()
        .sync();
    target = store.snapshot();
    SyncPlan check = Planner.plan(directory, target, policy, CLOCK.instant());
    if (!check.isEmpty()) {
      throw new IllegalStateException("the target is not in step: " + check.changes().size());
    }
  }

  /**
   * @return the plan (empty), so that nothing is optimised away
   */
  @Benchmark
  public SyncPlan planSteadyState() {
    return Planner.plan(directory, target, policy, CLOCK.instant());
  }
}
