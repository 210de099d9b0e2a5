package io.github.ssosync.plan;

import static io.github.ssosync.change.ChangeKind.ADD_MEMBERSHIP;
import static io.github.ssosync.change.ChangeKind.DELETE_GROUP;
import static io.github.ssosync.change.ChangeKind.DELETE_USER;
import static io.github.ssosync.change.ChangeKind.DISABLE_USER;
import static io.github.ssosync.change.ChangeKind.REMOVE_MEMBERSHIP;
import static io.github.ssosync.change.ChangeKind.RETIRE_GROUP;
import static io.github.ssosync.change.ChangeKind.UPDATE_GROUP;
import static io.github.ssosync.plan.Fixtures.ISSUER;
import static io.github.ssosync.plan.Fixtures.NOW;
import static io.github.ssosync.plan.Fixtures.group;
import static io.github.ssosync.plan.Fixtures.m;
import static io.github.ssosync.plan.Fixtures.memberNames;
import static io.github.ssosync.plan.Fixtures.names;
import static io.github.ssosync.plan.Fixtures.of;
import static io.github.ssosync.plan.Fixtures.plan;
import static io.github.ssosync.plan.Fixtures.policy;
import static io.github.ssosync.plan.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.Change;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.format.PlanFormat;
import io.github.ssosync.plan.Fixtures.Dir;
import io.github.ssosync.plan.Fixtures.Tgt;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group that leaves the directory's scope keeps its id (and so its permission-set assignments)
 * through its grace period, emptied; and where users cannot be disabled, access still ends.
 */
class GroupRetirementTest {
  private final DirectoryUser ann = user("ann");
  private final DirectoryUser bob = user("bob");
  private final DirectoryGroup admins = group("aws-admins");
  private final DirectoryGroup devs = group("aws-devs");

  /** ann in admins (still selected); bob in devs, which is no longer selected. */
  private Dir devsLeft() {
    return new Dir().users(ann).group(admins, true, m(ann));
  }

  private Tgt storeWithDevs(Instant devsLeftAt) {
    Tgt t =
        new Tgt()
            .anchoredUser("t-ann", ann)
            .anchoredUser("t-bob", bob)
            .anchoredGroup("t-admins", admins)
            .member("t-admins", "t-ann");
    String externalId =
        devsLeftAt == null ? devs.id() : Anchor.leftScope(devs.id(), devsLeftAt).value();
    t.groups.add(
        new TargetGroup("t-devs", devs.email(), null, List.of(new ExternalId(ISSUER, externalId))));
    return t.member("t-devs", "t-bob").member("t-devs", "t-ann");
  }

  private static SyncPolicy.Builder lenient() {
    return policy().deletionGuard(DeletionGuard.OFF);
  }

  @Test
  void aGroupThatLeavesIsEmptiedAndMarkedNotDeleted() {
    SyncPlan plan = plan(devsLeft(), storeWithDevs(null), lenient().build());
    assertThat(of(plan, DELETE_GROUP)).isEmpty();
    Change.RetireGroup retire = (Change.RetireGroup) of(plan, RETIRE_GROUP).get(0);
    assertThat(retire.subject().targetId()).isEqualTo("t-devs");
    assertThat(retire.externalId()).isEqualTo(devs.id() + ";left=" + NOW);
    assertThat(Anchor.parse(retire.externalId())).isEqualTo(Anchor.leftScope(devs.id(), NOW));
    assertThat(retire.deleteAfter()).isEqualTo(NOW.plus(SyncPolicy.DEFAULT_GRACE_PERIOD));
    // Access through it ends at once: every member goes, ours or not.
    assertThat(memberNames(plan, REMOVE_MEMBERSHIP))
        .containsExactlyInAnyOrder(
            "aws-devs@example.com <- ann@example.com", "aws-devs@example.com <- bob@example.com");
    assertThat(plan.guard().removals()).isEqualTo(2); // the group and the user bob, not members
    assertThat(PlanFormat.table(plan)).contains("retire group").contains("emptied; delete after");
    assertThat(PlanFormat.json(plan)).contains("\"kind\" : \"RETIRE_GROUP\"");
  }

