package io.github.ssosync.engine;

import io.github.ssosync.change.ChangeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one run measured, for metrics: the one place that every exporter (CloudWatch Embedded Metric
 * Format lines, a Micrometer registry) reads, so that they publish the same numbers under the names
 * {@link RunMetric} gives them.
 *
 * @param status how the run ended
 * @param changes per kind of change in the plan, how many were applied, failed and skipped
 * @param warnings the plan's warnings
 * @param apiCalls API calls by family ({@code google}, {@code identitystore}, {@code scim}, ...)
 * @param throttles of those, the calls the service throttled, by family
 * @param phases how long each phase took ({@link SyncPhase#READ}, {@link SyncPhase#PLAN}, {@link
 *     SyncPhase#APPLY})
 * @param total how long the whole run took
 */
public record RunMeasures(
    Status status,
    Map<ChangeKind, Changes> changes,
    int warnings,
    Map<String, Long> apiCalls,
    Map<String, Long> throttles,
    Map<SyncPhase, Duration> phases,
    Duration total) {

  /** How a run ended: a {@link SyncReport.Status}, or {@link #FAILED} when there is no report. */
  public enum Status {
    /** Every change was applied (or there was none). */
    COMPLETED,
    /** Some changes failed or were skipped. */
    COMPLETED_WITH_FAILURES,
    /** The deletion guard blocked the plan; nothing was written. */
    BLOCKED,
    /** The target refused our credentials part-way. */
    STOPPED,
    /** The run ended without a report: a read, the configuration or a reviewed plan failed. */
    FAILED;

    /** The status as a metric property or tag value: {@code completed_with_failures}. */
    public String tagValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The outcomes of the changes of one kind.
   *
   * @param applied took effect
   * @param failed refused or failed by the target
   * @param skipped not tried
   */
  public record Changes(long applied, long failed, long skipped) {}

  /**
   * One value of one metric.
   *
   * @param metric the metric
   * @param dimensionValue the value of the metric's {@link RunMetric#dimension()}, null when it has
   *     none
   * @param value the value, in the metric's {@link RunMetric#unit()}
   */
  public record Measure(RunMetric metric, @Nullable String dimensionValue, double value) {
    /** Validates. */
    public Measure {
      Objects.requireNonNull(metric, "metric");
      if ((metric.dimension() == null) != (dimensionValue == null)) {
        throw new IllegalArgumentException(
            metric + ": a value for its dimension " + metric.dimension() + " is required");
      }
    }
  }

  /** Validates and copies. */
  public RunMeasures {
    Objects.requireNonNull(status, "status");
    changes = Collections.unmodifiableMap(new EnumMap<>(changes.isEmpty() ? empty() : changes));
    apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    throttles = Collections.unmodifiableMap(new TreeMap<>(throttles));
    phases =
        Collections.unmodifiableMap(
            phases.isEmpty() ? new EnumMap<>(SyncPhase.class) : new EnumMap<>(phases));
    Objects.requireNonNull(total, "total");
  }

  private static Map<ChangeKind, Changes> empty() {
    return new EnumMap<>(ChangeKind.class);
  }

  /**
   * @param report a run's report
   * @return its measures
   */
  public static RunMeasures of(SyncReport report) {
    Map<ChangeKind, long[]> byKind = new EnumMap<>(ChangeKind.class);
    for (ChangeOutcome o : report.outcomes()) {
      byKind.computeIfAbsent(o.change().kind(), k -> new long[3])[o.status().ordinal()]++;
    }
    Map<ChangeKind, Changes> changes = new EnumMap<>(ChangeKind.class);
    byKind.forEach((kind, n) -> changes.put(kind, new Changes(n[0], n[1], n[2])));
    Map<SyncPhase, Duration> phases = new EnumMap<>(SyncPhase.class);
    phases.put(SyncPhase.READ, report.timings().read());
    phases.put(SyncPhase.PLAN, report.timings().plan());
    phases.put(SyncPhase.APPLY, report.timings().apply());
    return new RunMeasures(
        Status.valueOf(report.status().name()),
        changes,
        report.plan().warnings().size(),
        byFamily(report.apiCalls()),
        byFamily(report.throttledCalls()),
        phases,
        report.timings().total());
  }

  /**
   * A run that ended without a report.
   *
   * @param total how long it ran
   * @return its measures: failed, nothing else known
   */
  public static RunMeasures failed(Duration total) {
    return new RunMeasures(Status.FAILED, Map.of(), 0, Map.of(), Map.of(), Map.of(), total);
  }

  /** Sums {@code family.operation} counts by family, the part before the first dot. */
  private static Map<String, Long> byFamily(Map<String, Long> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (key, n) -> {
          int dot = key.indexOf('.');
          out.merge(dot < 0 ? key : key.substring(0, dot), n, Long::sum);
        });
    return out;
  }

  /** Whether the deletion guard blocked the run. */
  public boolean blocked() {
    return status == Status.BLOCKED;
  }

  /** Whether the run failed (see {@link RunMetric#RUNS_FAILED}). */
  public boolean failed() {
    return status == Status.COMPLETED_WITH_FAILURES
        || status == Status.STOPPED
        || status == Status.FAILED;
  }

  /**
   * Every metric's values for this run, in {@link RunMetric} order: the run's flags (each 1 or 0,
   * so that an alarm sees a value every run), its duration and warnings, then one value per kind of
   * change in the plan, per API family called and per phase.
   */
  public List<Measure> measures() {
    List<Measure> out = new ArrayList<>();
    out.add(new Measure(RunMetric.RUNS_COMPLETED, null, status == Status.COMPLETED ? 1 : 0));
    out.add(new Measure(RunMetric.RUNS_FAILED, null, failed() ? 1 : 0));
    out.add(new Measure(RunMetric.RUNS_BLOCKED, null, blocked() ? 1 : 0));
    out.add(new Measure(RunMetric.RUN_DURATION, null, millis(total)));
    out.add(new Measure(RunMetric.WARNINGS, null, warnings));
    changes.forEach(
        (kind, n) -> {
          String k = kind.name().toLowerCase(Locale.ROOT);
          out.add(new Measure(RunMetric.CHANGES_APPLIED, k, n.applied()));
          out.add(new Measure(RunMetric.CHANGES_FAILED, k, n.failed()));
          out.add(new Measure(RunMetric.CHANGES_SKIPPED, k, n.skipped()));
        });
    apiCalls.forEach(
        (family, n) -> {
          out.add(new Measure(RunMetric.API_CALLS, family, n));
          out.add(new Measure(RunMetric.API_THROTTLES, family, throttles.getOrDefault(family, 0L)));
        });
    phases.forEach(
        (phase, d) ->
            out.add(
                new Measure(
                    RunMetric.PHASE_DURATION, phase.name().toLowerCase(Locale.ROOT), millis(d))));
    return out;
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
