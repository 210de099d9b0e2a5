package io.github.ssosync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one selection closure, driven through a recording lookup. */
class SelectionTest {
  private static final DirectoryUser ANN = user("u1", "ann@example.com");
  private static final DirectoryUser BOB = user("u2", "bob@example.com");
  private static final DirectoryGroup ADMINS = group("g1", "aws-admins@example.com");
  private static final DirectoryGroup INNER = group("g2", "inner@example.com");
  private static final DirectoryGroup FOREIGN = group("g3", "team@partner.example");

  /** Answers from maps and records every question. */
  private static final class Recording implements Selection.Lookup {
    final Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();
    final List<DirectoryWarning> warnings = new ArrayList<>();

    @Override
    public List<DirectoryUser> users(String text, Optional<UserQuery> parsed) {
      asked.add("users " + text + " parsed=" + parsed.isPresent());
      return parsed.map(q -> List.of(ANN).stream().filter(q::matches).toList()).orElse(List.of());
    }

    @Override
    public List<DirectoryGroup> groups(String text, Optional<GroupQuery> parsed) {
      asked.add("groups " + text);
      return List.of(ADMINS);
    }

    @Override
    public Map<String, List<DirectoryMember>> members(List<DirectoryGroup> level, boolean nested) {
      asked.add("members " + level.stream().map(DirectoryGroup::id).toList() + " nested=" + nested);
      Map<String, List<DirectoryMember>> out = new LinkedHashMap<>();
      for (DirectoryGroup g : level) {
        if (g.id().equals(FOREIGN.id())) {
          warnings.add(new DirectoryWarning(g.email(), "not visible"));
        } else {
          out.put(g.id(), members.getOrDefault(g.id(), List.of()));
        }
      }
      return out;
    }

    @Override
    public Map<String, DirectoryUser> referencedUsers(List<Selection.Reference> missing) {
      asked.add(
          "referenced "
              + missing.stream().map(r -> r.member().id() + "@" + r.group().id()).toList());
      return missing.stream().anyMatch(r -> r.member().id().equals("u2"))
          ? Map.of("u2", BOB)
          : Map.of();
    }

    @Override
    public List<DirectoryWarning> warnings() {
      return warnings;
    }
  }

  @Test
  void nestedGroupsAreReadLevelByLevelEachOnceThroughACycleAndOnlyUnreturnedUsersAreFetched() {
    Recording lookup = new Recording();
    lookup.members.put(
        "g1", List.of(member(ANN), member(BOB), groupMember(INNER), groupMember(FOREIGN)));
    lookup.members.put(
        "g2",
        List.of(
            groupMember(ADMINS),
            new DirectoryMember("u9", "gone@example.com", MemberType.USER, MemberRole.MEMBER)));

    DirectorySnapshot s =
        Selection.read(new DirectoryQuery(List.of("email:ann*"), List.of("email:aws-*")), lookup);

    assertThat(lookup.asked)
        .containsExactly(
            "users email:ann* parsed=true",
            "groups email:aws-*",
            "members [g1] nested=false",
            "members [g2, g3] nested=true",
            "referenced [u2@g1, u9@g2]");
    assertThat(s.users()).containsExactly(ANN, BOB);
    assertThat(s.matchedUserIds()).containsExactly("u1");
    assertThat(s.groups()).extracting(DirectoryGroup::id).containsExactly("g1", "g2");
    assertThat(s.matchedGroupIds()).containsExactly("g1");
    assertThat(s.members()).containsOnlyKeys("g1", "g2");
    // A nested group reached only through a membership is described by it.
    assertThat(s.groups().get(1).name()).isEqualTo("inner@example.com");
    assertThat(s.warnings()).extracting(DirectoryWarning::subject).containsExactly(FOREIGN.email());
  }

  @Test
  void anInvalidQueryFailsBeforeTheSourceIsAskedAnything() {
    Recording lookup = new Recording();
    assertThatThrownBy(
            () -> Selection.read(new DirectoryQuery(List.of("*"), List.of("nickname:x")), lookup))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ProviderException.Reason.INVALID);
              assertThat(e.getMessage()).contains("group query 'nickname:x'");
            });
    assertThat(lookup.asked).isEmpty();
  }

  @Test
  void inMemoryDescribesNestedGroupsByTheirOwnAttributesAndLeavesOutOnesItLacks() {
    DirectoryGroup inner = new DirectoryGroup("g2", "inner@example.com", "Inner Team", "desc");
    Map<String, List<DirectoryMember>> members =
        Map.of(
            "g1",
            List.of(
                groupMember(inner),
                new DirectoryMember(
                    "g404", "ghost@example.com", MemberType.GROUP, MemberRole.MEMBER)),
            "g2",
            List.of(member(BOB)));
    DirectorySnapshot s =
        Selection.read(
            new DirectoryQuery(List.of(), List.of("*")),
            Selection.inMemory(List.of(ANN, BOB), List.of(ADMINS, inner), members));
    assertThat(s.groups()).containsExactly(ADMINS, inner);
    assertThat(s.users()).containsExactly(BOB);
    assertThat(s.matchedGroupIds()).containsExactlyInAnyOrder("g1", "g2");
  }

  private static DirectoryUser user(String id, String email) {
    return new DirectoryUser(id, email, "Given", "Family", false, false, "/", Map.of());
  }

  private static DirectoryGroup group(String id, String email) {
    return new DirectoryGroup(id, email, email, null);
  }

  private static DirectoryMember member(DirectoryUser u) {
    return new DirectoryMember(u.id(), u.primaryEmail(), MemberType.USER, MemberRole.MEMBER);
  }

  private static DirectoryMember groupMember(DirectoryGroup g) {
    return new DirectoryMember(g.id(), g.email(), MemberType.GROUP, MemberRole.MEMBER);
  }
}
