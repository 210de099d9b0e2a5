package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.RunMeasures.Measure;
import io.github.ssosync.engine.RunMetric;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncPhase;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine's end-of-run callbacks and the measures every metrics exporter reads from them. */
class RunMeasuresTest {
  private final InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().build();
  private final List<Object> heard = new CopyOnWriteArrayList<>();
  private final ProgressListener recorder =
      new ProgressListener() {
        @Override
        public void onProgress(SyncPhase phase, long done, long total) {}

        @Override
        public void onReport(SyncReport report) {
          heard.add(report);
        }

        @Override
        public void onFailure(RuntimeException failure) {
          heard.add(failure);
        }
      };

  private static DirectorySnapshot directory(int users) {
    List<DirectoryUser> all =
        java.util.stream.IntStream.range(0, users)
            .mapToObj(i -> DirectoryUser.of("u" + i, "u" + i + "@example.com", "U", "N" + i))
            .toList();
    DirectoryGroup group = DirectoryGroup.of("g1", "aws-all@example.com", "All");
    return new DirectorySnapshot(
        all,
        List.of(group),
        Map.of("g1", all.stream().map(DirectoryMember::user).toList()),
        Set.of(),
        Set.of("g1"));
  }

  private SyncEngine engine(DirectorySource source, SyncPolicy policy) {
    return SyncEngine.builder()
        .source(source)
        .target(target)
        .policy(policy)
        .progressListener(ProgressListener.all(ProgressListener.NONE, recorder))
        .build();
  }

  private static double value(List<Measure> measures, RunMetric metric, String dimension) {
    return measures.stream()
        .filter(
            m -> m.metric() == metric && java.util.Objects.equals(m.dimensionValue(), dimension))
        .mapToDouble(Measure::value)
        .sum();
  }

  @Test
  void aRunWithAFailedChangeCountsEachKindAndOutcomeAndFlagsTheRunFailed() {
    target.failWhen(
        c -> c.kind() == ChangeKind.CREATE_USER && c.subject().name().equals("u1@example.com"),
        Reason.INVALID);
    SyncReport report =
        engine(q -> directory(3), SyncPolicy.builder().groupMatch("*").build()).sync();

    assertThat(heard).containsExactly(report);
    RunMeasures m = RunMeasures.of(report);
    assertThat(m.status()).isEqualTo(RunMeasures.Status.COMPLETED_WITH_FAILURES);
    assertThat(m.changes().get(ChangeKind.CREATE_USER)).isEqualTo(new RunMeasures.Changes(2, 1, 0));
    List<Measure> measures = m.measures();
    assertThat(value(measures, RunMetric.RUNS_FAILED, null)).isEqualTo(1);
    assertThat(value(measures, RunMetric.RUNS_COMPLETED, null)).isZero();
    assertThat(value(measures, RunMetric.RUNS_BLOCKED, null)).isZero();
    assertThat(value(measures, RunMetric.CHANGES_APPLIED, "create_user")).isEqualTo(2);
    assertThat(value(measures, RunMetric.CHANGES_FAILED, "create_user")).isEqualTo(1);
    // The in-memory target counts its calls as the family "memory".
    assertThat(value(measures, RunMetric.API_CALLS, "memory"))
        .isEqualTo(report.totalApiCalls())
        .isPositive();
    assertThat(value(measures, RunMetric.API_THROTTLES, "memory")).isZero();
    assertThat(measures)
        .filteredOn(x -> x.metric() == RunMetric.PHASE_DURATION)
        .extracting(Measure::dimensionValue)
        .containsExactly("read", "plan", "apply");
    assertThat(value(measures, RunMetric.RUN_DURATION, null))
        .isEqualTo(report.timings().total().toNanos() / 1e6);
  }

  @Test
  void aBlockedRunIsFlaggedBlockedAndAFailedReadEndsWithTheFailure() {
    SyncPolicy strict =
        SyncPolicy.builder().groupMatch("*").deletionGuard(new DeletionGuard(1, 100, 1)).build();
    engine(q -> directory(4), strict).sync();
    heard.clear();
    SyncReport blocked = engine(q -> directory(0), strict).sync();
    assertThat(blocked.status()).isEqualTo(SyncReport.Status.BLOCKED);
    RunMeasures m = RunMeasures.of(blocked);
    assertThat(m.blocked()).isTrue();
    assertThat(m.failed()).isFalse();
    assertThat(value(m.measures(), RunMetric.RUNS_BLOCKED, null)).isEqualTo(1);
    assertThat(
            value(m.measures(), RunMetric.CHANGES_SKIPPED, "delete_user")
                + value(m.measures(), RunMetric.CHANGES_SKIPPED, "disable_user"))
        .isEqualTo(4);

    heard.clear();
    ProviderException down = new ProviderException(Reason.UNAVAILABLE, "directory down");
    DirectorySource failing =
        q -> {
          throw down;
        };
    assertThatThrownBy(() -> engine(failing, strict).sync()).isSameAs(down);
    assertThat(heard).containsExactly(down);
    RunMeasures failed = RunMeasures.failed(Duration.ofSeconds(2));
    assertThat(value(failed.measures(), RunMetric.RUNS_FAILED, null)).isEqualTo(1);
    assertThat(value(failed.measures(), RunMetric.RUN_DURATION, null)).isEqualTo(2000);
  }

  @Test
  void aMeasureOfABrokenDownMetricNeedsItsDimensionValue() {
    assertThatThrownBy(() -> new Measure(RunMetric.API_CALLS, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FAMILY");
    assertThatThrownBy(() -> new Measure(RunMetric.WARNINGS, "x", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
