package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncMethod;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mistakes and surprises that empty an AWS organisation with other tools: a mistyped query, a
 * switched sync method, objects someone else made, a group renamed in the console, a leaver.
 */
@Timeout(120)
class SafetyTest {
  private static final SyncPolicy POLICY = Directories.policy();

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void aGroupQueryThatMatchesNothingIsBlockedAndRemovesNothing(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      StoreView before = rig.store();
      rig.aws.resetCalls();

      SyncReport typo = rig.sync(POLICY.toBuilder().groupMatch("email:aws-gruop-*").build());

      assertThat(rig.writeCalls()).isZero();
      StoreView.assertSame(rig.store(), before);
      if (mode == WriteMode.SCIM) {
        assertThat(typo.status()).isEqualTo(SyncReport.Status.BLOCKED);
        assertThat(typo.plan().guard().reason()).contains("deletionGuard");
      } else {
        // Without anchors nothing is ours to remove: the plan removes nothing at all.
        Audit.assertNoRemovals(typo);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void switchingTheSyncMethodOrNarrowingTheQueryNeedsTheGuardToSpeak(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      StoreView before = rig.store();
      rig.aws.resetCalls();
      List<SyncPolicy> changes =
          List.of(
              POLICY.toBuilder().syncMethod(SyncMethod.USERS_GROUPS).userMatch("email:a*").build(),
              POLICY.toBuilder().groupMatch("email:aws-group-1*").build());
      for (SyncPolicy changed : changes) {
        SyncReport report = rig.sync(changed);
        assertThat(rig.writeCalls()).as("writes after %s", changed).isZero();
        StoreView.assertSame(rig.store(), before);
        if (mode == WriteMode.SCIM || changed.syncMethod() == SyncMethod.USERS_GROUPS) {
          // Identity Store mode cannot disable: the users the switch deselects would lose their
          // memberships instead, and the guard counts that as removing their access.
          assertThat(report.status()).isEqualTo(SyncReport.Status.BLOCKED);
        } else {
          // Without anchors the deselected groups are not ours: nothing to remove.
          Audit.assertNoRemovals(report);
        }
      }
      if (mode == WriteMode.SCIM) {
        // Said out loud, the narrower query applies, and removes only what it no longer selects:
        // the other groups are retired, emptied but kept (with their assignments) for the grace
        // period.
        SyncPolicy narrower = changes.get(1);
        SyncReport allowed = rig.run(narrower, b -> b.allowBlockedPlan(true), SyncEngine::sync);
        assertThat(allowed.status()).isEqualTo(SyncReport.Status.COMPLETED);
        Audit.assertOnlyPlannedRemovals(before, rig.store(), allowed);
        assertThat(rig.store().groups()).hasSameSizeAs(before.groups());
        assertThat(allowed.plan().changes())
            .filteredOn(c -> c.kind() == ChangeKind.RETIRE_GROUP)
            .hasSize(before.groups().size() - 1);
        assertThat(rig.store().memberships())
            .isNotEmpty()
            .allMatch(m -> m.startsWith("aws-group-1@"));
      }
    }
  }

  @Test
  void objectsMadeByHandOrByControlTowerAreNeverTouched() {
    DirectoryContent directory = Directories.small();
    DirectoryUser someone = directory.users().get(3);
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      // What Control Tower and people make in IAM Identity Center: no anchor of ours.
      TargetUser admin =
          rig.aws.createUnmanagedUser("aws-controltower-admin@example.com", "Control", "Tower");
      TargetUser lookalike = rig.aws.createUnmanagedUser(someone.primaryEmail(), "Hand", "Made");
      TargetGroup ct = rig.aws.createUnmanagedGroup("AWSControlTowerAdmins");
      TargetGroup ours = rig.aws.createUnmanagedGroup("aws-group-0@example.com");
      TargetGroup similar = rig.aws.createUnmanagedGroup("aws-group-99@example.com");
      rig.aws.addMembershipDirectly(ct.id(), admin.id());
      rig.aws.addMembershipDirectly(ours.id(), lookalike.id());
      List<TargetUser> users = List.of(admin, lookalike);
      List<TargetGroup> groups = List.of(ct, ours, similar);
      List<TargetMembership> memberships = rig.aws.memberships();

      SyncReport first = rig.sync(POLICY);
      rig.directory(SyntheticDirectory.churn(directory, 0.1, 5));
      SyncReport second = rig.sync(POLICY.toBuilder().gracePeriod(Duration.ZERO).build());

      for (SyncReport r : List.of(first, second)) {
        assertThat(r.plan().changes())
            .filteredOn(c -> touches(c, users, groups))
            .as("changes to hand-made objects")
            .isEmpty();
        assertThat(r.plan().warnings())
            .extracting(PlanWarning::kind, PlanWarning::subject)
            .contains(
                org.assertj.core.groups.Tuple.tuple(
                    PlanWarning.Kind.NOT_OWNED, someone.primaryEmail()),
                org.assertj.core.groups.Tuple.tuple(
                    PlanWarning.Kind.NOT_OWNED, "aws-group-0@example.com"));
      }
      assertThat(rig.aws.users()).containsAll(users);
      assertThat(rig.aws.groups()).containsAll(groups);
      assertThat(rig.aws.memberships()).containsAll(memberships);
    }
  }

