package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.plan.Planner;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SuspendedAction;
import io.github.ssosync.policy.SyncMethod;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invariants of planning and applying, over generated directories (nesting, cycles, external
 * members, suspended and archived users) and generated target states (an earlier sync of a
 * different directory, hand-made objects, case variants, disabled users). QuickTheories prints the
 * falsifying seed; {@link #scenario(long, boolean)} rebuilds the case from it.
 */
class PlannerPropertiesTest {
  // -Dssosync.examples=5000 for a longer hunt; QuickTheories prints the falsifying seed.
  private static final int EXAMPLES = Integer.getInteger("ssosync.examples", 200);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

  record Scenario(
      DirectoryContent directory,
      DirectorySnapshot snapshot,
      InMemoryIdentityTarget target,
      SyncPolicy policy) {
    SyncEngine engine(boolean allowBlocked) {
      return SyncEngine.builder()
          .source(q -> snapshot)
          .target(target)
          .policy(policy)
          .clock(CLOCK)
          .concurrency(3)
          .allowBlockedPlan(allowBlocked)
          .build();
    }
  }

  static Scenario scenario(long seed, boolean guardOff) {
    Random random = new Random(seed);
    DirectoryContent directory =
        SyntheticDirectory.builder()
            .seed(seed)
            .users(random.nextInt(40))
            .groups(1 + random.nextInt(8))
            .memberships(random.nextInt(120))
            .nestedFraction(0.2)
            .cycles(true)
            .externalFraction(0.1)
            .suspendedFraction(0.1)
            .archivedFraction(0.05)
            .selectedGroupFraction(0.7)
            .build();
    Set<String> matchedUsers = new HashSet<>();
    for (DirectoryUser u : directory.users()) {
      if (random.nextDouble() < 0.2) {
        matchedUsers.add(u.id());
      }
    }
    Set<String> matchedGroups = new HashSet<>();
    for (DirectoryGroup g : directory.groups()) {
      if (g.email().startsWith("aws-")) {
        matchedGroups.add(g.id());
      }
    }
    DirectorySnapshot snapshot =
        new DirectorySnapshot(
            directory.users(),
            directory.groups(),
            directory.members(),
            matchedUsers,
            matchedGroups);
    SyncPolicy.Builder policy =
        SyncPolicy.builder()
            .groupMatch("email:aws-*")
            .userMatch("*")
            .syncMethod(random.nextBoolean() ? SyncMethod.GROUPS : SyncMethod.USERS_GROUPS)
            .ownerMode(OwnerMode.values()[random.nextInt(3)])
            .suspendedAction(SuspendedAction.values()[random.nextInt(3)])
            .gracePeriod(random.nextBoolean() ? Duration.ZERO : Duration.ofDays(7));
    if (random.nextBoolean()) {
      policy.ignoreUsers(List.of("ada.*", "break.glass@example.com"));
    }
    if (random.nextBoolean()) {
      policy.ignoreGroups(List.of("aws-group-1@*"));
    }
    if (guardOff) {
      policy.deletionGuard(DeletionGuard.OFF);
    }
    InMemoryIdentityTarget target =
        SyntheticTarget.after(directory, seed ^ 0x5DEECE66DL, CLOCK, true);
    return new Scenario(directory, snapshot, target, policy.build());
  }

  @Test
  void convergence_afterApplyingAPlanTheNextPlanIsEmpty() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scenario s = scenario(seed, true);
              var report = s.engine(true).sync();
              assertThat(report.failures()).as("failures of the first sync").isEmpty();
              SyncPlan again = s.engine(true).plan();
              assertThat(again.changes()).as("changes left after one sync").isEmpty();
            });
  }

  @Test
  void idempotence_applyingAPlanTwiceLeavesTheSameState() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scenario s = scenario(seed, true);
              SyncPlan plan = s.engine(true).plan();
              s.engine(true).apply(plan);
              TargetSnapshot once = s.target().snapshot();
              s.engine(true).apply(plan);
              assertThat(s.target().snapshot()).isEqualTo(once);
            });
  }

  @Test
  void safety_noChangeTouchesAnIgnoredOrUnownedObjectAndABlockedPlanRemovesNothing() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scenario s = scenario(seed, false);
              TargetSnapshot before = s.target().snapshot();
              SyncPlan plan = s.engine(false).plan();
              NamePatterns ignoredUsers = NamePatterns.of(s.policy().ignoreUsers());
              NamePatterns ignoredGroups = NamePatterns.of(s.policy().ignoreGroups());
              Map<String, TargetUser> users = byId(before.users(), TargetUser::id);
              Map<String, TargetGroup> groups = byId(before.groups(), TargetGroup::id);
              // An object adopted by this plan is owned for all of the plan's changes.
              Set<String> adopted = new HashSet<>();
              for (Change c : plan.changes()) {
                if (c instanceof Change.UpdateUser u && adopts(u.changes())
                    || c instanceof Change.UpdateGroup g && adopts(g.changes())) {
                  adopted.add(c.subject().targetId());
                }
              }
              for (Change c : plan.changes()) {
                boolean groupChange =
                    c.kind().name().endsWith("GROUP") || c.kind().name().endsWith("MEMBERSHIP");
                NamePatterns ignored = groupChange ? ignoredGroups : ignoredUsers;
                assertThat(ignored.matches(c.subject().name()))
                    .as("%s touches an ignored object", c)
                    .isFalse();
                String id = c.subject().targetId();
                if (id == null) {
                  continue;
                }
                List<ExternalId> ids =
                    groupChange ? groups.get(id).externalIds() : users.get(id).externalIds();
                boolean anchored = !ids.isEmpty();
                if (s.policy().ownerMode() != OwnerMode.ALL) {
                  assertThat(anchored || adopted.contains(id))
                      .as("%s touches an object we do not own", c)
                      .isTrue();
                }
                if (c instanceof Change.RemoveMembership r) {
                  assertThat(ignoredUsers.matches(r.user().name())).isFalse();
                }
              }
              if (plan.blocked()) {
                s.engine(false).sync();
                assertThat(s.target().snapshot()).isEqualTo(before);
              }
            });
  }

  @Test
  void determinism_shuffledInputGivesTheSamePlan() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scenario s = scenario(seed, true);
              TargetSnapshot target = s.target().snapshot();
              SyncPlan plan = Planner.plan(s.snapshot(), target, s.policy(), CLOCK.instant());
              Random random = new Random(seed);
              Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
              List<String> keys = new ArrayList<>(s.snapshot().members().keySet());
              Collections.shuffle(keys, random);
              for (String k : keys) {
                members.put(k, shuffled(s.snapshot().members().get(k), random));
              }
              DirectorySnapshot dir =
                  new DirectorySnapshot(
                      shuffled(s.snapshot().users(), random),
                      shuffled(s.snapshot().groups(), random),
                      members,
                      s.snapshot().matchedUserIds(),
                      s.snapshot().matchedGroupIds());
              TargetSnapshot tgt =
                  new TargetSnapshot(
                      shuffled(target.users(), random),
                      shuffled(target.groups(), random),
                      shuffled(target.memberships(), random),
                      target.membershipsRead(),
                      target.capabilities());
              assertThat(Planner.plan(dir, tgt, s.policy(), CLOCK.instant())).isEqualTo(plan);
            });
  }

  @Test
  void flattening_aUserIsAMemberOfATargetGroupExactlyWhenAPathLeadsToThemInTheDirectory() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scenario s = scenario(seed, true);
              SyncPolicy simple =
                  SyncPolicy.builder()
                      .groupMatch("email:aws-*")
                      .deletionGuard(DeletionGuard.OFF)
                      .build();
              InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().clock(CLOCK).build();
              SyncEngine.builder()
                  .source(q -> s.snapshot())
                  .target(target)
                  .policy(simple)
                  .clock(CLOCK)
                  .build()
                  .sync();
              TargetSnapshot t = target.snapshot();
              Map<String, String> userAnchor = new HashMap<>();
              t.users().forEach(u -> userAnchor.put(u.id(), u.externalIds().get(0).id()));
              Map<String, DirectoryUser> dirUsers = byId(s.directory().users(), DirectoryUser::id);
              for (TargetGroup g : t.groups()) {
                String groupId = g.externalIds().get(0).id();
                Set<String> actual = new HashSet<>();
                for (TargetMembership m : t.memberships()) {
                  if (m.groupId().equals(g.id())) {
                    actual.add(userAnchor.get(m.userId()));
                  }
                }
                Set<String> expected = new HashSet<>();
                for (String u : reachableUsers(s.directory(), groupId)) {
                  if (!dirUsers.get(u).archived()) {
                    expected.add(u);
                  }
                }
                assertThat(actual).as("members of %s", g.displayName()).isEqualTo(expected);
              }
              assertThat(t.groups()).hasSize(s.snapshot().matchedGroupIds().size());
            });
  }

  private static Set<String> reachableUsers(DirectoryContent content, String groupId) {
    Set<String> users = new HashSet<>();
    Set<String> seen = new HashSet<>(Set.of(groupId));
    Deque<String> todo = new ArrayDeque<>(List.of(groupId));
    while (!todo.isEmpty()) {
      for (DirectoryMember m : content.members().getOrDefault(todo.pop(), List.of())) {
        if (m.type() == MemberType.USER) {
          users.add(m.id());
        } else if (m.type() == MemberType.GROUP && seen.add(m.id())) {
          todo.push(m.id());
        }
      }
    }
    return users;
  }

  private static boolean adopts(List<AttributeChange> changes) {
    return changes.stream().anyMatch(a -> a.attribute().equals("externalId") && a.before() == null);
  }

  private static <T> List<T> shuffled(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }

  private static <T> Map<String, T> byId(List<T> list, java.util.function.Function<T, String> id) {
    Map<String, T> map = new HashMap<>();
    list.forEach(t -> map.put(id.apply(t), t));
    return map;
  }
}
