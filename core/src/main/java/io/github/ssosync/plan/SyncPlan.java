package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reviewable plan: the ordered changes that would bring the target in step with the directory,
 * each with its reason and its {@link ApplyStep}, plus warnings, pending deletions, the deletion
 * guard's verdict and a fingerprint of the target state it was computed against. Same inputs, same
 * plan, in the same order.
 *
 * <p>{@code io.github.ssosync.format.PlanFormat} renders it as a table, Markdown or JSON (schema
 * {@code ssosync-plan/v1}, documented in the README) and reads the JSON back.
 *
 * @param plannedAt the {@code now} the plan was made for
 * @param changes the changes, sorted by kind, then subject, then member
 * @param warnings what the planner noticed and did not change, sorted
 * @param pendingDeletions disabled users waiting out their grace period, sorted
 * @param guard the deletion guard's verdict
 * @param stats sizes of both sides
 * @param order when each change is applied, one per change, at the same index
 * @param targetFingerprint the {@link TargetFingerprint} of the target read the plan was made from;
 *     absent for a plan assembled by hand
 * @param basis whether the plan comes from a full read or an incremental one, and why
 */
public record SyncPlan(
    Instant plannedAt,
    List<Change> changes,
    List<PlanWarning> warnings,
    List<PendingDeletion> pendingDeletions,
    GuardVerdict guard,
    PlanStats stats,
    List<ApplyStep> order,
    @Nullable String targetFingerprint,
    RunBasis basis) {

  /** Validates and copies. */
  public SyncPlan {
    Objects.requireNonNull(plannedAt, "plannedAt");
    Objects.requireNonNull(basis, "basis");
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    pendingDeletions = List.copyOf(pendingDeletions);
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(stats, "stats");
    order = List.copyOf(order);
    if (order.size() != changes.size()) {
      throw new IllegalArgumentException(
          "order has " + order.size() + " steps for " + changes.size() + " changes");
    }
    for (int i = 0; i < order.size(); i++) {
      for (int d : order.get(i).dependsOn()) {
        if (d < 0 || d >= changes.size() || order.get(d).phase() > order.get(i).phase()) {
          throw new IllegalArgumentException(
              "change "
                  + i
                  + " depends on "
                  + d
                  + ", which is not in an earlier or the same phase");
        }
      }
    }
    ApplyStep.waves(order); // refuses a cycle of dependencies within a phase
  }

  /**
   * A plan whose apply order follows from its changes (see {@link ApplyStep}), without a target
   * fingerprint.
   *
   * @param plannedAt the {@code now} the plan was made for
   * @param changes the changes, sorted by kind, then subject, then member
   * @param warnings what the planner noticed and did not change, sorted
   * @param pendingDeletions disabled users waiting out their grace period, sorted
   * @param guard the deletion guard's verdict
   * @param stats sizes of both sides
   */
  public SyncPlan(
      Instant plannedAt,
      List<Change> changes,
      List<PlanWarning> warnings,
      List<PendingDeletion> pendingDeletions,
      GuardVerdict guard,
      PlanStats stats) {
    this(
        plannedAt,
        changes,
        warnings,
        pendingDeletions,
        guard,
        stats,
        ApplyOrder.of(List.copyOf(changes)),
        null);
  }

  /**
   * A plan of a full read (the basis {@link RunBasis#STATELESS}).
   *
   * @param plannedAt the {@code now} the plan was made for
   * @param changes the changes
   * @param warnings the warnings
   * @param pendingDeletions disabled users waiting out their grace period
   * @param guard the deletion guard's verdict
   * @param stats sizes of both sides
   * @param order when each change is applied
   * @param targetFingerprint the fingerprint of the target read, if any
   */
  public SyncPlan(
      Instant plannedAt,
      List<Change> changes,
      List<PlanWarning> warnings,
      List<PendingDeletion> pendingDeletions,
      GuardVerdict guard,
      PlanStats stats,
      List<ApplyStep> order,
      @Nullable String targetFingerprint) {
    this(
        plannedAt,
        changes,
        warnings,
        pendingDeletions,
        guard,
        stats,
        order,
        targetFingerprint,
        RunBasis.STATELESS);
  }

  /**
   * @param basis what the plan was computed from, and why
   * @return this plan with that basis
   */
  public SyncPlan withBasis(RunBasis basis) {
    return new SyncPlan(
        plannedAt,
        changes,
        warnings,
        pendingDeletions,
        guard,
        stats,
        order,
        targetFingerprint,
        basis);
  }

  /** Whether the plan has no changes. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether the deletion guard blocked the plan. */
  public boolean blocked() {
    return guard.blocked();
  }

  /**
   * @param index a change's index in {@link #changes()}
   * @return the phase that change is applied in ({@link ApplyStep})
   */
  public int phase(int index) {
    return order.get(index).phase();
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
   * @param fingerprint the fingerprint of the target read this plan acts on
   * @return this plan carrying that fingerprint
   */
  public SyncPlan withTargetFingerprint(@Nullable String fingerprint) {
    return new SyncPlan(
        plannedAt, changes, warnings, pendingDeletions, guard, stats, order, fingerprint, basis);
  }

  /**
   * This plan with every removal held back: no disable, retire or delete, and no membership
   * removal; creates, updates and membership additions stay. For a run whose directory read may be
   * behind the directory itself (a search index that lags), where removing would act on stale
   * information and adding would not. The target fingerprint is dropped (it covers the groups the
   * plan touches); set it again with {@link #withTargetFingerprint}.
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
            stats)
        .withBasis(basis);
  }
}
