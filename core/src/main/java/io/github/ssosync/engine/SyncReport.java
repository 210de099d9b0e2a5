package io.github.ssosync.engine;

import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.internal.Plural;
import io.github.ssosync.plan.SyncPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a sync did: the plan, the outcome of every change, totals, timings and API calls.
 *
 * @param status how the run ended
 * @param plan the plan the run made
 * @param outcomes one outcome per planned change, in plan order
 * @param timings how long each phase took
 * @param apiCalls API calls this run made, by {@code family.operation}
 * @param stopReason why the run stopped early, when it did
 * @param throttledCalls the calls of {@code apiCalls} that the service throttled, by {@code
 *     family.operation}
 * @param state what became of the state, for an engine that keeps one ({@code saved to
 *     s3://bucket/key}, or why it was not); absent otherwise
 */
public record SyncReport(
    Status status,
    SyncPlan plan,
    List<ChangeOutcome> outcomes,
    Timings timings,
    Map<String, Long> apiCalls,
    @Nullable String stopReason,
    Map<String, Long> throttledCalls,
    @Nullable String state) {

  /** How a run ended. */
  public enum Status {
    /** Every change was applied (or there was none). */
    COMPLETED,
    /** Some changes failed or were skipped; the others were applied. */
    COMPLETED_WITH_FAILURES,
    /** The deletion guard blocked the plan; nothing was written. */
    BLOCKED,
    /** The target refused our credentials part-way; the remaining changes were skipped. */
    STOPPED
  }

  /**
   * How long each phase took.
   *
   * @param read reading both sides (concurrently)
   * @param plan planning
   * @param apply applying
   * @param total the whole run
   */
  public record Timings(Duration read, Duration plan, Duration apply, Duration total) {}

  /** Validates and copies. */
  public SyncReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(plan, "plan");
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(timings, "timings");
    apiCalls = java.util.Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    throttledCalls = java.util.Collections.unmodifiableMap(new TreeMap<>(throttledCalls));
  }

  /**
   * A report of an engine that keeps no state.
   *
   * @param status how the run ended
   * @param plan the plan the run made
   * @param outcomes one outcome per planned change, in plan order
   * @param timings how long each phase took
   * @param apiCalls API calls this run made, by {@code family.operation}
   * @param stopReason why the run stopped early, when it did
   * @param throttledCalls the calls of {@code apiCalls} that the service throttled
   */
  public SyncReport(
      Status status,
      SyncPlan plan,
      List<ChangeOutcome> outcomes,
      Timings timings,
      Map<String, Long> apiCalls,
      @Nullable String stopReason,
      Map<String, Long> throttledCalls) {
    this(status, plan, outcomes, timings, apiCalls, stopReason, throttledCalls, null);
  }

  /**
   * A report without throttle counts.
   *
   * @param status how the run ended
   * @param plan the plan the run made
   * @param outcomes one outcome per planned change, in plan order
   * @param timings how long each phase took
   * @param apiCalls API calls this run made, by {@code family.operation}
   * @param stopReason why the run stopped early, when it did
   */
  public SyncReport(
      Status status,
      SyncPlan plan,
      List<ChangeOutcome> outcomes,
      Timings timings,
      Map<String, Long> apiCalls,
      @Nullable String stopReason) {
    this(status, plan, outcomes, timings, apiCalls, stopReason, Map.of());
  }

  /** The outcomes that did not apply: failed or skipped. */
  public List<ChangeOutcome> failures() {
    List<ChangeOutcome> out = new ArrayList<>();
    for (ChangeOutcome o : outcomes) {
      if (o.status() != ChangeOutcome.Status.APPLIED) {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * @param kind a kind of change
   * @param status an outcome
   * @return how many changes of that kind had that outcome
   */
  public int count(ChangeKind kind, ChangeOutcome.Status status) {
    int n = 0;
    for (ChangeOutcome o : outcomes) {
      if (o.change().kind() == kind && o.status() == status) {
        n++;
      }
    }
    return n;
  }

  /** Total API calls this run made. */
  public long totalApiCalls() {
    return apiCalls.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A few lines for people: what was done per kind, what failed and why, calls and time. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    if (status == Status.BLOCKED) {
      // The plan carries the guard's verdict and its list; every change "skipped" would read as
      // failures, and the list would be said twice.
      out.append("Sync blocked by the deletion guard, nothing written (")
          .append(Plural.of(plan.changes().size(), "change"))
          .append(" planned; the plan says why)\n");
      appendCalls(out);
      return out.toString();
    }
    out.append("Sync ").append(status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    if (stopReason != null) {
      out.append(": ").append(stopReason);
    }
    out.append('\n');
    Map<ChangeKind, int[]> byKind = new EnumMap<>(ChangeKind.class);
    int inlineMembers = 0;
    for (ChangeOutcome o : outcomes) {
      byKind.computeIfAbsent(o.change().kind(), k -> new int[3])[o.status().ordinal()]++;
      if (o.status() == ChangeOutcome.Status.APPLIED
          && o.change() instanceof io.github.ssosync.change.Change.CreateGroup g) {
        inlineMembers += g.members().size();
      }
    }
    if (byKind.isEmpty()) {
      out.append("  nothing to do\n");
    }
    byKind.forEach(
        (kind, n) ->
            out.append(
                String.format(
                    "  %-18s %6d applied %6d failed %6d skipped%n",
                    kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), n[0], n[1], n[2])));
    if (inlineMembers > 0) {
      // Memberships written with their new group, in the same call (SCIM), are no change of
      // their own but memberships all the same.
      out.append(
          String.format(
              "  %-18s %6d applied with their new groups%n", "memberships", inlineMembers));
    }
    List<ChangeOutcome> failures = failures();
    int shown = 0;
    for (ChangeOutcome f : failures) {
      if (shown++ == 20) {
        out.append("  ... and ").append(failures.size() - 20).append(" more\n");
        break;
      }
      out.append("  ")
          .append(f.status())
          .append(' ')
          .append(f.change().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(' ')
          .append(f.change().subject().name())
          .append(": ")
          .append(f.reason() != null ? f.reason() + " " : "")
          .append(f.message())
          .append('\n');
    }
    appendCalls(out);
    return out.toString();
  }

  private void appendCalls(StringBuilder out) {
    out.append(
        String.format(
            "  %s %s; %.1f s (read %.1f s, plan %.1f s, apply %.1f s)%n",
            Plural.of(totalApiCalls(), "API call"),
            apiCalls,
            seconds(timings.total()),
            seconds(timings.read()),
            seconds(timings.plan()),
            seconds(timings.apply())));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
