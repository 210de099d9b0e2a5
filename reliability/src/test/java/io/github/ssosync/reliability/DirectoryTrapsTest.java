package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Google's behaviours that turn into lost access with a naive engine, through the real Google
 * client and AWS SDK: a search index that lags its directory, and members of another organisation.
 */
@Timeout(120)
class DirectoryTrapsTest {
  private static final SyncPolicy POLICY = Directories.policy(); // groupMatch email:aws-*
  private static final String GROUP = "aws-group-2@example.com";

  @Test
  void aGroupMissingFromALaggingSearchIndexHoldsEveryRemovalUntilTheIndexCatchesUp() {
    DirectoryContent directory = Directories.small();
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      StoreView before = rig.store();
      String googleId = idOf(directory, GROUP);
      rig.google.hideFromSearch(googleId); // exists, selected, but groups.list?query omits it
      rig.aws.resetCalls();

      SyncReport lagging = rig.sync(POLICY);

      assertThat(rig.writeCalls()).isZero();
      StoreView.assertSame(rig.store(), before);
      assertThat(lagging.plan().changes()).noneMatch(c -> c.kind().removal());
      assertThat(lagging.plan().changes()).noneMatch(c -> c.kind() == ChangeKind.REMOVE_MEMBERSHIP);
      assertThat(lagging.plan().warnings())
          .anySatisfy(
              w -> {
                assertThat(w.kind()).isEqualTo(PlanWarning.Kind.SEARCH_INDEX_LAG);
                assertThat(w.subject()).isEqualTo(GROUP);
              });
      // One confirmation by id per removal candidate the query could have missed: the group.
      assertThat(lagging.apiCalls()).containsEntry("google.groups.get", 1L);

      rig.google.showInSearch(googleId);
      SyncReport caughtUp = rig.sync(POLICY);
      assertThat(caughtUp.plan().changes()).isEmpty();
      assertThat(caughtUp.apiCalls()).doesNotContainKey("google.groups.get");
    }
  }

  @Test
  void aMemberOfAnotherOrganisationIsSkippedWithAWarningAndTheRestSyncs() {
    DirectoryContent base = Directories.small();
    String groupId = idOf(base, GROUP);
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>(base.members());
    List<DirectoryMember> withGuest = new ArrayList<>(members.get(groupId));
    withGuest.add(
        new DirectoryMember("f-guest", "guest@partner.org", MemberType.USER, MemberRole.MEMBER));
    members.put(groupId, withGuest);
    DirectoryContent directory = new DirectoryContent(base.users(), base.groups(), members);
    try (Rig rig = new Rig(directory, WriteMode.SCIM)) {
      rig.google.foreignUser("f-guest", "guest@partner.org");

      SyncReport report = rig.sync(POLICY);

      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
      assertThat(report.failures()).isEmpty();
      assertThat(report.plan().warnings())
          .anySatisfy(
              w -> {
                assertThat(w.kind()).isEqualTo(PlanWarning.Kind.SOURCE_SKIPPED);
                assertThat(w.subject()).isEqualTo("guest@partner.org");
              });
      assertThat(rig.store().user("guest@partner.org")).isNull();
      assertThat(rig.plan(POLICY).changes()).isEmpty();
    }
  }

  private static String idOf(DirectoryContent content, String email) {
    return content.groups().stream()
        .filter(g -> g.email().equals(email))
        .map(DirectoryGroup::id)
        .findFirst()
        .orElseThrow();
  }
}
