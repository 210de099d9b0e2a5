package io.github.ssosync.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One small sync through the whole engine, under a unique prefix: three users and two groups are
 * created, a second run finds nothing to do, a change in the directory updates a user in place and
 * removes another, and everything is removed at the end, whatever happened.
 */
abstract class RoundTripScenario {
  private static final DirectoryUser ANN = user("1", "ann", "Round");
  private static final DirectoryUser BOB = user("2", "bob", "Trip");
  private static final DirectoryUser CAT = user("3", "cat", "Gone");
  private static final DirectoryGroup TEAM_A =
      DirectoryGroup.of("ga", "team-a@live.example", "Team A");
  private static final DirectoryGroup TEAM_B =
      DirectoryGroup.of("gb", "team-b@live.example", "Team B");

  /** The real target, over a store that may hold anything. */
  protected abstract IdentityTarget realTarget();

  private static DirectoryUser user(String id, String name, String family) {
    return new DirectoryUser(
        "live-" + id,
        name + "@live.example",
        name.toUpperCase(),
        family,
        false,
        false,
        "/",
        Map.of());
  }

  @Test
  void aSmallDirectoryIsCreatedUpdatedInPlaceAndRemoved() {
    PrefixedTarget target = new PrefixedTarget(realTarget(), PrefixedTarget.newPrefix());
    try {
      InMemoryDirectorySource source =
          new InMemoryDirectorySource(
              DirectoryContent.builder()
                  .user(ANN)
                  .user(BOB)
                  .user(CAT)
                  .group(TEAM_A, DirectoryMember.user(ANN), DirectoryMember.user(BOB))
                  .group(TEAM_B, DirectoryMember.user(BOB), DirectoryMember.user(CAT))
                  .build());
      SyncEngine engine =
          SyncEngine.builder()
              .source(source)
              .target(target)
              .policy(
                  SyncPolicy.builder()
                      .groupMatch("email:team-*")
                      .gracePeriod(Duration.ZERO)
                      .groupGracePeriod(Duration.ZERO)
                      .deletionGuard(DeletionGuard.OFF)
                      .build())
              .build();

      assertThat(engine.sync().status()).isEqualTo(SyncReport.Status.COMPLETED);
      TargetSnapshot first = target.read(TargetScope.allGroups());
      assertThat(first.users())
          .extracting(TargetUser::userName)
          .containsExactlyInAnyOrder("ann@live.example", "bob@live.example", "cat@live.example");
      assertThat(first.groups())
          .extracting(TargetGroup::displayName)
          .containsExactlyInAnyOrder("team-a@live.example", "team-b@live.example");
      assertThat(first.memberships()).hasSize(4);
      assertThat(engine.plan().isEmpty()).as("a second run has nothing to do").isTrue();

      DirectoryUser renamed =
          new DirectoryUser(
              ANN.id(), ANN.primaryEmail(), "ANN", "Renamed", false, false, "/", Map.of());
      source.setContent(
          DirectoryContent.builder()
              .user(renamed)
              .user(BOB)
              .group(TEAM_A, DirectoryMember.user(renamed), DirectoryMember.user(BOB))
              .group(TEAM_B, DirectoryMember.user(BOB))
              .build());
      assertThat(engine.sync().status()).isEqualTo(SyncReport.Status.COMPLETED);
      TargetSnapshot second = target.read(TargetScope.allGroups());
      Map<String, TargetUser> byName =
          second.users().stream().collect(Collectors.toMap(TargetUser::userName, u -> u));
      assertThat(byName).containsOnlyKeys("ann@live.example", "bob@live.example");
      assertThat(byName.get("ann@live.example").familyName()).isEqualTo("Renamed");
      assertThat(byName.get("ann@live.example").id())
          .as("updated in place")
          .isEqualTo(idOf(first, "ann@live.example"));
      assertThat(second.memberships()).hasSize(3);
      assertThat(engine.plan().isEmpty()).isTrue();
    } finally {
      target.removeAll();
      assertThat(target.read(TargetScope.allGroups()).users()).isEmpty();
      target.close();
    }
  }

  private static String idOf(TargetSnapshot s, String userName) {
    return s.users().stream()
        .filter(u -> u.userName().equals(userName))
        .findFirst()
        .orElseThrow()
        .id();
  }
}
