package io.github.ssosync.engine;

import io.github.ssosync.SsoSyncException;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.feed.DirectoryChangeFeed;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.internal.Plural;
import io.github.ssosync.plan.RunBasis;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.state.StateCodec;
import io.github.ssosync.state.StateConflictException;
import io.github.ssosync.state.StateStore;
import io.github.ssosync.state.SyncState;
import io.github.ssosync.targets.TargetSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that keeps state: decides whether it can be incremental, asks the feeds what changed, and
 * after applying, folds its own changes into the target view and saves the state conditionally.
 *
 * <p>Safety first: the run is full whenever the state or the feeds cannot vouch for the window: no
 * state, an unreadable one, another version's or policy's, one older than {@code maxStateAge}, a
 * last full reconcile {@code fullEvery} ago or more, a feed missing, failing or reporting a gap, or
 * a source or target that cannot read incrementally.
 */
final class StatefulRun {
  private static final Logger log = LoggerFactory.getLogger(StatefulRun.class);

  /** The version that writes and trusts state; another version's views may follow other rules. */
  static final String VERSION =
      Optional.ofNullable(StatefulRun.class.getPackage().getImplementationVersion()).orElse("dev");

  /** How long a run's tag is remembered: any window that could still hold its writes. */
  private static final Duration REMEMBER_RUNS = Duration.ofDays(7);

  private static final int MAX_REMEMBERED_RUNS = 200;

  private final StateStore store;
  private final @Nullable DirectoryChangeFeed directoryFeed;
  private final @Nullable TargetChangeFeed targetFeed;
  private final Duration fullEvery;
  private final Duration maxStateAge;
  private final long fullAfterWrites;
  private final String policyFingerprint;

  StatefulRun(
      StateStore store,
      @Nullable DirectoryChangeFeed directoryFeed,
      @Nullable TargetChangeFeed targetFeed,
      Duration fullEvery,
      Duration maxStateAge,
      long fullAfterWrites,
      SyncPolicy policy) {
    this.store = store;
    this.directoryFeed = directoryFeed;
    this.targetFeed = targetFeed;
    this.fullEvery = fullEvery;
    this.maxStateAge = maxStateAge;
    this.fullAfterWrites = fullAfterWrites;
    this.policyFingerprint = fingerprint(policy);
  }

  /**
   * Where a run starts.
   *
   * @param at the run's start, the end of its feeds' windows
   * @param runId the run's tag
   * @param state the state loaded, if it could be used
   * @param version the stored version to save over, null when nothing is stored (or it could not be
   *     read, so that the save only succeeds where nothing is)
   * @param full why the run is full, or null if it may be incremental
   * @param changes what the feeds named, when incremental
   */
  record Start(
      Instant at,
      String runId,
      @Nullable SyncState state,
      @Nullable String version,
      @Nullable String full,
      @Nullable DirectoryChanges directoryChanges,
      @Nullable TargetChanges targetChanges) {

    boolean incremental() {
      return full == null;
    }

    Start fullBecause(String why) {
      return new Start(at, runId, state, version, why, null, null);
    }
  }

  /** Loads the state and, if it can be trusted, asks both feeds what changed since. */
  Start begin(Instant at, String runId, boolean forceFull) {
    Optional<StateStore.Stored> stored;
    try {
      stored = store.load();
    } catch (SsoSyncException e) {
      return new Start(
          at,
          runId,
          null,
          null,
          "the state at " + store.location() + " could not be read: " + e.getMessage(),
          null,
          null);
    }
    if (stored.isEmpty()) {
      return new Start(
          at, runId, null, null, "no state at " + store.location() + " yet", null, null);
    }
    String version = stored.get().version();
    SyncState state;
    try {
      state = StateCodec.decode(stored.get().content());
    } catch (SsoSyncException e) {
      return new Start(
          at,
          runId,
          null,
          version,
          "the state at " + store.location() + " is not usable: " + e.getMessage(),
          null,
          null);
    }
    Start start = new Start(at, runId, state, version, null, null, null);
    String distrust = distrust(state, at, forceFull);
    if (distrust != null) {
      return start.fullBecause(distrust);
    }
    DirectoryChangeFeed dFeed = java.util.Objects.requireNonNull(directoryFeed);
    TargetChangeFeed tFeed = java.util.Objects.requireNonNull(targetFeed);
    try {
      DirectoryChanges d = dFeed.changes(state.cursors().get(dFeed.name()), at);
      TargetChanges t =
          tFeed.changes(state.cursors().get(tFeed.name()), at, state.ownRuns().keySet());
      return new Start(at, runId, state, version, null, d, t);
    } catch (SsoSyncException | UnsupportedOperationException e) {
      return start.fullBecause("a change feed cannot vouch for the window: " + e.getMessage());
    }
  }

  private @Nullable String distrust(SyncState state, Instant at, boolean forceFull) {
    if (forceFull) {
      return "a full reconcile was asked for (--full)";
    }
    if (!state.writtenBy().equals(VERSION)) {
      return "the state was written by version " + state.writtenBy() + ", this is " + VERSION;
    }
    if (!state.policyFingerprint().equals(policyFingerprint)) {
      return "the policy changed since the state was written";
    }
    if (state.writtenAt().isAfter(at)) {
      return "the state was written at " + state.writtenAt() + ", after now: check the clocks";
    }
    Duration age = Duration.between(state.writtenAt(), at);
    if (age.compareTo(maxStateAge) > 0) {
      return "the state is "
          + Durations.format(age)
          + " old, more than the limit of "
          + Durations.format(maxStateAge);
    }
    Duration sinceFull = Duration.between(state.lastFullAt(), at);
    if (sinceFull.compareTo(fullEvery) >= 0) {
      return "the last full reconcile was "
          + Durations.format(sinceFull)
          + " ago; one runs every "
          + Durations.format(fullEvery);
    }
    if (state.lastWrites() > fullAfterWrites) {
      return "the last run wrote "
          + state.lastWrites()
          + " changes, more than "
          + fullAfterWrites
          + ": the target feed would page past each of them, a full read is cheaper";
    }
    if (directoryFeed == null) {
      return "no directory change feed is configured";
    }
    if (targetFeed == null) {
      return "no target change feed is configured";
    }
    for (String feed : List.of(directoryFeed.name(), targetFeed.name())) {
      if (!state.cursors().containsKey(feed)) {
        return "the state holds no cursor for the feed " + feed;
      }
    }
    return null;
  }

