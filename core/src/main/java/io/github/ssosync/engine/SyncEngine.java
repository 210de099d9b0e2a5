package io.github.ssosync.engine;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.internal.Plural;
import io.github.ssosync.plan.Planner;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.plan.TargetFingerprint;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a directory and a target concurrently, plans, and applies the plan.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *     .source(googleSource)
 *     .target(identityCenter)
 *     .policy(SyncPolicy.builder().groupMatch("email:aws-*").build())
 *     .build();
 * SyncPlan preview = engine.plan();   // writes nothing
 * SyncReport report = engine.sync();  // reads again, plans, applies
 * }</pre>
 *
 * <p>Changes are applied in dependency order: user renames and updates, user creates, group
 * updates, group creates (with their first members), memberships, then disables and deletes —
 * except deletes of objects whose name a create or rename in the same plan takes over, which run
 * first. Within each step up to {@code concurrency} calls run at once; a failed change never stops
 * the others. A plan the deletion guard blocked is not applied at all unless {@link
 * Builder#allowBlockedPlan(boolean)} says so. If the target refuses our credentials part-way, the
 * run stops writing and reports what it skipped.
 *
 * <p>The engine does not close the source or the target; their owner does.
 */
public final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final DirectorySource source;
  private final IdentityTarget target;
  private final SyncPolicy policy;
  private final Clock clock;
  private final int concurrency;
  private final boolean allowBlockedPlan;
  private final ProgressListener listener;
  private final @Nullable Duration deadline;
  private final @Nullable StatefulRun stateful;
  private final boolean forceFull;
  private volatile boolean tagged;

  private SyncEngine(Builder b) {
    this.source = Objects.requireNonNull(b.source);
    this.target = Objects.requireNonNull(b.target);
    this.policy = Objects.requireNonNull(b.policy);
    this.clock = b.clock;
    this.concurrency = b.concurrency;
    this.allowBlockedPlan = b.allowBlockedPlan;
    this.listener = b.listener;
    this.deadline = b.deadline;
    this.forceFull = b.forceFull;
    this.stateful =
        b.state == null
            ? null
            : new StatefulRun(
                b.state,
                b.directoryFeed,
                b.targetFeed,
                b.fullEvery,
                b.maxStateAge,
                b.fullAfterWrites,
                b.policy);
  }

  /** How often a stateful run reconciles in full by default. */
  public static final Duration DEFAULT_FULL_EVERY = Duration.ofHours(24);

  /** How old a state may be, by default, for a run to be incremental. */
  public static final Duration DEFAULT_MAX_STATE_AGE = Duration.ofHours(6);

  /** After how many applied changes the next stateful run is full, by default. */
  public static final long DEFAULT_FULL_AFTER_WRITES = 5_000;

  /** A builder; {@code source}, {@code target} and {@code policy} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads both sides and plans. Writes nothing.
   *
   * @return the plan
   * @throws ProviderException if either side could not be read completely
   */
  public SyncPlan plan() {
    try {
      return readAndPlan(deadlineFrom(System.nanoTime()), begin()).plan();
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Reads both sides, plans, and applies the plan unless the deletion guard blocked it.
   *
   * @return what was done
   * @throws ProviderException if either side could not be read completely (nothing is written)
   */
  public SyncReport sync() {
    try {
      long start = System.nanoTime();
      Counts before = counts();
      StatefulRun.Start run = begin();
      Planned planned = readAndPlan(deadlineFrom(start), run);
      StatefulRun statefulRun = stateful;
      StateSave save =
          statefulRun == null || run == null
              ? null
              : outcomes ->
                  statefulRun.finish(
                      run,
                      planned.read().full(),
                      tagged,
                      planned.read().directory(),
                      planned.read().target(),
                      outcomes);
      return execute(planned.plan(), start, before, planned.readNanos(), planned.planNanos(), save);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Applies a plan made earlier (for example one a person reviewed), exactly as it is, without
   * reading or planning again. The target may have changed since the plan was made: changes that no
   * longer fit fail and are reported. A blocked plan is applied only if the engine allows it.
   *
   * @param plan the plan to apply
   * @return what was done
   */
  public SyncReport apply(SyncPlan plan) {
    Objects.requireNonNull(plan, "plan");
    try {
      untagged();
      return execute(plan, System.nanoTime(), counts(), 0, 0, null);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Applies a reviewed plan exactly as it is, but only if it is still the plan for this target: it
   * must be at most {@code maxAge} old (judged by the engine's clock against the plan's {@code
   * plannedAt}), and the target, read again now, must have the fingerprint the plan recorded (its
   * users, groups, and the memberships of the groups the plan changes). Otherwise nothing is
   * written. A blocked plan is applied only if the engine allows it.
   *
   * @param plan the reviewed plan, e.g. read back with {@code io.github.ssosync.format.PlanFormat}
   * @param maxAge how old the plan may be
   * @return what was done
   * @throws StalePlanException if the plan is too old, has no fingerprint, or the target changed
   * @throws ProviderException if the target could not be read completely (nothing is written)
   */
  public SyncReport applyReviewed(SyncPlan plan, Duration maxAge) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(maxAge, "maxAge");
    try {
      return applyIfCurrent(plan, maxAge);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Starts a run: tags the target's writes with a fresh run id, and with a state store, loads the
   * state and asks the feeds what changed. Null when the engine keeps no state.
   */
  private StatefulRun.@Nullable Start begin() {
    String runId = UUID.randomUUID().toString();
    tagged = target.tagWrites(runId);
    return stateful == null ? null : stateful.begin(clock.instant(), runId, forceFull);
  }

  /**
   * Tags the writes of a plan applied as it is with a run id no state will ever hold: the next
   * stateful run must see them as someone else's and read their objects again.
   */
  private void untagged() {
    target.tagWrites(UUID.randomUUID().toString());
  }

  /** Tells the listener that the run ended without a report, and hands the failure back. */
  private RuntimeException failed(RuntimeException e) {
    try {
      listener.onFailure(e);
    } catch (RuntimeException listenerFailure) {
      e.addSuppressed(listenerFailure);
    }
    return e;
  }

  private SyncReport applyIfCurrent(SyncPlan plan, Duration maxAge) {
    untagged();
    long start = System.nanoTime();
    Counts before = counts();
    Duration age = Duration.between(plan.plannedAt(), clock.instant());
    if (age.compareTo(maxAge) > 0) {
      throw new StalePlanException(
          "the plan was made at "
              + plan.plannedAt()
              + ", "
              + Durations.format(age)
              + " ago, more than the limit of "
              + Durations.format(maxAge)
              + " (--max-plan-age); nothing was written: make a new plan and review it");
    }
    if (age.isNegative() && age.abs().compareTo(maxAge) > 0) {
      throw new StalePlanException(
          "the plan was made at "
              + plan.plannedAt()
              + ", in the future by more than the age limit (--max-plan-age); check the clocks");
    }
    String recorded = plan.targetFingerprint();
    if (recorded == null) {
      throw new StalePlanException(
          "the plan records no target fingerprint, so whether the target changed since cannot be"
              + " told; nothing was written: make a new plan with this version");
    }
    Set<String> groups = TargetFingerprint.groupsOf(plan);
    listener.onProgress(SyncPhase.READ, 0, -1);
    long readStart = System.nanoTime();
    TargetSnapshot now = target.read(group -> groups.contains(group.id()));
    long readNanos = System.nanoTime() - readStart;
    listener.onProgress(SyncPhase.READ, 1, 1);
    String current = TargetFingerprint.of(now, groups);
    if (!current.equals(recorded)) {
      throw new StalePlanException(
          "the target changed since the plan was made (fingerprint "
              + current
              + ", the plan has "
              + recorded
              + "); nothing was written: make a new plan and review it");
    }
    return execute(plan, start, before, readNanos, 0, null);
  }

  /** Saves a stateful run's state once its changes are applied; says what became of it. */
  @FunctionalInterface
  private interface StateSave {
    String save(List<ChangeOutcome> outcomes);
  }

  private SyncReport execute(
      SyncPlan plan,
      long start,
      Counts before,
      long readNanos,
      long planNanos,
      @Nullable StateSave save) {
    long applyStart = System.nanoTime();
    PlanExecutor.Result result;
    if (plan.blocked() && !allowBlockedPlan) {
      // The verdict's list of removals is in the plan (and its table); the log line says what
      // happened, not the list again.
      log.warn(
          "plan blocked by the deletion guard, nothing written: {} of {} owned objects would be"
              + " removed",
          plan.guard().removals(),
          plan.guard().owned());
      result = PlanExecutor.blocked(plan);
    } else {
      listener.onProgress(SyncPhase.APPLY, 0, plan.changes().size());
      String text = deadline == null ? "none" : Durations.format(deadline);
      result =
          new PlanExecutor(target, concurrency, listener, deadlineFrom(start), text).execute(plan);
    }
    String state = save == null ? null : save.save(result.outcomes());
    long end = System.nanoTime();
    listener.onProgress(SyncPhase.DONE, 1, 1);
    SyncReport.Timings timings =
        new SyncReport.Timings(
            Duration.ofNanos(readNanos),
            Duration.ofNanos(planNanos),
            Duration.ofNanos(end - applyStart),
            Duration.ofNanos(end - start));
    Counts after = counts();
    SyncReport report =
        new SyncReport(
            result.status(),
            plan,
            result.outcomes(),
            timings,
            delta(before.calls(), after.calls()),
            result.stopReason(),
            delta(before.throttles(), after.throttles()),
            state);
    log.info(
        "sync {}: {}, {} API calls in {} ms",
        report.status(),
        report.status() == SyncReport.Status.BLOCKED
            ? "blocked by the deletion guard, nothing written ("
                + Plural.of(plan.changes().size(), "change")
                + " planned)"
            : Plural.of(plan.changes().size(), "change")
                + ", "
                + report.failures().size()
                + " failed or skipped",
        report.totalApiCalls(),
        timings.total().toMillis());
    // A listener's failure must not turn a run that wrote into one that looks as if it did not.
    try {
      listener.onReport(report);
    } catch (RuntimeException e) {
      log.warn("the progress listener failed on the report", e);
    }
    return report;
  }

  private record Planned(SyncPlan plan, long readNanos, long planNanos, BothSides.Read read) {}

  private long deadlineFrom(long startNanos) {
    // Far enough in the future to never pass, near enough that adding to it cannot overflow.
    return startNanos + (deadline == null ? Long.MAX_VALUE / 2 : deadline.toNanos());
  }

  private Planned readAndPlan(long deadlineNanos, StatefulRun.@Nullable Start start) {
    long readStart = System.nanoTime();
    listener.onProgress(SyncPhase.READ, 0, -1);
    String deadlineText = deadline == null ? "none" : Durations.format(deadline);
    BothSides.Read read =
        new BothSides(source, target, policy, listener, deadlineText).read(deadlineNanos, start);
    long readNanos = System.nanoTime() - readStart;
    listener.onProgress(SyncPhase.READ, 1, 1);
    long planStart = System.nanoTime();
    listener.onProgress(SyncPhase.PLAN, 0, 1);
    DirectorySnapshot dir = read.directory();
    TargetSnapshot tgt = read.target();
    SyncPlan planned = Planner.plan(dir, tgt, policy, clock.instant());
    SyncPlan plan = RemovalConfirmation.confirm(source, policy, dir, planned);
    if (plan != planned) {
      // Fewer changes, fewer groups whose memberships the fingerprint covers.
      plan =
          plan.withTargetFingerprint(TargetFingerprint.of(tgt, TargetFingerprint.groupsOf(plan)));
    }
    plan = plan.withBasis(read.basis());
    long planNanos = System.nanoTime() - planStart;
    listener.onProgress(SyncPhase.PLAN, 1, 1);
    log.info(
        "planned {} ({}), {} run{}",
        Plural.of(plan.changes().size(), "change"),
        Plural.of(plan.warnings().size(), "warning"),
        plan.basis(),
        plan.blocked() ? ", BLOCKED by the deletion guard" : "");
    return new Planned(plan, readNanos, planNanos, read);
  }

  /** The calls, and the throttled ones, both sides made so far. */
  private record Counts(Map<String, Long> calls, Map<String, Long> throttles) {}

  private Counts counts() {
    Map<String, Long> calls = merged(source.apiCalls(), target.apiCalls());
    if (stateful != null) {
      calls = merged(calls, stateful.feedCalls());
    }
    return new Counts(calls, merged(source.apiThrottles(), target.apiThrottles()));
  }

  private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> all = new HashMap<>(a);
    b.forEach((k, v) -> all.merge(k, v, Long::sum));
    return all;
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new HashMap<>();
    after.forEach(
        (k, v) -> {
          long n = v - before.getOrDefault(k, 0L);
          if (n != 0) {
            d.put(k, n);
          }
        });
    return d;
  }

  /** Builds a {@link SyncEngine}. */
  public static final class Builder {
    private @Nullable DirectorySource source;
    private @Nullable IdentityTarget target;
    private @Nullable SyncPolicy policy;
    private Clock clock = Clock.systemUTC();
    private int concurrency = 8;
    private boolean allowBlockedPlan;
    private ProgressListener listener = ProgressListener.NONE;
    private @Nullable Duration deadline;
    private io.github.ssosync.state.@Nullable StateStore state;
    private io.github.ssosync.feed.@Nullable DirectoryChangeFeed directoryFeed;
    private io.github.ssosync.feed.@Nullable TargetChangeFeed targetFeed;
    private Duration fullEvery = DEFAULT_FULL_EVERY;
    private Duration maxStateAge = DEFAULT_MAX_STATE_AGE;
    private boolean forceFull;
    private long fullAfterWrites = DEFAULT_FULL_AFTER_WRITES;

    private Builder() {}

    /**
     * @param writes after a run that applied more changes than this, the next run is full (default
     *     5,000): a target feed finds others' changes by paging through every write in its window,
     *     ours included (CloudTrail's {@code LookupEvents} returns 50 events a call at 2 calls a
     *     second, 100 events a second), so after a first sync of a large directory reading the
     *     target in full is cheaper
     * @return this builder
     */
    public Builder fullAfterWrites(long writes) {
      this.fullAfterWrites = writes;
      return this;
    }

    /**
     * Keeps state between runs, so that a run can be incremental: it reads only what the change
     * feeds name since the last run (both feeds are needed for that), and reconciles in full
     * whenever the state or a feed cannot vouch for the window. Without a store (the default) every
     * run is a stateless full reconcile.
     *
     * @param store where the state is kept
     * @return this builder
     */
    public Builder state(io.github.ssosync.state.StateStore store) {
      this.state = store;
      return this;
    }

    /**
     * @param feed what changed in the directory between runs
     * @return this builder
     */
    public Builder directoryFeed(io.github.ssosync.feed.DirectoryChangeFeed feed) {
      this.directoryFeed = feed;
      return this;
    }

    /**
     * @param feed what others changed in the target between runs
     * @return this builder
     */
    public Builder targetFeed(io.github.ssosync.feed.TargetChangeFeed feed) {
      this.targetFeed = feed;
      return this;
    }

    /**
     * @param every how often a stateful run is a full reconcile whatever the feeds say (default 24
     *     hours): it catches what a feed can miss (an event later than its overlap, a change no
     *     event names)
     * @return this builder
     */
    public Builder fullEvery(Duration every) {
      this.fullEvery = every;
      return this;
    }

    /**
     * @param age how old the state may be for a run to be incremental (default 6 hours): a feed
     *     asked about a long window is asked for more than it may keep
     * @return this builder
     */
    public Builder maxStateAge(Duration age) {
      this.maxStateAge = age;
      return this;
    }

    /**
     * @param full whether every run is a full reconcile even with a usable state (default false);
     *     the state is still saved, for the next run
     * @return this builder
     */
    public Builder forceFull(boolean full) {
      this.forceFull = full;
      return this;
    }

    /**
     * @param deadline how long a whole run may take; past it no more changes are started, the rest
     *     are reported as skipped, and a read still running fails the run (default: none)
     * @return this builder
     */
    public Builder deadline(@Nullable Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * @param source the directory to read
     * @return this builder
     */
    public Builder source(DirectorySource source) {
      this.source = source;
      return this;
    }

    /**
     * @param target the identity store to write
     * @return this builder
     */
    public Builder target(IdentityTarget target) {
      this.target = target;
      return this;
    }

    /**
     * @param policy what to sync and how
     * @return this builder
     */
    public Builder policy(SyncPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * @param clock where {@code now} comes from (grace periods); the system UTC clock by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @param concurrency most target calls in flight at once (default 8); the target's own rate
     *     limiter keeps them within its quota
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * @param allow whether to apply a plan the deletion guard blocked (default false)
     * @return this builder
     */
    public Builder allowBlockedPlan(boolean allow) {
      this.allowBlockedPlan = allow;
      return this;
    }

    /**
     * @param listener hears progress
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * @return the engine
     * @throws ConfigurationException naming every missing or bad setting
     */
    public SyncEngine build() {
      List<String> problems = new ArrayList<>();
      if (source == null) {
        problems.add("source: must be set");
      }
      if (target == null) {
        problems.add("target: must be set");
      }
      if (policy == null) {
        problems.add("policy: must be set");
      }
      if (clock == null) {
        problems.add("clock: must be set");
      }
      if (listener == null) {
        problems.add("progressListener: must be set");
      }
      if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
        problems.add("deadline \"" + deadline + "\": must be positive");
      }
      if (fullEvery == null || fullEvery.isNegative() || fullEvery.isZero()) {
        problems.add("fullEvery \"" + fullEvery + "\": must be positive");
      }
      if (maxStateAge == null || maxStateAge.isNegative() || maxStateAge.isZero()) {
        problems.add("maxStateAge \"" + maxStateAge + "\": must be positive");
      }
      if (fullAfterWrites < 0) {
        problems.add("fullAfterWrites \"" + fullAfterWrites + "\": must be 0 or more");
      }
      if (state == null && (directoryFeed != null || targetFeed != null)) {
        problems.add("directoryFeed/targetFeed: need a state store (state) to be of any use");
      }
      if (concurrency < 1 || concurrency > 256) {
        problems.add("concurrency \"" + concurrency + "\": must be between 1 and 256");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new SyncEngine(this);
    }
  }
}