  @Test
  void aGroupRenamedByHandIsRestoredKeepingItsIdAndMembers() {
    try (Rig rig = new Rig(Directories.small(), WriteMode.SCIM)) {
      rig.sync(POLICY);
      String id = rig.aws.groupId("aws-group-2@example.com");
      List<String> members = rig.membersOf(id);
      rig.aws.renameGroupDirectly(id, "Renamed in the console");

      SyncReport report = rig.sync(POLICY);

      assertThat(report.plan().changes())
          .singleElement()
          .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.UPDATE_GROUP));
      assertThat(report.failures()).isEmpty();
      assertThat(rig.aws.groupId("aws-group-2@example.com")).isEqualTo(id);
      assertThat(rig.membersOf(id)).isEqualTo(members).isNotEmpty();
    }
  }

  @Test
  void aUserRemovedFromEverySyncedGroupIsDisabledThenDeletedAfterTheGracePeriod() {
    DirectoryContent directory = Directories.small();
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      rig.sync(POLICY);
      String leaver = rig.store().users().first();
      String email = leaver.substring(0, leaver.indexOf(" | "));
      rig.directory(Directories.withoutMember(directory, email));

      SyncReport leaving = rig.sync(POLICY);
      assertThat(leaving.plan().changes())
          .filteredOn(c -> c.kind().removal())
          .singleElement()
          .satisfies(c -> assertThat(c).isInstanceOf(Change.DisableUser.class))
          .satisfies(c -> assertThat(c.subject().name()).isEqualTo(email));
      assertThat(rig.store().user(email)).endsWith("| disabled");

      // Within the grace period: nothing, and the plan says when the deletion is due.
      SyncPlan waiting = rig.plan(POLICY);
      assertThat(waiting.changes()).isEmpty();
      assertThat(waiting.pendingDeletions()).hasSize(1);

      Clock later = Clock.offset(Clock.systemUTC(), SyncPolicy.DEFAULT_GRACE_PERIOD.plusHours(1));
      SyncReport after = rig.run(POLICY, b -> b.clock(later), SyncEngine::sync);
      assertThat(after.plan().changes())
          .singleElement()
          .satisfies(c -> assertThat(c).isInstanceOf(Change.DeleteUser.class));
      assertThat(after.failures()).isEmpty();
      assertThat(rig.store().user(email)).isNull();
    }
  }

  private static boolean touches(Change c, List<TargetUser> users, List<TargetGroup> groups) {
    String id = c.subject().targetId();
    boolean user = users.stream().anyMatch(u -> u.id().equals(id));
    boolean group = groups.stream().anyMatch(g -> g.id().equals(id));
    if (c instanceof Change.AddMembership a) {
      String u = a.user().targetId();
      return group || users.stream().anyMatch(x -> x.id().equals(u));
    }
    return user || group;
  }
}