  /** The calls the feeds made so far. */
  Map<String, Long> feedCalls() {
    Map<String, Long> calls = new HashMap<>();
    if (directoryFeed != null) {
      directoryFeed.apiCalls().forEach((k, v) -> calls.merge(k, v, Long::sum));
    }
    if (targetFeed != null) {
      targetFeed.apiCalls().forEach((k, v) -> calls.merge(k, v, Long::sum));
    }
    return calls;
  }

  /** The run's basis for the plan. */
  static RunBasis basis(Start start) {
    if (!start.incremental()) {
      return RunBasis.full(java.util.Objects.requireNonNull(start.full()));
    }
    DirectoryChanges d = java.util.Objects.requireNonNull(start.directoryChanges());
    TargetChanges t = java.util.Objects.requireNonNull(start.targetChanges());
    int byOthers = t.userIds().size() + t.groupIds().size() + t.membershipGroupIds().size();
    return RunBasis.incremental(
        "the directory feed named "
            + Plural.of(d.userKeys().size(), "user")
            + " and "
            + Plural.of(d.groupKeys().size(), "group")
            + "; the target feed named "
            + Plural.of(byOthers + t.membershipIds().size(), "object")
            + " changed by others");
  }

  /** What the target read must cover: the feed's objects and those the last run failed on. */
  static TargetChanges targetChanges(Start start) {
    TargetChanges t = java.util.Objects.requireNonNull(start.targetChanges());
    TargetChanges r = java.util.Objects.requireNonNull(start.state()).recheck();
    return new TargetChanges(
        union(t.userIds(), r.userIds()),
        union(t.groupIds(), r.groupIds()),
        union(t.membershipGroupIds(), r.membershipGroupIds()),
        union(t.membershipIds(), r.membershipIds()));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Saves what the run leaves: the directory it read, the target it read with its own applied
   * changes folded in, the feeds' cursors at the run's start. A failure to save is logged, never
   * thrown: the next run starts from the older state, and the writes of this run, whose tag that
   * state does not hold, are read again.
   *
   * @return what became of the state, for the report
   */
  String finish(
      Start start,
      boolean full,
      boolean tagged,
      DirectorySnapshot directory,
      TargetSnapshot target,
      List<ChangeOutcome> outcomes) {
    AppliedFold.Result fold = AppliedFold.fold(target, outcomes, start.at());
    Map<String, Instant> ownRuns = new HashMap<>();
    if (start.state() != null) {
      start.state().ownRuns().entrySet().stream()
          .filter(e -> e.getValue().isAfter(start.at().minus(REMEMBER_RUNS)))
          .sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
          .limit(MAX_REMEMBERED_RUNS - 1)
          .forEach(e -> ownRuns.put(e.getKey(), e.getValue()));
    }
    // Claim our writes only if every one we tried took effect: a change that failed may still
    // have happened (a lost answer), and the feed, not told it was ours, names its object.
    if (tagged && fold.allApplied()) {
      ownRuns.put(start.runId(), start.at());
    }
    Map<String, Instant> cursors = new HashMap<>();
    if (directoryFeed != null) {
      cursors.put(directoryFeed.name(), start.at());
    }
    if (targetFeed != null) {
      cursors.put(targetFeed.name(), start.at());
    }
    Instant lastFull = full || start.state() == null ? start.at() : start.state().lastFullAt();
    SyncState next =
        new SyncState(
            VERSION,
            start.at(),
            lastFull,
            policyFingerprint,
            directory,
            fold.view(),
            cursors,
            ownRuns,
            fold.recheck(),
            fold.applied());
    try {
      store.save(StateCodec.encode(next), start.version());
      log.info("state saved to {}", store.location());
      return "saved to " + store.location();
    } catch (StateConflictException e) {
      log.warn("state not saved: {}", e.getMessage());
      return "not saved: " + e.getMessage();
    } catch (SsoSyncException | UnsupportedOperationException e) {
      log.warn("state not saved to {}: {}", store.location(), e.getMessage());
      return "not saved to " + store.location() + ": " + e.getMessage();
    }
  }

  /**
   * A digest of everything in the policy, in a stable order (sets sorted): the state's views were
   * computed for one policy; another selects or maps other objects.
   */
  static String fingerprint(SyncPolicy p) {
    String text =
        String.join(
            "\n",
            p.syncMethod().name(),
            String.join(",", p.userMatch()),
            String.join(",", p.groupMatch()),
            String.join(",", p.ignoreUsers()),
            String.join(",", p.ignoreGroups()),
            String.join(",", p.includeGroups()),
            String.join(",", new TreeSet<>(p.allowedDomains())),
            p.externalMembers().name(),
            String.valueOf(p.suspendedAction()),
            String.valueOf(p.disableFallback()),
            String.valueOf(p.gracePeriod()),
            String.valueOf(p.groupGracePeriod()),
            String.valueOf(p.ownerMode()),
            String.valueOf(p.deletionGuard()),
            String.valueOf(p.attributeMapping()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JVM", e);
    }
  }
}
