package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a store holds, by name and without ids, so that two stores (the emulator and the in-memory
 * reference) compare equal when they hold the same users, groups and memberships.
 *
 * @param users one line per user: user name, names, email, active
 * @param groups one line per group: display name and description
 * @param memberships one line per membership: group name and user name
 */
record StoreView(SortedSet<String> users, SortedSet<String> groups, SortedSet<String> memberships) {

  static StoreView of(IdentityCenterEmulator aws) {
    return of(aws.users(), aws.groups(), aws.memberships());
  }

  static StoreView of(TargetSnapshot snapshot) {
    return of(snapshot.users(), snapshot.groups(), snapshot.memberships());
  }

  static StoreView of(
      List<TargetUser> users, List<TargetGroup> groups, List<TargetMembership> memberships) {
    SortedSet<String> u = new TreeSet<>();
    Map<String, String> userNames = new HashMap<>();
    for (TargetUser t : users) {
      userNames.put(t.id(), t.userName());
      u.add(
          String.join(
              " | ",
              t.userName(),
              text(t.displayName()),
              text(t.givenName()),
              text(t.familyName()),
              text(t.email()),
              t.active() ? "active" : "disabled"));
    }
    SortedSet<String> g = new TreeSet<>();
    Map<String, String> groupNames = new HashMap<>();
    for (TargetGroup t : groups) {
      groupNames.put(t.id(), t.displayName());
      g.add(t.displayName() + " | " + text(t.description()));
    }
    SortedSet<String> m = new TreeSet<>();
    for (TargetMembership t : memberships) {
      m.add(groupNames.get(t.groupId()) + " <- " + userNames.get(t.userId()));
    }
    return new StoreView(u, g, m);
  }

  /** Fails naming only the lines that differ. */
  static void assertSame(StoreView actual, StoreView expected) {
    assertThat(actual.users()).as("users").containsExactlyInAnyOrderElementsOf(expected.users());
    assertThat(actual.groups()).as("groups").containsExactlyInAnyOrderElementsOf(expected.groups());
    assertThat(actual.memberships())
        .as("memberships")
        .containsExactlyInAnyOrderElementsOf(expected.memberships());
  }

  /** The user line of a user name, or null. */
  @Nullable String user(String userName) {
    for (String line : users) {
      if (line.startsWith(userName + " | ")) {
        return line;
      }
    }
    return null;
  }

  private static String text(@Nullable String s) {
    return s == null ? "-" : s;
  }
}
