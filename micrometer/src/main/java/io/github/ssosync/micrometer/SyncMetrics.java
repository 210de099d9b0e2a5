package io.github.ssosync.micrometer;

import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.RunMeasures.Measure;
import io.github.ssosync.engine.RunMetric;
import io.github.ssosync.engine.SyncPhase;
import io.github.ssosync.engine.SyncReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes every run's measures to a Micrometer {@link MeterRegistry}, from the engine's listener:
 * the same {@link RunMeasures} the Lambda writes as CloudWatch metrics, under the names {@link
 * RunMetric#meterName()} gives them.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *     .source(source).target(target).policy(policy)
 *     .progressListener(SyncMetrics.publishingTo(registry, Tags.of("tenant", "eu")))
 *     .build();
 * }</pre>
 *
 * <p>Counts ({@link RunMetric.Unit#COUNT}) are counters, incremented once per run (the run flags
 * {@code ssosync.runs.completed}, {@code ssosync.runs.failed} and {@code ssosync.runs.blocked} by 1
 * or 0, so that each exists from the first run on); durations are timers, recorded once per run.
 * Broken-down metrics carry their dimension as a tag: {@code kind} ({@code create_user}, ...),
 * {@code family} ({@code google}, {@code identitystore}, {@code scim}) or {@code phase} ({@code
 * read}, {@code plan}, {@code apply}). A run that throws counts as failed, with its duration.
 */
public final class SyncMetrics implements ProgressListener {
  private final MeterRegistry registry;
  private final Tags tags;
  private volatile long start = System.nanoTime();

  private SyncMetrics(MeterRegistry registry, Iterable<Tag> tags) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * @param registry where the meters go
   * @return a listener for {@code SyncEngine.Builder.progressListener}
   */
  public static SyncMetrics publishingTo(MeterRegistry registry) {
    return new SyncMetrics(registry, Tags.empty());
  }

  /**
   * @param registry where the meters go
   * @param tags tags every meter carries (a tenant, a deployment); not {@code kind}, {@code family}
   *     or {@code phase}
   * @return a listener for {@code SyncEngine.Builder.progressListener}
   */
  public static SyncMetrics publishingTo(MeterRegistry registry, Iterable<Tag> tags) {
    return new SyncMetrics(registry, tags);
  }

  @Override
  public void onProgress(SyncPhase phase, long done, long total) {
    if (phase == SyncPhase.READ && done == 0) {
      start = System.nanoTime();
    }
  }

  @Override
  public void onReport(SyncReport report) {
    publish(RunMeasures.of(report));
  }

  @Override
  public void onFailure(RuntimeException failure) {
    publish(RunMeasures.failed(Duration.ofNanos(System.nanoTime() - start)));
  }

  /**
   * Publishes one run's measures; for runs the engine does not see (a configuration that fails
   * before the engine is built, say).
   *
   * @param measures what the run measured
   */
  public void publish(RunMeasures measures) {
    for (Measure m : measures.measures()) {
      RunMetric metric = m.metric();
      Tags t = tags;
      RunMetric.Dimension d = metric.dimension();
      if (d != null) {
        t = t.and(d.tagKey(), Objects.requireNonNull(m.dimensionValue()));
      }
      switch (metric.unit()) {
        case COUNT ->
            Counter.builder(metric.meterName()).tags(t).register(registry).increment(m.value());
        case MILLISECONDS ->
            Timer.builder(metric.meterName())
                .tags(t)
                .register(registry)
                .record(Duration.ofNanos(Math.round(m.value() * 1e6)));
      }
    }
  }
}