  @Test
  void aMarkedGroupWaitsOutItsGracePeriodEmptyThenIsDeleted() {
    Instant yesterday = NOW.minus(Duration.ofDays(1));
    Tgt store = storeWithDevs(yesterday); // a member was added by hand meanwhile
    SyncPlan waiting = plan(devsLeft(), store, lenient().build());
    assertThat(of(waiting, RETIRE_GROUP)).isEmpty();
    assertThat(of(waiting, DELETE_GROUP)).isEmpty();
    assertThat(memberNames(waiting, REMOVE_MEMBERSHIP)).hasSize(2);
    assertThat(waiting.pendingDeletions())
        .extracting(PendingDeletion::type, p -> p.subject().name(), PendingDeletion::dueAt)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                PendingDeletion.Type.GROUP,
                "aws-devs@example.com",
                yesterday.plus(SyncPolicy.DEFAULT_GRACE_PERIOD)));

    SyncPlan due =
        plan(devsLeft(), storeWithDevs(NOW.minus(Duration.ofDays(7))), lenient().build());
    assertThat(names(due, DELETE_GROUP)).containsExactly("aws-devs@example.com");
    assertThat(of(due, DELETE_GROUP).get(0).reason()).contains("grace period of 7d over");
  }

  @Test
  void aGroupBackInTimeKeepsItsIdAndGetsItsAnchorAndMembersBack() {
    Dir back = new Dir().users(ann, bob).group(admins, true, m(ann)).group(devs, true, m(bob));
    Tgt store = storeWithDevs(NOW.minus(Duration.ofDays(2)));
    store.memberships.removeIf(mb -> mb.groupId().equals("t-devs")); // emptied when it left
    SyncPlan plan = plan(back, store, lenient().build());
    Change.UpdateGroup restore = (Change.UpdateGroup) of(plan, UPDATE_GROUP).get(0);
    assertThat(restore.subject().targetId()).isEqualTo("t-devs");
    assertThat(restore.changes())
        .extracting(a -> a.attribute() + "=" + a.after())
        .containsExactly("externalId=" + devs.id());
    assertThat(restore.reason()).isEqualTo("back in the directory scope");
    assertThat(memberNames(plan, ADD_MEMBERSHIP))
        .containsExactly("aws-devs@example.com <- bob@example.com");
    assertThat(of(plan, RETIRE_GROUP)).isEmpty();
    assertThat(plan.pendingDeletions()).isEmpty();
  }

  @Test
  void groupsCanBeKeptForEverOrDeletedAtOnceWithTheirOwnGracePeriod() {
    SyncPlan forever = plan(devsLeft(), storeWithDevs(null), lenient().keepRemovedGroups().build());
    assertThat(((Change.RetireGroup) of(forever, RETIRE_GROUP).get(0)).deleteAfter()).isNull();
    SyncPlan longAgo =
        plan(
            devsLeft(),
            storeWithDevs(NOW.minus(Duration.ofDays(400))),
            lenient().keepRemovedGroups().build());
    assertThat(of(longAgo, DELETE_GROUP)).isEmpty();
    assertThat(longAgo.pendingDeletions()).isEmpty();

    SyncPlan atOnce =
        plan(devsLeft(), storeWithDevs(null), lenient().groupGracePeriod(Duration.ZERO).build());
    assertThat(names(atOnce, DELETE_GROUP)).containsExactly("aws-devs@example.com");
    assertThat(of(atOnce, RETIRE_GROUP)).isEmpty();

    // Users deleted at once, groups kept three days: the two periods are independent.
    SyncPolicy split =
        lenient().gracePeriod(Duration.ZERO).groupGracePeriod(Duration.ofDays(3)).build();
    SyncPlan plan = plan(devsLeft(), storeWithDevs(null), split);
    assertThat(names(plan, DELETE_USER)).containsExactly("bob@example.com");
    assertThat(((Change.RetireGroup) of(plan, RETIRE_GROUP).get(0)).deleteAfter())
        .isEqualTo(NOW.plus(Duration.ofDays(3)));
    // The group grace period follows the user grace period unless set.
    assertThat(policy().gracePeriod(Duration.ofDays(2)).build().groupGracePeriod())
        .isEqualTo(Duration.ofDays(2));
  }

  @Test
  void aTypoQueryRetiringEveryGroupIsBlocked() {
    Dir typo = new Dir().users(ann).group(admins, false, m(ann)).group(devs, false);
    SyncPlan plan = plan(typo, storeWithDevs(null), policy().build());
    assertThat(plan.blocked()).isTrue();
    assertThat(plan.guard().reason()).contains("retire group aws-admins@example.com");
  }

  @Test
  void withoutAnchorsALeaverLosesItsMembershipsAndAGroupThatLeftIsEmptiedAndKept() {
    TargetCapabilities noAnchors = TargetCapabilities.builder().build();
    Tgt store =
        new Tgt()
            .anchoredUser("t-ann", ann)
            .anchoredUser("t-bob", bob)
            .anchoredGroup("t-admins", admins)
            .anchoredGroup("t-devs", devs)
            .member("t-admins", "t-ann")
            .member("t-admins", "t-bob")
            .member("t-devs", "t-bob");
    store.caps = noAnchors;
    // bob left aws-admins in the directory; devs is no longer selected.
    SyncPlan plan = plan(devsLeft(), store, lenient().build());
    assertThat(memberNames(plan, REMOVE_MEMBERSHIP))
        .containsExactly("aws-admins@example.com <- bob@example.com");
    assertThat(of(plan, DISABLE_USER)).isEmpty();

    SyncPlan all = plan(devsLeft(), store, lenient().ownerMode(OwnerMode.ALL).build());
    assertThat(memberNames(all, REMOVE_MEMBERSHIP))
        .containsExactlyInAnyOrder(
            "aws-admins@example.com <- bob@example.com", "aws-devs@example.com <- bob@example.com");
    assertThat(of(all, DELETE_GROUP)).isEmpty();
    assertThat(of(all, RETIRE_GROUP)).isEmpty();
    assertThat(all.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.subject()).isEqualTo("aws-devs@example.com");
              assertThat(w.message()).contains("emptied and kept");
            })
        .anySatisfy(
            w -> {
              assertThat(w.subject()).isEqualTo("bob@example.com");
              assertThat(w.message()).contains("memberships of the synced groups are removed");
            });
  }

  @Test
  void theTargetReadIncludesTheMembershipsOfEveryGroupWeOwn() {
    TargetCapabilities caps = Fixtures.CAPS;
    var scope = Planner.membershipScope(devsLeft().snapshot(), policy().build(), caps);
    TargetGroup ours =
        new TargetGroup("t-devs", "renamed", null, List.of(new ExternalId(ISSUER, devs.id())));
    TargetGroup handMade = new TargetGroup("t-hand", "hand", null, List.of());
    assertThat(scope.includesMembershipsOf(ours)).isTrue();
    assertThat(scope.includesMembershipsOf(handMade)).isFalse();
    var all =
        Planner.membershipScope(
            devsLeft().snapshot(), policy().ownerMode(OwnerMode.ALL).build(), caps);
    assertThat(all.includesMembershipsOf(handMade)).isTrue();
  }

  @Test
  void aPlanWithoutRemovalsKeepsAdditionsAndDropsEveryRemoval() {
    Dir dir = devsLeft().users(bob);
    dir.members.get(admins.id()).add(m(bob));
    SyncPlan full = plan(dir, storeWithDevs(null).member("t-admins", "t-bob"), lenient().build());
    assertThat(of(full, RETIRE_GROUP)).hasSize(1);
    SyncPlan held =
        full.withoutRemovals(
            List.of(new PlanWarning(PlanWarning.Kind.SEARCH_INDEX_LAG, "aws-devs", "lags")));
    assertThat(held.changes()).noneMatch(c -> c.kind().removal());
    assertThat(of(held, REMOVE_MEMBERSHIP)).isEmpty();
    assertThat(held.guard().blocked()).isFalse();
    assertThat(held.warnings())
        .extracting(PlanWarning::kind)
        .contains(PlanWarning.Kind.SEARCH_INDEX_LAG);
  }

  @Test
  void whatTheSourceSkippedIsAPlanWarning() {
    Dir dir = devsLeft();
    DirectorySnapshot base = dir.snapshot();
    DirectorySnapshot withWarning =
        new DirectorySnapshot(
            base.users(),
            base.groups(),
            base.members(),
            base.matchedUserIds(),
            base.matchedGroupIds(),
            List.of(new DirectoryWarning("guest@other.example", "another organisation's user")));
    SyncPlan plan = Planner.plan(withWarning, new Tgt().snapshot(), policy().build(), NOW);
    assertThat(plan.warnings())
        .contains(
            new PlanWarning(
                PlanWarning.Kind.SOURCE_SKIPPED,
                "guest@other.example",
                "another organisation's user"));

    // The skipped member still stands in the group's member list: one warning, not two.
    Dir withGuest = devsLeft();
    withGuest
        .members
        .get(admins.id())
        .add(
            new DirectoryMember(
                "f1",
                "guest@other.example",
                io.github.ssosync.directory.MemberType.USER,
                io.github.ssosync.directory.MemberRole.MEMBER));
    DirectorySnapshot guest = withGuest.snapshot();
    SyncPlan once =
        Planner.plan(
            new DirectorySnapshot(
                guest.users(),
                guest.groups(),
                guest.members(),
                guest.matchedUserIds(),
                guest.matchedGroupIds(),
                List.of(
                    new DirectoryWarning("guest@other.example", "another organisation's user"))),
            new Tgt().snapshot(),
            policy().build(),
            NOW);
    assertThat(once.warnings())
        .filteredOn(w -> w.subject().equals("guest@other.example"))
        .extracting(PlanWarning::kind)
        .containsExactly(PlanWarning.Kind.SOURCE_SKIPPED);
  }
}
