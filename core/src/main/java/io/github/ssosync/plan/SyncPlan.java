package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.internal.JsonFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reviewable plan: the ordered changes that would bring the target in step with the directory,
 * each with its reason, plus warnings, pending deletions and the deletion guard's verdict. Same
 * inputs, same plan, in the same order.
 *
 * <p>{@link #toTable()} prints it for people, {@link #toJson()} for machines (schema {@code
 * ssosync-plan/v1}, documented in the README).
 *
 * @param plannedAt the {@code now} the plan was made for
 * @param changes the changes, sorted by kind, then subject, then member
 * @param warnings what the planner noticed and did not change, sorted
 * @param pendingDeletions disabled users waiting out their grace period, sorted
 * @param guard the deletion guard's verdict
 * @param stats sizes of both sides
 */
public record SyncPlan(
    Instant plannedAt,
    List<Change> changes,
    List<PlanWarning> warnings,
    List<PendingDeletion> pendingDeletions,
    GuardVerdict guard,
    PlanStats stats) {

  /** Validates and copies. */
  public SyncPlan {
    Objects.requireNonNull(plannedAt, "plannedAt");
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    pendingDeletions = List.copyOf(pendingDeletions);
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(stats, "stats");
  }

  /** Whether the plan has no changes. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether the deletion guard blocked the plan. */
  public boolean blocked() {
    return guard.blocked();
  }

  /** How many changes of each kind, every kind present (zero when none). */
  public Map<ChangeKind, Integer> counts() {
    Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
    for (ChangeKind kind : ChangeKind.values()) {
      counts.put(kind, 0);
    }
    for (Change change : changes) {
      counts.merge(change.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * This plan with every removal held back: no disable, retire or delete, and no membership
   * removal; creates, updates and membership additions stay. For a run whose directory read may be
   * behind the directory itself (a search index that lags), where removing would act on stale
   * information and adding would not.
   *
   * @param why warnings saying what was found still present, added to the plan's warnings
   * @return the plan without removals, with the guard's verdict for what remains
   */
  public SyncPlan withoutRemovals(List<PlanWarning> why) {
    List<Change> kept = new ArrayList<>();
    for (Change c : changes) {
      if (!c.kind().removal() && c.kind() != ChangeKind.REMOVE_MEMBERSHIP) {
        kept.add(c);
      }
    }
    List<PlanWarning> all = new ArrayList<>(warnings);
    all.addAll(why);
    return new SyncPlan(
        plannedAt,
        kept,
        all,
        pendingDeletions,
        new GuardVerdict(false, 0, guard.owned(), null),
        stats);
  }

  /** The plan as stable, pretty-printed JSON. */
  public String toJson() {
    return JsonFormat.write(JsonFormat.plan(this));
  }

  /** The plan as a table for people, with a summary, the guard's verdict and warnings. */
  public String toTable() {
    return PlanTable.render(this);
  }
}
