package io.github.ssosync.engine;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.plan.ApplyStep;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.IdentityTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan's changes to a target in dependency order, resolving references to objects created
 * earlier in the run. One instance per run.
 */
final class PlanExecutor {
  private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

  /**
   * Membership changes of one group are sent in slices of this size so big groups run in parallel
   * too.
   */
  private static final int MEMBERSHIP_SLICE = 1000;

  record Result(
      SyncReport.Status status, List<ChangeOutcome> outcomes, @Nullable String stopReason) {}

  private final IdentityTarget target;
  private final int concurrency;
  private final ProgressListener listener;
  private final Map<String, String> createdUsers = new ConcurrentHashMap<>();
  private final Map<String, String> createdGroups = new ConcurrentHashMap<>();
  private final AtomicReference<@Nullable String> stop = new AtomicReference<>();
  private final AtomicInteger done = new AtomicInteger();

  /** System.nanoTime() after which no more changes are started, and the text that says why. */
  private final long deadlineNanos;

  private final String deadlineText;

  PlanExecutor(
      IdentityTarget target,
      int concurrency,
      ProgressListener listener,
      long deadlineNanos,
      String deadlineText) {
    this.target = target;
    this.concurrency = concurrency;
    this.listener = listener;
    this.deadlineNanos = deadlineNanos;
    this.deadlineText = deadlineText;
  }

  static Result blocked(SyncPlan plan) {
    List<ChangeOutcome> outcomes = new ArrayList<>();
    for (Change c : plan.changes()) {
      outcomes.add(ChangeOutcome.skipped(c, "the deletion guard blocked the plan"));
    }
    return new Result(SyncReport.Status.BLOCKED, outcomes, plan.guard().reason());
  }

  Result execute(SyncPlan plan) {
    List<Change> changes = plan.changes();
    ChangeOutcome[] outcomes = new ChangeOutcome[changes.size()];
    // The plan says when each change runs (ApplyStep): each phase finishes before the next.
    List<List<Integer>> steps = new ArrayList<>();
    for (int s = 0; s < ApplyStep.PHASES; s++) {
      steps.add(new ArrayList<>());
    }
    for (int i = 0; i < changes.size(); i++) {
      steps.get(plan.phase(i)).add(i);
    }
    // Within a phase, a change that needs another of the same phase (a user create on its
    // manager's create) runs in a later wave.
    int[] waves = ApplyStep.waves(plan.order());
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-apply");
    try {
      for (List<Integer> step : steps) {
        List<List<Integer>> byWave = new ArrayList<>();
        for (int i : step) {
          while (byWave.size() <= waves[i]) {
            byWave.add(new ArrayList<>());
          }
          byWave.get(waves[i]).add(i);
        }
        for (List<Integer> wave : byWave) {
          runStep(changes, wave, outcomes, pool);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<ChangeOutcome> list = List.of(outcomes);
    String stopReason = stop.get();
    SyncReport.Status status;
    if (stopReason != null) {
      status = SyncReport.Status.STOPPED;
    } else if (list.stream().allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED)) {
      status = SyncReport.Status.COMPLETED;
    } else {
      status = SyncReport.Status.COMPLETED_WITH_FAILURES;
    }
    return new Result(status, list, stopReason);
  }

  private void runStep(
      List<Change> changes, List<Integer> step, ChangeOutcome[] outcomes, ExecutorService pool) {
    List<List<Integer>> units = units(changes, step);
    List<Future<?>> futures = new ArrayList<>();
    for (List<Integer> unit : units) {
      futures.add(pool.submit(() -> runUnit(changes, unit, outcomes)));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while applying", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("applying failed unexpectedly", e.getCause());
      }
    }
  }

  /** Membership changes of one group travel together (a target may batch them); others alone. */
  private static List<List<Integer>> units(List<Change> changes, List<Integer> step) {
    Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
    List<List<Integer>> units = new ArrayList<>();
    for (int i : step) {
      Change c = changes.get(i);
      if (c.kind() == ChangeKind.ADD_MEMBERSHIP || c.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
        ObjectRef g = c.subject();
        String key = g.targetId() != null ? "t:" + g.targetId() : "s:" + g.sourceId();
        List<Integer> unit = byGroup.computeIfAbsent(key, k -> new ArrayList<>());
        unit.add(i);
        if (unit.size() == MEMBERSHIP_SLICE) {
          units.add(unit);
          byGroup.remove(key);
        }
      } else {
        units.add(List.of(i));
      }
    }
    units.addAll(byGroup.values());
    return units;
  }

  private void runUnit(List<Change> changes, List<Integer> unit, ChangeOutcome[] outcomes) {
    List<Integer> sent = new ArrayList<>();
    List<Change> resolved = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (System.nanoTime() - deadlineNanos > 0) {
      stop.compareAndSet(null, "the run's deadline (" + deadlineText + ") passed");
    }
    for (int i : unit) {
      Change original = changes.get(i);
      String stopped = stop.get();
      if (stopped != null) {
        outcomes[i] = ChangeOutcome.skipped(original, "not tried: " + stopped);
        continue;
      }
      StringBuilder note = new StringBuilder();
      Change r = resolve(original, note);
      if (r == null) {
        outcomes[i] = ChangeOutcome.skipped(original, note.toString());
        continue;
      }
      sent.add(i);
      resolved.add(r);
      notes.add(note.toString());
    }
    if (!resolved.isEmpty()) {
      List<ChangeResult> results = call(resolved);
      for (int k = 0; k < sent.size(); k++) {
        int i = sent.get(k);
        ChangeResult result = results.get(k);
        if (result.holder() != null) {
          result = NameConflicts.settle(target, resolved.get(k), result);
        }
        outcomes[i] = record(changes.get(i), result, notes.get(k));
      }
    }
    listener.onProgress(SyncPhase.APPLY, done.addAndGet(unit.size()), changes.size());
  }

  private List<ChangeResult> call(List<Change> resolved) {
    List<ChangeResult> results;
    try {
      results = target.apply(resolved);
    } catch (ProviderException e) {
      return failAll(resolved.size(), e);
    } catch (RuntimeException e) {
      log.warn("target threw instead of reporting a failed change", e);
      return failAll(
          resolved.size(),
          new ProviderException(ProviderException.Reason.UNKNOWN, "target failed: " + e, e));
    }
    if (results.size() != resolved.size()) {
      return failAll(
          resolved.size(),
          new ProviderException(
              ProviderException.Reason.UNKNOWN,
              "target returned "
                  + results.size()
                  + " results for "
                  + resolved.size()
                  + " changes"));
    }
    return results;
  }

  private static List<ChangeResult> failAll(int n, ProviderException e) {
    List<ChangeResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(ChangeResult.failed(e));
    }
    return out;
  }

