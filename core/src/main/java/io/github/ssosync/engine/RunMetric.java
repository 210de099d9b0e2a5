package io.github.ssosync.engine;

import org.jspecify.annotations.Nullable;

/**
 * The metrics a run publishes, named once for every exporter: a dotted lower-case name for
 * Micrometer-style registries ({@link #meterName()}, tags by {@link Dimension#tagKey()}) and an
 * upper camel-case name for CloudWatch ({@link #cloudWatchName()}, dimensions by {@link
 * Dimension#cloudWatchName()}). {@link RunMeasures#measures()} gives their values for one run.
 */
public enum RunMetric {
  /** 1 when the run applied every change (or had none), else 0. */
  RUNS_COMPLETED("ssosync.runs.completed", "RunsCompleted", Unit.COUNT, null),
  /**
   * 1 when the run failed: some changes failed or were skipped, the target refused our credentials
   * part-way, or the run ended without a report (a read or the configuration failed); else 0.
   */
  RUNS_FAILED("ssosync.runs.failed", "RunsFailed", Unit.COUNT, null),
  /** 1 when the deletion guard blocked the plan and nothing was written, else 0. */
  RUNS_BLOCKED("ssosync.runs.blocked", "RunsBlocked", Unit.COUNT, null),
  /** How long the whole run took. */
  RUN_DURATION("ssosync.run.duration", "RunDuration", Unit.MILLISECONDS, null),
  /** The plan's warnings (skipped users, ambiguous matches, ...). */
  WARNINGS("ssosync.warnings", "Warnings", Unit.COUNT, null),
  /** Changes of one kind that took effect. */
  CHANGES_APPLIED("ssosync.changes.applied", "ChangesApplied", Unit.COUNT, Dimension.KIND),
  /** Changes of one kind that the target refused or failed. */
  CHANGES_FAILED("ssosync.changes.failed", "ChangesFailed", Unit.COUNT, Dimension.KIND),
  /** Changes of one kind that were not tried (blocked plan, stopped run, failed dependency). */
  CHANGES_SKIPPED("ssosync.changes.skipped", "ChangesSkipped", Unit.COUNT, Dimension.KIND),
  /** API calls to one family (each try counts). */
  API_CALLS("ssosync.api.calls", "ApiCalls", Unit.COUNT, Dimension.FAMILY),
  /** API calls to one family that the service throttled. */
  API_THROTTLES("ssosync.api.throttles", "ApiThrottles", Unit.COUNT, Dimension.FAMILY),
  /** How long one phase took. */
  PHASE_DURATION("ssosync.phase.duration", "PhaseDuration", Unit.MILLISECONDS, Dimension.PHASE);

  /** What a value counts. */
  public enum Unit {
    /** A count of things. */
    COUNT,
    /** A duration in milliseconds (fractions allowed). */
    MILLISECONDS
  }

  /** What a metric is broken down by, if anything. */
  public enum Dimension {
    /** The kind of change: {@code create_user}, {@code add_membership}, ... */
    KIND("kind", "ChangeKind"),
    /** The API family, the prefix of the call counts: {@code google}, {@code scim}, ... */
    FAMILY("family", "ApiFamily"),
    /** The phase: {@code read}, {@code plan}, {@code apply}. */
    PHASE("phase", "Phase");

    private final String tagKey;
    private final String cloudWatchName;

    Dimension(String tagKey, String cloudWatchName) {
      this.tagKey = tagKey;
      this.cloudWatchName = cloudWatchName;
    }

    /** The tag key in a Micrometer-style registry. */
    public String tagKey() {
      return tagKey;
    }

    /** The dimension name in CloudWatch. */
    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  private final String meterName;
  private final String cloudWatchName;
  private final Unit unit;
  private final @Nullable Dimension dimension;

  RunMetric(String meterName, String cloudWatchName, Unit unit, @Nullable Dimension dimension) {
    this.meterName = meterName;
    this.cloudWatchName = cloudWatchName;
    this.unit = unit;
    this.dimension = dimension;
  }

  /** The name in a Micrometer-style registry, such as {@code ssosync.changes.applied}. */
  public String meterName() {
    return meterName;
  }

  /** The metric name in CloudWatch, such as {@code ChangesApplied}. */
  public String cloudWatchName() {
    return cloudWatchName;
  }

  /** What the values count. */
  public Unit unit() {
    return unit;
  }

  /** What the metric is broken down by; null when it has one value per run. */
  public @Nullable Dimension dimension() {
    return dimension;
  }
}
