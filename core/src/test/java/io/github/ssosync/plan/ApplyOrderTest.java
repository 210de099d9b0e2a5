package io.github.ssosync.plan;

import static io.github.ssosync.plan.Fixtures.NOW;
import static io.github.ssosync.plan.Fixtures.group;
import static io.github.ssosync.plan.Fixtures.policy;
import static io.github.ssosync.plan.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.plan.Fixtures.Dir;
import io.github.ssosync.plan.Fixtures.Tgt;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.OwnerMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan says when each change is applied and which changes it waits for. */
class ApplyOrderTest {
  private final DirectoryUser ann = user("ann");
  private final DirectoryUser bob = user("bob");
  private final DirectoryGroup admins = group("aws-admins");

  private static int index(SyncPlan plan, ChangeKind kind) {
    for (int i = 0; i < plan.changes().size(); i++) {
      if (plan.changes().get(i).kind() == kind) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " in " + plan.changes());
  }

  @Test
  void membershipsAndGroupCreatesDependOnTheCreatesOfTheirUsersAndGroups() {
    Dir dir =
        new Dir()
            .users(ann, bob)
            .group(admins, true, DirectoryMember.user(ann), DirectoryMember.user(bob));
    // bob exists; ann and the group are new.
    SyncPlan plan =
        Planner.plan(
            dir.snapshot(), new Tgt().anchoredUser("t-bob", bob).snapshot(), policy().build(), NOW);
    int createAnn = index(plan, ChangeKind.CREATE_USER);
    int createGroup = index(plan, ChangeKind.CREATE_GROUP);
    assertThat(plan.phase(createAnn)).isEqualTo(ApplyStep.USER_CREATES);
    assertThat(plan.phase(createGroup)).isEqualTo(ApplyStep.GROUP_CREATES);
    assertThat(plan.order().get(createAnn).dependsOn()).isEmpty();
    for (int i = 0; i < plan.changes().size(); i++) {
      Change c = plan.changes().get(i);
      if (c instanceof Change.AddMembership a) {
        assertThat(plan.phase(i)).isEqualTo(ApplyStep.MEMBERSHIPS);
        assertThat(plan.order().get(i).dependsOn())
            .as("%s", a)
            .contains(createGroup)
            .hasSize(a.user().resolved() ? 1 : 2);
      } else if (c instanceof Change.CreateGroup g && !g.members().isEmpty()) {
        assertThat(plan.order().get(i).dependsOn()).contains(createAnn);
      }
    }
  }

  @Test
  void aRenameIntoANameFreedInThePlanRunsAfterTheDeleteThatFreesIt() {
    DirectoryGroup renamed = DirectoryGroup.of(admins.id(), "aws-root@example.com", "Root");
    Dir dir = new Dir().users(ann).group(renamed, true, DirectoryMember.user(ann));
    Tgt target =
        new Tgt()
            .anchoredUser("t-ann", ann)
            .anchoredGroup("t-admins", admins)
            .member("t-admins", "t-ann")
            .handMadeGroup("t-hand", "AWS-ROOT@example.com");
    SyncPlan plan =
        Planner.plan(
            dir.snapshot(),
            target.snapshot(),
            policy()
                .ownerMode(OwnerMode.ALL)
                .groupGracePeriod(Duration.ZERO)
                .deletionGuard(DeletionGuard.OFF)
                .build(),
            NOW);
    int delete = index(plan, ChangeKind.DELETE_GROUP);
    int rename = index(plan, ChangeKind.UPDATE_GROUP);
    assertThat(plan.phase(delete)).isEqualTo(ApplyStep.FREE_NAME);
    assertThat(plan.phase(rename)).isEqualTo(ApplyStep.GROUP_UPDATES);
    assertThat(plan.order().get(rename).dependsOn()).containsExactly(delete);
  }

  @Test
  void aDeleteThatFreesNoNameRunsLast() {
    Dir dir = new Dir().users(ann).group(admins, true, DirectoryMember.user(ann));
    Tgt target = new Tgt().anchoredUser("t-ann", ann).anchoredUser("t-bob", bob);
    SyncPlan plan =
        Planner.plan(
            dir.snapshot(),
            target.snapshot(),
            policy().gracePeriod(Duration.ZERO).deletionGuard(DeletionGuard.OFF).build(),
            NOW);
    int removal =
        plan.changes()
            .indexOf(
                plan.changes().stream().filter(c -> c.kind().removal()).findFirst().orElseThrow());
    assertThat(plan.phase(removal)).isEqualTo(ApplyStep.REMOVALS);
  }

  @Test
  void aPlanRefusesAnOrderThatRunsADependencyTooLate() {
    SyncPlan plan =
        Planner.plan(
            new Dir().users(ann).group(admins, true, DirectoryMember.user(ann)).snapshot(),
            new Tgt().snapshot(),
            policy().build(),
            NOW);
    List<ApplyStep> same =
        plan.order().stream().map(s -> new ApplyStep(ApplyStep.USER_UPDATES, List.of())).toList();
    // A dependency on a later phase.
    List<ApplyStep> late = new java.util.ArrayList<>(same);
    late.set(0, new ApplyStep(ApplyStep.USER_UPDATES, List.of(1)));
    late.set(1, new ApplyStep(ApplyStep.MEMBERSHIPS, List.of()));
    assertThatThrownBy(() -> withOrder(plan, late))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in an earlier or the same phase");
    // Within one phase a dependency runs in an earlier wave; a cycle could never run.
    List<ApplyStep> waves = new java.util.ArrayList<>(same);
    waves.set(0, new ApplyStep(ApplyStep.USER_UPDATES, List.of(1)));
    assertThat(ApplyStep.waves(withOrder(plan, waves).order())).startsWith(1, 0);
    List<ApplyStep> cycle = new java.util.ArrayList<>(waves);
    cycle.set(1, new ApplyStep(ApplyStep.USER_UPDATES, List.of(0)));
    assertThatThrownBy(() -> withOrder(plan, cycle))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");
  }

  private static SyncPlan withOrder(SyncPlan plan, List<ApplyStep> order) {
    return new SyncPlan(
        plan.plannedAt(),
        plan.changes(),
        plan.warnings(),
        plan.pendingDeletions(),
        plan.guard(),
        plan.stats(),
        order,
        null);
  }
}
