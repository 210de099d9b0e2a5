package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncPhase;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.format.ReportFormat;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
  private final DirectoryUser ann = DirectoryUser.of("ann", "ann@example.com", "Ann", "Lee");
  private final DirectoryUser bob = DirectoryUser.of("bob", "bob@example.com", "Bob", "Ray");
  private final DirectoryUser cat = DirectoryUser.of("cat", "cat@example.com", "Cat", "Kim");
  private final DirectoryGroup admins = DirectoryGroup.of("g1", "aws-admins@example.com", "Admins");
  private final InMemoryIdentityTarget target =
      InMemoryIdentityTarget.builder().clock(CLOCK).build();
  private final AtomicReference<DirectorySnapshot> directory = new AtomicReference<>();
  private final DirectorySource source = query -> directory.get();

  private void directory(
      List<DirectoryUser> users, DirectoryGroup group, DirectoryUser... members) {
    directory.set(
        new DirectorySnapshot(
            users,
            List.of(group),
            Map.of(
                group.id(), java.util.Arrays.stream(members).map(DirectoryMember::user).toList()),
            Set.of(),
            Set.of(group.id())));
  }

  private SyncEngine engine(SyncPolicy policy) {
    return SyncEngine.builder()
        .source(source)
        .target(target)
        .policy(policy)
        .clock(CLOCK)
        .concurrency(4)
        .build();
  }

  private static SyncPolicy policy() {
    return SyncPolicy.builder().groupMatch("*").build();
  }

  @Test
  void aSyncConvergesAndTheNextOneHasNothingToDo() {
    directory(List.of(ann, bob), admins, ann, bob);
    SyncReport first = engine(policy()).sync();
    assertThat(first.status()).isEqualTo(SyncReport.Status.COMPLETED);
    assertThat(first.outcomes()).allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED);
    TargetSnapshot s = target.snapshot();
    assertThat(s.users())
        .extracting(TargetUser::userName)
        .containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
    assertThat(s.memberships()).hasSize(2);
    SyncReport second = engine(policy()).sync();
    assertThat(second.plan().changes()).isEmpty();
    assertThat(second.apiCalls()).doesNotContainKeys("memory.CreateUser", "memory.AddMembership");
  }

  @Test
  void aNameFreedByARenameIsTakenInTheSameRun() {
    // ann held "ann@"; she is renamed and a new directory user takes her old address.
    target.putUser(
        new TargetUser(
            "t-ann",
            "ann@example.com",
            "Ann Lee",
            "Ann",
            "Lee",
            "ann@example.com",
            true,
            List.of(new ExternalId(InMemoryIdentityTarget.DEFAULT_ISSUER, "ann")),
            CLOCK.instant()));
    DirectoryUser renamed = ann.withPrimaryEmail("ann.lee@example.com");
    DirectoryUser newcomer = DirectoryUser.of("ann2", "ann@example.com", "Ann", "Other");
    directory(List.of(renamed, newcomer), admins, renamed, newcomer);
    SyncReport report = engine(policy()).sync();
    assertThat(report.failures()).isEmpty();
    assertThat(target.snapshot().users())
        .extracting(TargetUser::id, TargetUser::userName)
        .contains(org.assertj.core.groups.Tuple.tuple("t-ann", "ann.lee@example.com"));
    assertThat(engine(policy()).plan().changes()).isEmpty();
  }

  @Test
  void aDeleteThatFreesANameRunsBeforeTheRenameThatTakesIt() {
    target.putGroup(
        new io.github.ssosync.targets.TargetGroup(
            "t-admins",
            "aws-old@example.com",
            null,
            List.of(new ExternalId(InMemoryIdentityTarget.DEFAULT_ISSUER, admins.id()))));
    target.addGroup("AWS-ADMINS@example.com", List.of()); // made by hand; ownerMode ALL removes it
    directory(List.of(ann), admins, ann);
    SyncPolicy all =
        policy().toBuilder()
            .ownerMode(io.github.ssosync.policy.OwnerMode.ALL)
            .groupGracePeriod(java.time.Duration.ZERO) // deleted at once, not retired
            .deletionGuard(DeletionGuard.OFF)
            .build();
    SyncReport report = engine(all).sync();
    assertThat(report.failures()).isEmpty();
    assertThat(target.snapshot().groups())
        .extracting(
            io.github.ssosync.targets.TargetGroup::id,
            io.github.ssosync.targets.TargetGroup::displayName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t-admins", "aws-admins@example.com"));
  }

  @Test
  void aFailedCreateSkipsWhatDependsOnItAndTheRestIsApplied() {
    directory(List.of(ann, bob, cat), admins, ann, bob, cat);
    target.failWhen(
        c -> c.kind() == ChangeKind.CREATE_USER && c.subject().name().startsWith("bob"),
        Reason.INVALID);
    SyncReport report = engine(policy()).sync();
    assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED_WITH_FAILURES);
    assertThat(report.failures())
        .extracting(o -> o.change().kind(), ChangeOutcome::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.CREATE_USER, ChangeOutcome.Status.FAILED));
    ChangeOutcome failed = report.failures().get(0);
    assertThat(failed.reason()).isEqualTo(Reason.INVALID);
    assertThat(failed.message()).contains("bob@example.com");
    // The group was created with the members that exist; bob's membership waits for bob.
    ChangeOutcome group =
        report.outcomes().stream()
            .filter(o -> o.change().kind() == ChangeKind.CREATE_GROUP)
            .findFirst()
            .orElseThrow();
    assertThat(group.status()).isEqualTo(ChangeOutcome.Status.APPLIED);
    assertThat(group.message()).contains("bob@example.com");
    assertThat(target.snapshot().memberships()).hasSize(2);
    assertThat(report.summary()).contains("FAILED create user bob@example.com: INVALID");

    target.clearFaults();
    engine(policy()).sync();
    assertThat(target.snapshot().memberships()).hasSize(3);
    assertThat(engine(policy()).plan().changes()).isEmpty();
  }

  @Test
  void aMembershipWhoseUserFailedIsSkippedWithTheReason() {
    target.putGroup(
        new io.github.ssosync.targets.TargetGroup(
            "t-admins",
            "aws-admins@example.com",
            null,
            List.of(new ExternalId(InMemoryIdentityTarget.DEFAULT_ISSUER, admins.id()))));
    directory(List.of(ann), admins, ann);
    target.failWhen(c -> c.kind() == ChangeKind.CREATE_USER, Reason.UNAVAILABLE);
    SyncReport report = engine(policy()).sync();
    assertThat(report.outcomes())
        .filteredOn(o -> o.change().kind() == ChangeKind.ADD_MEMBERSHIP)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
              assertThat(o.message())
                  .isEqualTo("not tried: creating user ann@example.com did not succeed");
            });
  }

  @Test
  void aBlockedPlanWritesNothingUnlessAllowed() {
    for (DirectoryUser u : List.of(ann, bob, cat)) {
      target.putUser(
          new TargetUser(
              "t-" + u.id(),
              u.primaryEmail(),
              "x",
              u.givenName(),
              u.familyName(),
              u.primaryEmail(),
              true,
              List.of(new ExternalId(InMemoryIdentityTarget.DEFAULT_ISSUER, u.id())),
              CLOCK.instant()));
    }
    directory(List.of(ann), admins, ann); // bob and cat left: 2 of 3 owned users = 66%
    TargetSnapshot before = target.snapshot();
    SyncPolicy strict =
        SyncPolicy.builder()
            .groupMatch("*")
            .deletionGuard(new DeletionGuard(50, 10, 1)) // the percentage from one removal
            .build();
    SyncReport blocked = engine(strict).sync();
    assertThat(blocked.status()).isEqualTo(SyncReport.Status.BLOCKED);
    assertThat(blocked.outcomes()).allMatch(o -> o.status() == ChangeOutcome.Status.SKIPPED);
    assertThat(blocked.stopReason()).contains("above the limit of 10%");
    assertThat(target.snapshot()).isEqualTo(before);

    SyncReport allowed =
        SyncEngine.builder()
            .source(source)
            .target(target)
            .policy(strict)
            .clock(CLOCK)
            .allowBlockedPlan(true)
            .build()
            .sync();
    assertThat(allowed.status()).isEqualTo(SyncReport.Status.COMPLETED);
    assertThat(target.snapshot().users()).filteredOn(u -> !u.active()).hasSize(2);
  }

  /** The test's directory, confirming removal candidates among users as {@code users} says. */
  private DirectorySource confirming(java.util.function.Function<Set<String>, Set<String>> users) {
    return new DirectorySource() {
      @Override
      public DirectorySnapshot read(io.github.ssosync.directory.DirectoryQuery query) {
        return directory.get();
      }

      @Override
      public Set<String> stillSelected(
          io.github.ssosync.directory.DirectoryQuery query,
          Set<String> userIds,
          Set<String> groupIds) {
        return users.apply(userIds);
      }
    };
  }

  @Test
  void removalsWaitWhileTheDirectorysSearchIndexLagsAndGoAheadOnceConfirmed() {
    directory(List.of(ann, bob), admins, ann, bob);
    engine(policy()).sync();
    // bob vanishes from the directory read, but the source finds him by id, still selected.
    directory(List.of(ann), admins, ann);
    Set<String> present = new java.util.concurrent.ConcurrentSkipListSet<>(Set.of("bob"));
    List<Set<String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    DirectorySource lagging =
        confirming(
            userIds -> {
              asked.add(Set.copyOf(userIds));
              Set<String> out = new java.util.HashSet<>(userIds);
              out.retainAll(present);
              return out;
            });
    SyncEngine engine =
        SyncEngine.builder().source(lagging).target(target).policy(policy()).clock(CLOCK).build();
    SyncPlan held = engine.plan();
    assertThat(asked).containsExactly(Set.of("bob"));
    assertThat(held.changes()).isEmpty(); // neither the disable nor bob's membership removal
    assertThat(held.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.kind())
                  .isEqualTo(io.github.ssosync.plan.PlanWarning.Kind.SEARCH_INDEX_LAG);
              assertThat(w.subject()).isEqualTo("bob@example.com");
            });
    assertThat(engine.sync().outcomes()).isEmpty();
    assertThat(target.snapshot().users()).allMatch(TargetUser::active);

    present.clear(); // the index caught up: bob is really gone
    SyncReport gone = engine.sync();
    assertThat(gone.plan().changes())
        .extracting(c -> c.kind())
        .containsExactlyInAnyOrder(ChangeKind.REMOVE_MEMBERSHIP, ChangeKind.DISABLE_USER);
    assertThat(target.snapshot().users()).filteredOn(u -> !u.active()).hasSize(1);
  }

  @Test
  void aFailedConfirmationFailsTheRunAndWritesNothing() {
    directory(List.of(ann, bob), admins, ann, bob);
    engine(policy()).sync();
    directory(List.of(ann), admins, ann);
    TargetSnapshot before = target.snapshot();
    DirectorySource failing =
        confirming(
            userIds -> {
              throw new ProviderException(ProviderException.Reason.UNAVAILABLE, "users.get: 503");
            });
    assertThatThrownBy(
            () ->
                SyncEngine.builder()
                    .source(failing)
                    .target(target)
                    .policy(policy())
                    .clock(CLOCK)
                    .build()
                    .sync())
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("users.get: 503");
    assertThat(target.snapshot()).isEqualTo(before);
  }

  @Test
  void credentialsRefusedPartWayStopTheRunAndSkipTheRest() {
    directory(List.of(ann, bob), admins, ann, bob);
    target.failWhen(c -> c.kind() == ChangeKind.CREATE_USER, Reason.UNAUTHENTICATED);
    SyncReport report =
        SyncEngine.builder()
            .source(source)
            .target(target)
            .policy(policy())
            .clock(CLOCK)
            .concurrency(1)
            .build()
            .sync();
    assertThat(report.status()).isEqualTo(SyncReport.Status.STOPPED);
    assertThat(report.stopReason()).contains("refused our credentials");
    assertThat(report.outcomes())
        .filteredOn(o -> o.status() == ChangeOutcome.Status.FAILED)
        .hasSize(1);
    assertThat(report.outcomes())
        .filteredOn(o -> o.status() == ChangeOutcome.Status.SKIPPED)
        .hasSize(report.outcomes().size() - 1);
    assertThat(target.snapshot().groups()).isEmpty();
  }

  @Test
  void aReadThatFailsThrowsAndNothingIsWritten() {
    DirectorySource broken =
        q -> {
          throw new ProviderException(
              Reason.UNAVAILABLE, "members of aws-admins: 503 after 6 tries");
        };
    SyncEngine engine = SyncEngine.builder().source(broken).target(target).policy(policy()).build();
    assertThatThrownBy(engine::sync)
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("503");
    assertThat(target.apiCalls().keySet())
        .noneMatch(k -> k.contains("Create") || k.contains("Delete") || k.contains("Disable"));
  }

  @Test
  void aReadSlowerThanTheDeadlineFailsTheRunAndWritesNothing() {
    directory(List.of(ann), admins, ann);
    DirectorySource slow =
        q -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return directory.get();
        };
    SyncEngine engine =
        SyncEngine.builder()
            .source(slow)
            .target(target)
            .policy(policy())
            .deadline(java.time.Duration.ofMillis(200))
            .build();
    assertThatThrownBy(engine::sync)
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("reading the directory did not finish within the run's deadline");
    assertThat(target.snapshot().users()).isEmpty();
  }

  @Test
  void pastTheDeadlineNoMoreChangesStartAndTheRestAreReported() {
    List<DirectoryUser> many = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(DirectoryUser.of("u" + i, "u" + i + "@example.com", "U", "Ser" + i));
    }
    directory(many, admins, many.toArray(DirectoryUser[]::new));
    IdentityTarget slow =
        around(
            target,
            scope -> {},
            changes -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    SyncReport report =
        SyncEngine.builder()
            .source(source)
            .target(slow)
            .policy(policy())
            .clock(CLOCK)
            .concurrency(1)
            .deadline(java.time.Duration.ofMillis(300))
            .build()
            .sync();
    assertThat(report.status()).isEqualTo(SyncReport.Status.STOPPED);
    assertThat(report.stopReason()).contains("deadline");
    long applied =
        report.outcomes().stream().filter(o -> o.status() == ChangeOutcome.Status.APPLIED).count();
    assertThat(applied).isPositive().isLessThan(report.outcomes().size());
    assertThat(report.outcomes())
        .filteredOn(o -> o.status() == ChangeOutcome.Status.SKIPPED)
        .allSatisfy(o -> assertThat(o.message()).contains("deadline"));
    assertThat(target.snapshot().users()).hasSize((int) applied);
  }

  @Test
  void planWritesNothingAndApplyAppliesExactlyThatPlan() {
    directory(List.of(ann), admins, ann);
    SyncPlan plan = engine(policy()).plan();
    assertThat(target.snapshot().users()).isEmpty();
    SyncReport report = engine(policy()).apply(plan);
    assertThat(report.plan()).isSameAs(plan);
    assertThat(report.outcomes())
        .extracting(ChangeOutcome::change)
        .containsExactlyElementsOf(plan.changes());
    assertThat(target.snapshot().users()).hasSize(1);
  }

  @Test
  void progressIsReportedForEveryPhase() {
    directory(List.of(ann, bob), admins, ann, bob);
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    SyncEngine.builder()
        .source(source)
        .target(target)
        .policy(policy())
        .clock(CLOCK)
        .progressListener((phase, done, total) -> seen.add(phase + " " + done + "/" + total))
        .build()
        .sync();
    assertThat(seen).contains("READ 1/1", "PLAN 1/1", "APPLY 0/3", "APPLY 3/3", "DONE 1/1");
    assertThat(seen.stream().filter(s -> s.startsWith(SyncPhase.APPLY.name())).count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void theReportIsJsonWithEveryOutcome() {
    directory(List.of(ann), admins, ann);
    String json =
        ReportFormat.json(
            engine(policy().toBuilder().deletionGuard(DeletionGuard.OFF).build()).sync());
    assertThat(json)
        .contains("\"schema\" : \"ssosync-report/v1\"")
        .contains("\"status\" : \"APPLIED\"")
        .contains("\"CREATE_USER\"");
  }

  @Test
  void theBuilderNamesEveryMissingSetting() {
    assertThatThrownBy(() -> SyncEngine.builder().concurrency(0).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "source: must be set",
                        "target: must be set",
                        "policy: must be set",
                        "concurrency \"0\": must be between 1 and 256"));
  }

  @Test
  void membershipChangesOfOneGroupReachTheTargetTogether() {
    List<DirectoryUser> many = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(DirectoryUser.of("u" + i, "u" + i + "@example.com", "U", "Ser" + i));
    }
    directory(many, admins, many.toArray(DirectoryUser[]::new));
    ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();
    InMemoryIdentityTarget counting = InMemoryIdentityTarget.builder().clock(CLOCK).build();
    IdentityTarget spy =
        around(
            counting,
            scope -> {},
            changes -> {
              if (changes.get(0).kind() == ChangeKind.ADD_MEMBERSHIP) {
                batches.add(changes.size());
              }
            });
    SyncEngine.builder().source(source).target(spy).policy(policy()).clock(CLOCK).build().sync();
    // 100 members ride on the group create; the other 150 arrive in one call.
    assertThat(batches).containsExactly(150);
    assertThat(counting.snapshot().memberships()).hasSize(250);
  }

  /** A target that runs {@code onRead} before every read and {@code onApply} before every apply. */
  private static IdentityTarget around(
      InMemoryIdentityTarget delegate,
      java.util.function.Consumer<TargetScope> onRead,
      java.util.function.Consumer<List<Change>> onApply) {
    return new IdentityTarget() {
      @Override
      public TargetCapabilities capabilities() {
        return delegate.capabilities();
      }

      @Override
      public TargetSnapshot read(TargetScope scope) {
        onRead.accept(scope);
        return delegate.read(scope);
      }

      @Override
      public List<ChangeResult> apply(List<Change> changes) {
        onApply.accept(changes);
        return delegate.apply(changes);
      }
    };
  }

  @Test
  void membershipsOfOurGroupsAreInScopeBeforeTheDirectoryReadEnds() throws Exception {
    directory(List.of(ann), admins, ann);
    engine(policy()).sync();
    TargetSnapshot synced = target.snapshot();
    TargetGroup ours = synced.groups().get(0);
    TargetGroup handMade = target.addGroup("aws-admins-handmade@example.com", List.of());
    CountDownLatch released = new CountDownLatch(1);
    List<String> answeredEarly = new CopyOnWriteArrayList<>();
    AtomicBoolean directoryRead = new AtomicBoolean();
    // The directory read waits until the target has asked about our group, so an answer that
    // needed the directory would never come.
    DirectorySource slow =
        query -> {
          try {
            released.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          directoryRead.set(true);
          return directory.get();
        };
    IdentityTarget probing =
        around(
            target,
            scope -> {
              if (scope.includesMembershipsOf(ours) && !directoryRead.get()) {
                answeredEarly.add(ours.displayName());
              }
              released.countDown();
              assertThat(scope.includesMembershipsOf(handMade)).isFalse();
            },
            changes -> {});
    SyncPlan plan =
        SyncEngine.builder()
            .source(slow)
            .target(probing)
            .policy(policy())
            .clock(CLOCK)
            .build()
            .plan();
    assertThat(answeredEarly).containsExactly(ours.displayName());
    assertThat(released.getCount()).isZero();
    assertThat(plan.changes()).isEmpty();
  }
}
