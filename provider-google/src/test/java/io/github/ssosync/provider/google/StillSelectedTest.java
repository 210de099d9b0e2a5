package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.loopback.FaultKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google's search index lags ("up to 36 hours for new data to be reflected in all search results"):
 * what a query result left out is confirmed by id before the engine removes it, one call per
 * candidate.
 */
class StillSelectedTest {
  @TempDir Path dir;

  private static DirectoryUser user(
      String id, String email, String ou, Map<String, String> attributes) {
    return new DirectoryUser(id, email, "N" + id, "F" + id, false, false, ou, attributes);
  }

  private final DirectoryUser ann = user("1", "ann@example.com", "/Eng", Map.of());
  private final DirectoryUser lagging = user("2", "lag@example.com", "/Eng/Platform", Map.of());
  private final DirectoryUser moved = user("3", "moved@example.com", "/Sales", Map.of());
  private final DirectoryUser archived =
      new DirectoryUser("4", "old@example.com", "O", "L", false, true, "/Eng", Map.of());
  private final DirectoryUser custom =
      user("5", "cus@example.com", "/Sales", Map.of("Emp.level", "7"));

  private DirectoryContent content() {
    DirectoryGroup a = DirectoryGroup.of("g1", "aws-a@example.com", "A");
    DirectoryGroup b = DirectoryGroup.of("g2", "aws-b@example.com", "B");
    DirectoryGroup renamed = DirectoryGroup.of("g3", "team-c@example.com", "C");
    return DirectoryContent.builder()
        .user(ann)
        .user(lagging)
        .user(moved)
        .user(archived)
        .user(custom)
        .group(a, DirectoryMember.user(ann))
        .group(b, DirectoryMember.user(lagging))
        .group(renamed, DirectoryMember.user(ann))
        .build();
  }

  @Test
  void usersLeftOutOfALaggingResultAreConfirmedByIdOneCallEach() {
    try (GoogleFixture f = new GoogleFixture(content(), dir)) {
      f.emulator.foreignUser("f1", "guest@partner.org");
      f.emulator.hideFromSearch("2", "4", "5");
      GoogleDirectorySource source = f.source();
      DirectoryQuery query =
          new DirectoryQuery(List.of("orgUnitPath=/Eng", "Emp.level>=5"), List.of());
      DirectorySnapshot s = source.read(query);
      assertThat(s.matchedUserIds()).containsExactly("1"); // 2, 4 and 5 lag behind in the index
      f.emulator.resetCalls();
      Set<String> candidates = Set.of("2", "3", "4", "5", "404", "f1");
      assertThat(source.stillSelected(query, candidates, Set.of()))
          .as(
              "2 is under /Eng, 5 has level 7; 3 moved away, 4 is archived, 404 is gone, f1 is"
                  + " another organisation's")
          .containsExactlyInAnyOrder("2", "5");
      assertThat(f.emulator.calls("users.get")).isEqualTo(candidates.size());
      assertThat(f.emulator.totalCalls() - f.emulator.calls("token")).isEqualTo(candidates.size());
      assertThat(source.apiCalls()).containsEntry("google.users.get", (long) candidates.size());
    }
  }

  @Test
  void groupsLeftOutOfALaggingResultAreConfirmedByIdOneCallEach() {
    try (GoogleFixture f = new GoogleFixture(content(), dir)) {
      f.emulator.hideFromSearch("g2");
      GoogleDirectorySource source = f.source();
      DirectoryQuery query = new DirectoryQuery(List.of(), List.of("email:aws-*"));
      assertThat(source.read(query).matchedGroupIds()).containsExactly("g1");
      f.emulator.resetCalls();
      assertThat(source.stillSelected(query, Set.of(), Set.of("g2", "g3", "g404")))
          .containsExactly("g2");
      assertThat(f.emulator.calls("groups.get")).isEqualTo(3);
      assertThat(source.apiCalls()).containsEntry("google.groups.get", 3L);
    }
  }

  @Test
  void aGroupSelectedByMemberKeyIsConfirmedWithHasMember() {
    try (GoogleFixture f = new GoogleFixture(content(), dir)) {
      f.emulator.hideFromSearch("g2");
      GoogleDirectorySource source = f.source();
      DirectoryQuery query = new DirectoryQuery(List.of(), List.of("memberKey=lag@example.com"));
      assertThat(source.read(query).matchedGroupIds()).isEmpty();
      f.emulator.resetCalls();
      assertThat(source.stillSelected(query, Set.of(), Set.of("g1", "g2"))).containsExactly("g2");
      assertThat(f.emulator.calls("members.hasMember")).isEqualTo(2);
      assertThat(f.emulator.calls("groups.get")).isZero();
    }
  }

  @Test
  void withoutASearchNothingIsLookedUpAndNothingIsSelected() {
    try (GoogleFixture f = new GoogleFixture(content(), dir)) {
      GoogleDirectorySource source = f.source();
      for (DirectoryQuery q :
          List.of(
              new DirectoryQuery(List.of("*"), List.of("*")),
              new DirectoryQuery(List.of(), List.of("*")),
              // users selected as members of a selected group: their member lists are read
              // directly, not searched, so a user missing from them has left
              new DirectoryQuery(List.of(), List.of()))) {
        assertThat(source.stillSelected(q, Set.of("1", "2"), Set.of("g1"))).isEmpty();
      }
      assertThat(f.emulator.totalCalls()).isZero();
    }
  }

  @Test
  void aConfirmationThatKeepsFailingThrowsSoThatNothingIsRemoved() {
    try (GoogleFixture f = new GoogleFixture(content(), dir)) {
      GoogleDirectorySource source = f.source();
      f.emulator.faults().failAlways(op -> op.equals("users.get"), FaultKind.UNAVAILABLE);
      DirectoryQuery query = new DirectoryQuery(List.of("orgUnitPath=/Eng"), List.of());
      assertThatThrownBy(() -> source.stillSelected(query, Set.of("2", "3"), Set.of()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(e.getMessage()).contains("users.get");
              });
    }
  }
}
