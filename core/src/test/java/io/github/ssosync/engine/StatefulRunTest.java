package io.github.ssosync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.feed.DirectoryChangeFeed;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.plan.RunBasis;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.state.StateCodec;
import io.github.ssosync.state.StateConflictException;
import io.github.ssosync.state.StateStore;
import io.github.ssosync.state.SyncState;
import io.github.ssosync.state.TargetView;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** When a stateful run may be incremental, and what it saves. */
class StatefulRunTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final SyncPolicy POLICY = SyncPolicy.builder().groupMatch("email:aws-*").build();

  /** A store holding one state, or failing as told. */
  static final class Store implements StateStore {
    final AtomicReference<@Nullable Stored> stored = new AtomicReference<>();
    @Nullable RuntimeException loadFails;

    @Override
    public Optional<Stored> load() {
      if (loadFails != null) {
        throw loadFails;
      }
      return Optional.ofNullable(stored.get());
    }

    @Override
    public synchronized String save(byte[] content, @Nullable String expectedVersion) {
      Stored now = stored.get();
      if (!java.util.Objects.equals(now == null ? null : now.version(), expectedVersion)) {
        throw new StateConflictException("moved on to " + (now == null ? null : now.version()));
      }
      String v = "v" + System.nanoTime();
      stored.set(new Stored(content, v));
      return v;
    }

    @Override
    public String location() {
      return "test-store";
    }
  }

  static final class DFeed implements DirectoryChangeFeed {
    @Nullable RuntimeException fails;
    @Nullable Instant askedFrom;

    @Override
    public String name() {
      return "d";
    }

    @Override
    public Duration overlap() {
      return Duration.ofMinutes(5);
    }

    @Override
    public DirectoryChanges changes(Instant from, Instant to) {
      askedFrom = from;
      if (fails != null) {
        throw fails;
      }
      return new DirectoryChanges(Set.of("a@example.com"), Set.of());
    }
  }

  static final class TFeed implements TargetChangeFeed {
    @Nullable Set<String> ownRuns;

    @Override
    public String name() {
      return "t";
    }

    @Override
    public Duration overlap() {
      return Duration.ofMinutes(20);
    }

    @Override
    public TargetChanges changes(Instant from, Instant to, Set<String> ownRuns) {
      this.ownRuns = ownRuns;
      return TargetChanges.none();
    }
  }

  private final Store store = new Store();
  private final DFeed dFeed = new DFeed();
  private final TFeed tFeed = new TFeed();

  private StatefulRun run(SyncPolicy policy) {
    return new StatefulRun(
        store, dFeed, tFeed, Duration.ofHours(24), Duration.ofHours(6), 5_000, policy);
  }

  private void stored(String version, Instant writtenAt, Instant lastFull, String fingerprint) {
    SyncState state =
        new SyncState(
            version,
            writtenAt,
            lastFull,
            fingerprint,
            DirectorySnapshot.empty(),
            new TargetView(List.of(), List.of(), List.of(), Set.of()),
            Map.of("d", writtenAt, "t", writtenAt),
            Map.of("earlier-run", writtenAt),
            TargetChanges.none(),
            12);
    store.stored.set(new StateStore.Stored(StateCodec.encode(state), "v0"));
  }

  private void fresh() {
    stored(
        StatefulRun.VERSION,
        NOW.minus(Duration.ofMinutes(30)),
        NOW.minus(Duration.ofHours(2)),
        StatefulRun.fingerprint(POLICY));
  }

  @Test
  void aFreshStateOfThisVersionAndPolicyMakesAnIncrementalRun() {
    fresh();
    StatefulRun.Start start = run(POLICY).begin(NOW, "run-1", false);
    assertThat(start.incremental()).as(String.valueOf(start.full())).isTrue();
    assertThat(dFeed.askedFrom).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    assertThat(tFeed.ownRuns).containsExactly("earlier-run");
    assertThat(StatefulRun.basis(start).kind()).isEqualTo(RunBasis.Kind.INCREMENTAL);
    assertThat(StatefulRun.basis(start).reason()).contains("1 user");
  }

  @Test
  void everyReasonToDistrustTheStateMakesAFullRunThatSaysWhy() {
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("no state at test-store");

    fresh();
    assertThat(run(POLICY).begin(NOW, "r", true).full()).contains("--full");

    SyncPolicy other = SyncPolicy.builder().groupMatch("email:ops-*").build();
    assertThat(run(other).begin(NOW, "r", false).full()).contains("policy changed");

    stored("0.0.1", NOW.minusSeconds(60), NOW.minusSeconds(60), StatefulRun.fingerprint(POLICY));
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("written by version 0.0.1");

    stored(
        StatefulRun.VERSION,
        NOW.minus(Duration.ofHours(7)),
        NOW.minus(Duration.ofHours(7)),
        StatefulRun.fingerprint(POLICY));
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("7h old");

    stored(
        StatefulRun.VERSION,
        NOW.minus(Duration.ofHours(1)),
        NOW.minus(Duration.ofHours(24)),
        StatefulRun.fingerprint(POLICY));
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("last full reconcile");

    stored(
        StatefulRun.VERSION,
        NOW.plusSeconds(600),
        NOW.minusSeconds(60),
        StatefulRun.fingerprint(POLICY));
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("clocks");

    fresh();
    StatefulRun picky =
        new StatefulRun(store, dFeed, tFeed, Duration.ofHours(24), Duration.ofHours(6), 11, POLICY);
    assertThat(picky.begin(NOW, "r", false).full())
        .contains("the last run wrote 12 changes, more than 11");

    store.stored.set(new StateStore.Stored("not a state".getBytes(StandardCharsets.UTF_8), "v9"));
    StatefulRun.Start unusable = run(POLICY).begin(NOW, "r", false);
    assertThat(unusable.full()).contains("not usable");
    assertThat(unusable.version()).as("saved over, conditionally").isEqualTo("v9");

    store.loadFails = new ProviderException(ProviderException.Reason.UNAVAILABLE, "S3 is down");
    StatefulRun.Start unreadable = run(POLICY).begin(NOW, "r", false);
    assertThat(unreadable.full()).contains("could not be read").contains("S3 is down");
    assertThat(unreadable.version()).as("only saved where nothing is").isNull();
  }

  @Test
  void aFeedThatCannotVouchForTheWindowMakesAFullRun() {
    fresh();
    dFeed.fails = new FeedGapException("events older than 180 days are gone");
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("180 days");
    dFeed.fails = new ProviderException(ProviderException.Reason.UNAVAILABLE, "503");
    assertThat(run(POLICY).begin(NOW, "r", false).full()).contains("cannot vouch");
  }

  @Test
  void withoutBothFeedsEveryRunIsFull() {
    fresh();
    StatefulRun noTargetFeed =
        new StatefulRun(
            store, dFeed, null, Duration.ofHours(24), Duration.ofHours(6), 5_000, POLICY);
    assertThat(noTargetFeed.begin(NOW, "r", false).full()).contains("no target change feed");
  }

  @Test
  void theRunClaimsItsWritesOnlyWhenEveryChangeTookEffect() {
    fresh();
    StatefulRun run = run(POLICY);
    StatefulRun.Start start = run.begin(NOW, "run-2", false);
    TargetSnapshot empty = TargetSnapshot.empty(TargetCapabilities.full("urn:test"));
    assertThat(run.finish(start, false, true, DirectorySnapshot.empty(), empty, List.of()))
        .isEqualTo("saved to test-store");
    SyncState saved = StateCodec.decode(store.stored.get().content());
    assertThat(saved.lastWrites()).isZero();
    assertThat(saved.ownRuns()).containsKeys("earlier-run", "run-2");
    assertThat(saved.cursors()).containsEntry("d", NOW).containsEntry("t", NOW);
    assertThat(saved.lastFullAt())
        .as("an incremental run keeps the schedule's clock")
        .isEqualTo(NOW.minus(Duration.ofHours(2)));

    StatefulRun.Start next = run.begin(NOW.plusSeconds(60), "run-3", false);
    io.github.ssosync.change.Change failedCreate =
        new io.github.ssosync.change.Change.DeleteUser(
            io.github.ssosync.change.ObjectRef.existing("t-1", "d-1", "ann"), "left");
    ChangeOutcome failed =
        new ChangeOutcome(
            failedCreate,
            ChangeOutcome.Status.FAILED,
            null,
            ProviderException.Reason.UNAVAILABLE,
            "timed out");
    run.finish(next, false, true, DirectorySnapshot.empty(), empty, List.of(failed));
    SyncState after = StateCodec.decode(store.stored.get().content());
    assertThat(after.ownRuns()).as("a failed change may have happened").doesNotContainKey("run-3");
    assertThat(after.recheck().userIds()).containsExactly("t-1");
  }

  @Test
  void aRunThatLostTheRaceDoesNotOverwriteTheWinner() {
    fresh();
    StatefulRun run = run(POLICY);
    StatefulRun.Start a = run.begin(NOW, "a", false);
    StatefulRun.Start b = run.begin(NOW, "b", false);
    TargetSnapshot empty = TargetSnapshot.empty(TargetCapabilities.full("urn:test"));
    assertThat(run.finish(a, false, true, DirectorySnapshot.empty(), empty, List.of()))
        .startsWith("saved");
    assertThat(run.finish(b, false, true, DirectorySnapshot.empty(), empty, List.of()))
        .startsWith("not saved");
    assertThat(StateCodec.decode(store.stored.get().content()).ownRuns()).containsKey("a");
  }

  @Test
  void thePolicyFingerprintIsStableAcrossEqualPolicies() {
    SyncPolicy a =
        SyncPolicy.builder()
            .groupMatch("email:aws-*")
            .allowedDomains(Set.of("a.com", "b.com"))
            .build();
    SyncPolicy b =
        SyncPolicy.builder()
            .groupMatch("email:aws-*")
            .allowedDomains(Set.of("b.com", "a.com"))
            .build();
    assertThat(StatefulRun.fingerprint(a)).isEqualTo(StatefulRun.fingerprint(b));
    assertThat(StatefulRun.fingerprint(a)).isNotEqualTo(StatefulRun.fingerprint(POLICY));
  }
}
