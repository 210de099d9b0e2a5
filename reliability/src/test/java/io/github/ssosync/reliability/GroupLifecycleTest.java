package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.TargetGroup;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a real tenant would lose on day one with a naive engine: a group deleted in Google taking
 * its permission-set assignments with it, and, where users cannot be disabled, a leaver keeping its
 * access. Through the real Google client and AWS SDK against the emulators.
 */
@Timeout(120)
class GroupLifecycleTest {
  private static final SyncPolicy POLICY = Directories.policy();
  private static final String GROUP = "aws-group-2@example.com";

  @Test
  void aGroupDeletedInTheDirectoryKeepsItsIdEmptiedUntilItsGracePeriodEnds() {
    DirectoryContent directory = Directories.small();
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      String id = rig.aws.groupId(GROUP);
      List<String> members = rig.membersOf(id);
      assertThat(members).isNotEmpty();
      String googleId = googleIdOf(directory, GROUP);

      rig.directory(without(directory, GROUP));
      SyncReport left = rig.sync(POLICY);
      assertThat(left.failures()).isEmpty();
      assertThat(left.plan().changes())
          .filteredOn(c -> c.kind() == ChangeKind.RETIRE_GROUP)
          .singleElement()
          .satisfies(c -> assertThat(((Change.RetireGroup) c).deleteAfter()).isNotNull());
      assertThat(left.plan().changes()).noneMatch(c -> c.kind() == ChangeKind.DELETE_GROUP);
      // Same id (so its assignments), no members (so no access), and the mark on the group.
      assertThat(rig.aws.groupId(GROUP)).isEqualTo(id);
      assertThat(rig.membersOf(id)).isEmpty();
      TargetGroup stored = group(rig, id);
      Anchor anchor = Anchor.parse(stored.externalIds().get(0).id());
      assertThat(anchor.sourceId()).isEqualTo(googleId);
      assertThat(anchor.leftScopeAt()).isNotNull();

      // Within the grace period: nothing to do but wait; the plan says when.
      var waiting = rig.plan(POLICY);
      assertThat(waiting.changes()).isEmpty();
      assertThat(waiting.pendingDeletions())
          .singleElement()
          .satisfies(p -> assertThat(p.type()).isEqualTo(PendingDeletion.Type.GROUP));

      // Back in time: same id, plain anchor, members as the directory says.
      rig.directory(directory);
      SyncReport back = rig.sync(POLICY);
      assertThat(back.failures()).isEmpty();
      assertThat(rig.aws.groupId(GROUP)).isEqualTo(id);
      assertThat(rig.membersOf(id)).isEqualTo(members);
      assertThat(group(rig, id).externalIds().get(0).id()).isEqualTo(googleId);
      assertThat(rig.plan(POLICY).changes()).isEmpty();

      // Gone for good: deleted on the first run after the grace period.
      rig.directory(without(directory, GROUP));
      rig.sync(POLICY);
      Clock later = Clock.offset(Clock.systemUTC(), SyncPolicy.DEFAULT_GRACE_PERIOD.plusHours(1));
      SyncReport after = rig.run(POLICY, b -> b.clock(later), SyncEngine::sync);
      assertThat(after.failures()).isEmpty();
      assertThat(after.plan().changes())
          .singleElement()
          .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.DELETE_GROUP));
      assertThat(rig.aws.groups()).noneMatch(g -> g.id().equals(id));
    }
  }

  @Test
  void inIdentityStoreModeALeaverLosesEveryMembershipOfOurGroupsAtOnce() {
    DirectoryContent directory = Directories.small();
    try (Rig rig = new Rig(directory, WriteMode.IDENTITY_STORE)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      String leaver = rig.store().users().first();
      String email = leaver.substring(0, leaver.indexOf(" | "));
      assertThat(rig.store().memberships()).anyMatch(m -> m.endsWith(" <- " + email));

      rig.directory(Directories.withoutMember(directory, email));
      SyncReport report = rig.sync(POLICY);

      assertThat(report.failures()).isEmpty();
      assertThat(rig.store().memberships()).noneMatch(m -> m.endsWith(" <- " + email));
      assertThat(rig.store().user(email)).isNotNull(); // cannot be disabled; kept without access
      assertThat(report.plan().changes())
          .filteredOn(c -> c.kind() == ChangeKind.REMOVE_MEMBERSHIP)
          .isNotEmpty()
          .allSatisfy(
              c -> assertThat(((Change.RemoveMembership) c).user().name()).isEqualTo(email));
      assertThat(report.plan().warnings())
          .anySatisfy(
              w -> {
                assertThat(w.kind()).isEqualTo(PlanWarning.Kind.CAPABILITY_FALLBACK);
                assertThat(w.message()).contains("a leaver loses its memberships at once");
              });
      // Back in the directory: the memberships come back.
      rig.directory(directory);
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      assertThat(rig.store().memberships()).anyMatch(m -> m.endsWith(" <- " + email));
    }
  }

  @Test
  void oneLeaverInASmallStoreIsNotBlockedButAQueryMatchingNothingIs() {
    DirectoryContent directory = Directories.small();
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      String leaver = rig.store().users().first();
      String email = leaver.substring(0, leaver.indexOf(" | "));
      rig.directory(Directories.withoutMember(directory, email));
      SyncReport one = rig.sync(POLICY);
      assertThat(one.status()).isEqualTo(SyncReport.Status.COMPLETED);
      assertThat(one.plan().guard().removals()).isEqualTo(1);
      assertThat(rig.store().user(email)).endsWith("| disabled");
    }
  }

  private static TargetGroup group(Rig rig, String id) {
    return rig.aws.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  private static String googleIdOf(DirectoryContent content, String email) {
    return content.groups().stream()
        .filter(g -> g.email().equals(email))
        .map(DirectoryGroup::id)
        .findFirst()
        .orElseThrow();
  }

  private static DirectoryContent without(DirectoryContent content, String groupEmail) {
    String id = googleIdOf(content, groupEmail);
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>(content.members());
    members.remove(id);
    return new DirectoryContent(
        content.users(),
        content.groups().stream().filter(g -> !g.id().equals(id)).toList(),
        members);
  }
}