  private ChangeOutcome record(Change change, ChangeResult result, String note) {
    String message = note.isEmpty() ? null : note;
    if (!result.applied()) {
      ProviderException e = java.util.Objects.requireNonNull(result.error());
      if (e.reason() == ProviderException.Reason.UNAUTHENTICATED) {
        stop.compareAndSet(null, "the target refused our credentials (" + e.getMessage() + ")");
      }
      return new ChangeOutcome(
          change, ChangeOutcome.Status.FAILED, null, e.reason(), e.getMessage());
    }
    String id = result.targetId();
    if (change.kind() == ChangeKind.CREATE_USER || change.kind() == ChangeKind.CREATE_GROUP) {
      if (id == null) {
        return new ChangeOutcome(
            change,
            ChangeOutcome.Status.FAILED,
            null,
            ProviderException.Reason.UNKNOWN,
            "the target reported the create without the new object's id");
      }
      String sourceId = java.util.Objects.requireNonNull(change.subject().sourceId());
      (change.kind() == ChangeKind.CREATE_USER ? createdUsers : createdGroups).put(sourceId, id);
    }
    return new ChangeOutcome(change, ChangeOutcome.Status.APPLIED, id, null, message);
  }

  /**
   * Gives every reference its target id. Returns null when a reference cannot be resolved because
   * the create it depends on did not succeed; {@code note} then says why.
   */
  private @Nullable Change resolve(Change change, StringBuilder note) {
    switch (change.kind()) {
      case ADD_MEMBERSHIP -> {
        Change.AddMembership a = (Change.AddMembership) change;
        ObjectRef group = resolve(a.group(), createdGroups, "group", note);
        ObjectRef user = resolve(a.user(), createdUsers, "user", note);
        return group == null || user == null
            ? null
            : new Change.AddMembership(group, user, a.reason());
      }
      case CREATE_GROUP -> {
        Change.CreateGroup c = (Change.CreateGroup) change;
        List<ObjectRef> members = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (ObjectRef m : c.members()) {
          ObjectRef r = resolve(m, createdUsers, "user", new StringBuilder());
          if (r == null) {
            dropped.add(m.name());
          } else {
            members.add(r);
          }
        }
        if (!dropped.isEmpty()) {
          note.append("created without members whose creation did not succeed: ")
              .append(String.join(", ", dropped));
        }
        return new Change.CreateGroup(c.group(), c.attributes(), members, c.reason());
      }
      case CREATE_USER -> {
        Change.CreateUser c = (Change.CreateUser) change;
        ObjectRef manager = c.attributes().manager();
        if (manager == null || manager.resolved()) {
          return change;
        }
        ObjectRef resolved = resolve(manager, createdUsers, "user", new StringBuilder());
        if (resolved == null) {
          note.append("created without its manager ")
              .append(manager.name())
              .append(", whose creation did not succeed");
        }
        return new Change.CreateUser(c.user(), c.attributes().withManager(resolved), c.reason());
      }
      case UPDATE_USER -> {
        Change.UpdateUser u = (Change.UpdateUser) change;
        ObjectRef user = resolve(u.user(), createdUsers, "user", note);
        if (user == null) {
          return null;
        }
        ObjectRef manager = u.attributes().manager();
        if (manager != null && !manager.resolved()) {
          manager = resolve(manager, createdUsers, "manager", note);
          if (manager == null) {
            return null;
          }
        }
        return new Change.UpdateUser(
            user, u.attributes().withManager(manager), u.changes(), u.reason());
      }
      default -> {
        return change;
      }
    }
  }

  private static @Nullable ObjectRef resolve(
      ObjectRef ref, Map<String, String> created, String what, StringBuilder note) {
    if (ref.resolved()) {
      return ref;
    }
    String id = created.get(java.util.Objects.requireNonNull(ref.sourceId()));
    if (id == null) {
      note.append(note.length() == 0 ? "" : "; ")
          .append("not tried: creating ")
          .append(what)
          .append(' ')
          .append(ref.name())
          .append(" did not succeed");
      return null;
    }
    return ref.withTargetId(id);
  }
}
