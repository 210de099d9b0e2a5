package io.github.ssosync.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The source contract ({@code DirectorySourceContract}) in the form a real directory can be held
 * to: that contract serves a fixture of its own, which a read-only account cannot create, so these
 * tests read whatever the given group query selects and check the same promises on it: matched
 * groups are read with their members, nesting is followed to the end, every user a group names is
 * described (or named in a warning), reads are complete and repeatable, queries select exactly what
 * they say.
 */
abstract class DirectorySourceInvariants {
  private DirectorySource source;

  /** A fresh source over the directory. */
  protected abstract DirectorySource createSource();

  /** A group query that selects at least one group. */
  protected abstract String groupQuery();

  private DirectorySnapshot read(List<String> users, List<String> groups) {
    if (source == null) {
      source = createSource();
    }
    return source.read(new DirectoryQuery(users, groups));
  }

  @AfterEach
  void closeSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aGroupQueryReadsItsGroupsEveryNestedGroupAndEveryUserTheyName() {
    DirectorySnapshot s = read(List.of(), List.of(groupQuery()));
    Set<String> groupIds = s.groups().stream().map(DirectoryGroup::id).collect(Collectors.toSet());
    Set<String> userIds = s.users().stream().map(DirectoryUser::id).collect(Collectors.toSet());
    assertThat(s.matchedGroupIds()).as("the query selects something").isNotEmpty();
    assertThat(groupIds).as("each group once").hasSize(s.groups().size());
    assertThat(userIds).as("each user once").hasSize(s.users().size());
    assertThat(groupIds).containsAll(s.matchedGroupIds());
    assertThat(s.members().keySet()).as("members of every group read").containsAll(groupIds);
    String warned = s.warnings().toString();
    for (String groupId : groupIds) {
      for (DirectoryMember m : s.members().get(groupId)) {
        if (m.type() == MemberType.GROUP) {
          assertThat(groupIds).as("nested group %s followed", m.id()).contains(m.id());
        } else if (m.type() == MemberType.USER && !userIds.contains(m.id())) {
          assertThat(warned).as("user %s described or named in a warning", m.id()).contains(m.id());
        }
      }
    }
    assertThat(s.users()).allSatisfy(u -> assertThat(u.primaryEmail()).contains("@"));
  }

  @Test
  void twoReadsAgree() {
    DirectorySnapshot first = read(List.of(), List.of(groupQuery()));
    DirectorySnapshot second = read(List.of(), List.of(groupQuery(), groupQuery()));
    assertThat(second.matchedGroupIds()).isEqualTo(first.matchedGroupIds());
    assertThat(second.groups()).containsExactlyInAnyOrderElementsOf(first.groups());
    assertThat(second.users()).containsExactlyInAnyOrderElementsOf(first.users());
  }

  @Test
  void aUserQueryForOneEmailSelectsExactlyThatUser() {
    DirectoryUser someone =
        read(List.of(), List.of(groupQuery())).users().stream()
            .filter(u -> !u.archived())
            .findFirst()
            .orElseThrow(() -> new AssertionError("the group query selects no user"));
    DirectorySnapshot s = read(List.of("email=" + someone.primaryEmail()), List.of());
    assertThat(s.matchedUserIds()).containsExactly(someone.id());
    assertThat(s.groups()).isEmpty();
  }

  @Test
  void emptyQueriesSelectNothing() {
    DirectorySnapshot s = read(List.of(), List.of());
    assertThat(s.users()).isEmpty();
    assertThat(s.groups()).isEmpty();
  }
}
