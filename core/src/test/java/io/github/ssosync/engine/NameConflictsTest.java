package io.github.ssosync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.NameHolder;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine decides once, with the target's capabilities, whether the object holding a created
 * name is ours: the target only reports the holder.
 */
class NameConflictsTest {
  private static final String ISSUER = "urn:test";
  private static final DirectoryUser ANN =
      DirectoryUser.of("d-ann", "ann@example.com", "Ann", "Lee");
  private static final DirectoryGroup OPS = DirectoryGroup.of("d-ops", "ops@example.com", "Ops");

  /** A directory of one user in one group. */
  private static DirectorySource directory() {
    return new DirectorySource() {
      @Override
      public DirectorySnapshot read(DirectoryQuery query) {
        return new DirectorySnapshot(
            List.of(ANN),
            List.of(OPS),
            Map.of(OPS.id(), List.of(DirectoryMember.user(ANN))),
            Set.of(),
            Set.of(OPS.id()));
      }
    };
  }

  /** An empty target whose every name is held already, by the holders given. */
  private static final class TakenNames implements IdentityTarget {
    final TargetCapabilities caps;
    final NameHolder userHolder;
    final NameHolder groupHolder;
    final List<Change> takenOver = new ArrayList<>();
    final List<Change> others = new ArrayList<>();

    TakenNames(TargetCapabilities caps, NameHolder userHolder, NameHolder groupHolder) {
      this.caps = caps;
      this.userHolder = userHolder;
      this.groupHolder = groupHolder;
    }

    @Override
    public TargetCapabilities capabilities() {
      return caps;
    }

    @Override
    public TargetSnapshot read(TargetScope scope) {
      return new TargetSnapshot(List.of(), List.of(), List.of(), Set.of(), caps);
    }

    @Override
    public List<ChangeResult> apply(List<Change> changes) {
      List<ChangeResult> out = new ArrayList<>();
      for (Change c : changes) {
        if (c.kind() == ChangeKind.CREATE_USER || c.kind() == ChangeKind.CREATE_GROUP) {
          String id = c.subject().targetId();
          if (id != null) {
            takenOver.add(c);
            out.add(ChangeResult.created(id));
          } else {
            NameHolder holder = c.kind() == ChangeKind.CREATE_USER ? userHolder : groupHolder;
            out.add(
                ChangeResult.nameTaken(
                    holder, new ProviderException(Reason.CONFLICT, "409 " + c.subject().name())));
          }
        } else {
          others.add(c);
          out.add(ChangeResult.done());
        }
      }
      return out;
    }
  }

  private static SyncReport sync(IdentityTarget target) {
    return SyncEngine.builder()
        .source(directory())
        .target(target)
        .policy(SyncPolicy.builder().groupMatch("*").build())
        .build()
        .sync();
  }

  private static ChangeOutcome outcome(SyncReport report, ChangeKind kind) {
    return report.outcomes().stream()
        .filter(o -> o.change().kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aHolderCarryingOurAnchorIsTheObjectWeMeantAndItsIdIsUsedOnward() {
    TakenNames target =
        new TakenNames(
            TargetCapabilities.full(ISSUER),
            new NameHolder("t-ann", "ann@example.com", List.of(new ExternalId(ISSUER, "d-ann"))),
            new NameHolder("t-ops", "ops@example.com", List.of(new ExternalId(ISSUER, "d-ops"))));
    SyncReport report = sync(target);
    assertThat(report.failures()).isEmpty();
    assertThat(outcome(report, ChangeKind.CREATE_USER).targetId()).isEqualTo("t-ann");
    assertThat(outcome(report, ChangeKind.CREATE_GROUP).targetId()).isEqualTo("t-ops");
    // The target was asked once per object to make the holder match, with the holder's id.
    assertThat(target.takenOver)
        .extracting(c -> c.subject().targetId())
        .containsExactlyInAnyOrder("t-ann", "t-ops");
    // And what depends on the creates used the holders' ids.
    assertThat(target.others)
        .singleElement()
        .isInstanceOfSatisfying(
            Change.AddMembership.class,
            add -> {
              assertThat(add.group().targetId()).isEqualTo("t-ops");
              assertThat(add.user().targetId()).isEqualTo("t-ann");
            });
  }

  @Test
  void aHolderWithoutOurAnchorIsAConflictThatNamesItAndNothingIsTakenOver() {
    TakenNames target =
        new TakenNames(
            TargetCapabilities.full(ISSUER),
            new NameHolder("t-hand", "ann@example.com", List.of()),
            new NameHolder(
                "t-other", "ops@example.com", List.of(new ExternalId(ISSUER, "d-elsewhere"))));
    SyncReport report = sync(target);
    ChangeOutcome user = outcome(report, ChangeKind.CREATE_USER);
    assertThat(user.status()).isEqualTo(ChangeOutcome.Status.FAILED);
    assertThat(user.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(user.message())
        .contains("t-hand")
        .contains("not ours")
        .contains("externalId is empty");
    assertThat(outcome(report, ChangeKind.CREATE_GROUP).message())
        .contains("t-other")
        .contains("another directory object's");
    assertThat(target.takenOver).isEmpty();
    assertThat(target.others).isEmpty();
    // The membership needed both: skipped, not sent.
    assertThat(outcome(report, ChangeKind.ADD_MEMBERSHIP).status())
        .isEqualTo(ChangeOutcome.Status.SKIPPED);
  }

  @Test
  void whereNothingButTheNameTiesAnObjectTheExactNameDecides() {
    // As IAM Identity Center's Identity Store API: no anchors, names unique ignoring case.
    TakenNames target =
        new TakenNames(
            TargetCapabilities.builder().build(),
            new NameHolder("t-ann", "ann@example.com", List.of()),
            new NameHolder("t-ops", "OPS@example.com", List.of()));
    SyncReport report = sync(target);
    assertThat(outcome(report, ChangeKind.CREATE_USER).targetId()).isEqualTo("t-ann");
    ChangeOutcome group = outcome(report, ChangeKind.CREATE_GROUP);
    assertThat(group.status()).isEqualTo(ChangeOutcome.Status.FAILED);
    assertThat(group.message())
        .contains("t-ops")
        .contains("by their exact name, and it is named \"OPS@example.com\"");
    assertThat(target.takenOver).extracting(c -> c.subject().targetId()).containsExactly("t-ann");
  }

  @Test
  void theOwnershipRuleIsTheCapabilities() {
    TargetCapabilities anchored = TargetCapabilities.builder().anchorIssuer(ISSUER).build();
    NameHolder retired =
        new NameHolder(
            "t", "ops", List.of(new ExternalId(ISSUER, "d-ops;left=2026-01-01T00:00:00Z")));
    assertThat(anchored.isOurs(retired, "d-ops", "ops")).isTrue();
    assertThat(anchored.isOurs(retired, "d-dev", "ops")).isFalse();
    NameHolder otherIssuer = new NameHolder("t", "ops", List.of(new ExternalId("urn:x", "d-ops")));
    assertThat(anchored.isOurs(otherIssuer, "d-ops", "ops")).isFalse();
    TargetCapabilities byName = TargetCapabilities.builder().build();
    assertThat(byName.isOurs(new NameHolder("t", "ops", List.of()), "any", "ops")).isTrue();
    assertThat(byName.isOurs(new NameHolder("t", "Ops", List.of()), "any", "ops")).isFalse();
  }
}
