package io.github.ssosync.micrometer;

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
import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.policy.SyncPolicy;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().build();

  private static DirectorySnapshot directory(int users) {
    List<DirectoryUser> all =
        IntStream.range(0, users)
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

  private SyncReport sync(DirectorySource source) {
    return SyncEngine.builder()
        .source(source)
        .target(target)
        .policy(SyncPolicy.builder().groupMatch("*").build())
        .progressListener(SyncMetrics.publishingTo(registry, Tags.of("tenant", "eu")))
        .build()
        .sync();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags("tenant", "eu").tags(tags).counter().count();
  }

  @Test
  void aRunPublishesItsChangesCallsFlagsAndPhaseTimesByNameAndTag() {
    target.failWhen(
        c -> c.kind() == ChangeKind.CREATE_USER && c.subject().name().equals("u2@example.com"),
        Reason.INVALID);
    SyncReport report = sync(q -> directory(4));
    assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED_WITH_FAILURES);

    assertThat(counter("ssosync.runs.failed")).isEqualTo(1);
    assertThat(counter("ssosync.runs.completed")).isZero();
    assertThat(counter("ssosync.runs.blocked")).isZero();
    assertThat(counter("ssosync.changes.applied", "kind", "create_user")).isEqualTo(3);
    assertThat(counter("ssosync.changes.failed", "kind", "create_user")).isEqualTo(1);
    assertThat(counter("ssosync.api.calls", "family", "memory"))
        .isEqualTo(report.totalApiCalls())
        .isPositive();
    assertThat(counter("ssosync.api.throttles", "family", "memory")).isZero();
    for (String phase : List.of("read", "plan", "apply")) {
      assertThat(
              registry.get("ssosync.phase.duration").tags("tenant", "eu", "phase", phase).timer())
          .satisfies(t -> assertThat(t.count()).isEqualTo(1));
    }
    assertThat(registry.get("ssosync.run.duration").timer().totalTime(TimeUnit.NANOSECONDS))
        .isEqualTo(report.timings().total().toNanos());

    target.clearFaults();
    sync(q -> directory(4));
    // Counters add up over runs; the second run created the user the first failed on.
    assertThat(counter("ssosync.runs.completed")).isEqualTo(1);
    assertThat(counter("ssosync.runs.failed")).isEqualTo(1);
    assertThat(counter("ssosync.changes.applied", "kind", "create_user")).isEqualTo(4);
    assertThat(registry.get("ssosync.run.duration").timer().count()).isEqualTo(2);
  }

  @Test
  void aRunThatThrowsCountsAsFailed() {
    ProviderException down = new ProviderException(Reason.UNAVAILABLE, "directory down");
    assertThatThrownBy(
            () ->
                sync(
                    q -> {
                      throw down;
                    }))
        .isSameAs(down);
    assertThat(counter("ssosync.runs.failed")).isEqualTo(1);
    assertThat(counter("ssosync.runs.completed")).isZero();
    assertThat(registry.find("ssosync.changes.applied").counters()).isEmpty();
  }
}
