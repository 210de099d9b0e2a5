package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks every scenario makes of a run: the report is exact, and nothing wrong was written. */
final class Audit {
  private Audit() {}

  /**
   * The report accounts for every planned change; what it calls applied is in the store; what it
   * calls failed or skipped says why; its status agrees with its outcomes.
   */
  static void assertReportExact(SyncReport report, IdentityCenterEmulator aws) {
    List<ChangeOutcome> outcomes = report.outcomes();
    assertThat(outcomes).extracting(ChangeOutcome::change).isEqualTo(report.plan().changes());
    Stored store = Stored.of(aws);
    for (ChangeOutcome o : outcomes) {
      switch (o.status()) {
        case APPLIED -> assertInStore(o.change(), store);
        case FAILED -> {
          assertThat(o.reason()).as("reason of failed %s", o.change()).isNotNull();
          assertThat(o.message()).as("message of failed %s", o.change()).isNotBlank();
        }
        case SKIPPED -> assertThat(o.message()).as("why %s was skipped", o.change()).isNotBlank();
      }
    }
    if (report.status() == SyncReport.Status.COMPLETED) {
      assertThat(report.failures()).isEmpty();
    }
    if (report.status() == SyncReport.Status.COMPLETED_WITH_FAILURES) {
      assertThat(report.failures()).isNotEmpty();
    }
    if (report.status() == SyncReport.Status.STOPPED) {
      assertThat(report.stopReason()).isNotBlank();
    }
  }

  /** The store read once, indexed the way the checks look things up. */
  private record Stored(
      Map<String, TargetUser> users,
      Map<String, TargetGroup> groups,
      Set<String> userIds,
      Set<String> groupIds,
      Set<String> memberships) {
    static Stored of(IdentityCenterEmulator aws) {
      Map<String, TargetUser> users = new HashMap<>();
      aws.users().forEach(u -> users.put(u.userName(), u));
      Map<String, TargetGroup> groups = new HashMap<>();
      aws.groups().forEach(g -> groups.put(g.displayName(), g));
      return new Stored(
          users,
          groups,
          users.values().stream().map(TargetUser::id).collect(Collectors.toSet()),
          groups.values().stream().map(TargetGroup::id).collect(Collectors.toSet()),
          StoreView.of(aws).memberships());
    }

    TargetUser user(String userName) {
      TargetUser u = users.get(userName);
      if (u == null) {
        throw new AssertionError("no user " + userName + " in the store");
      }
      return u;
    }

    TargetGroup group(String displayName) {
      TargetGroup g = groups.get(displayName);
      if (g == null) {
        throw new AssertionError("no group " + displayName + " in the store");
      }
      return g;
    }
  }

  /** An applied change is visible in the store, exactly as planned. */
  private static void assertInStore(Change change, Stored store) {
    String name = change.subject().name();
    if (change instanceof Change.CreateUser c) {
      assertUser(store.user(c.attributes().userName()), c.attributes());
    } else if (change instanceof Change.UpdateUser c) {
      assertUser(store.user(c.attributes().userName()), c.attributes());
    } else if (change instanceof Change.DisableUser) {
      assertThat(store.user(name).active()).as("%s disabled", name).isFalse();
    } else if (change instanceof Change.DeleteUser c) {
      assertThat(store.userIds()).as("%s deleted", name).doesNotContain(c.user().targetId());
    } else if (change instanceof Change.CreateGroup c) {
      assertThat(store.group(name).description()).isEqualTo(c.attributes().description());
    } else if (change instanceof Change.UpdateGroup c) {
      assertThat(store.group(c.attributes().displayName()).description())
          .isEqualTo(c.attributes().description());
    } else if (change instanceof Change.RetireGroup c) {
      assertThat(store.group(name).externalIds())
          .extracting(io.github.ssosync.targets.ExternalId::id)
          .contains(c.externalId());
    } else if (change instanceof Change.DeleteGroup c) {
      assertThat(store.groupIds()).doesNotContain(c.group().targetId());
    } else if (change instanceof Change.AddMembership c) {
      assertThat(store.memberships()).contains(pair(c.group().name(), c.user().name()));
    } else if (change instanceof Change.RemoveMembership c) {
      assertThat(store.memberships()).doesNotContain(pair(c.group().name(), c.user().name()));
    }
  }

  /**
   * Nothing was removed that the plan did not remove: every user, group and membership of {@code
   * before} that is gone (or a user that is disabled) in {@code after} is the subject of a planned
   * removal.
   */
  static void assertOnlyPlannedRemovals(StoreView before, StoreView after, SyncReport report) {
    Set<String> removedUsers = subjects(report, ChangeKind.DELETE_USER, ChangeKind.DISABLE_USER);
    Set<String> removedGroups = subjects(report, ChangeKind.DELETE_GROUP);
    Map<String, String> renamedGroups = new HashMap<>();
    for (Change c : report.plan().changes()) {
      if (c instanceof Change.UpdateGroup u) {
        for (AttributeChange a : u.changes()) {
          if (a.attribute().equals("displayName") && a.before() != null && a.after() != null) {
            renamedGroups.put(a.before(), a.after());
          }
        }
      }
    }
    for (String line : before.users()) {
      String userName = line.substring(0, line.indexOf(" | "));
      String now = after.user(userName);
      boolean removed = now == null || (line.endsWith("| active") && now.endsWith("| disabled"));
      if (removed) {
        assertThat(removedUsers)
            .as("%s removed or disabled without a plan to", userName)
            .contains(userName);
      }
    }
    Set<String> groupNamesAfter = names(after.groups());
    for (String name : names(before.groups())) {
      if (!groupNamesAfter.contains(renamedGroups.getOrDefault(name, name))) {
        assertThat(removedGroups).as("group %s gone without a plan to", name).contains(name);
      }
    }
    Set<String> removedPairs = new HashSet<>();
    for (ChangeOutcome o : report.outcomes()) {
      if (o.change() instanceof Change.RemoveMembership r) {
        removedPairs.add(pair(r.group().name(), r.user().name()));
      }
    }
    for (String m : before.memberships()) {
      String group = m.substring(0, m.indexOf(" <- "));
      String user = m.substring(m.indexOf(" <- ") + 4);
      if (!after.memberships().contains(pair(renamedGroups.getOrDefault(group, group), user))) {
        boolean explained =
            removedPairs.contains(m)
                || removedUsers.contains(user)
                || removedGroups.contains(group);
        assertThat(explained).as("membership %s gone without a plan to", m).isTrue();
      }
    }
  }

  /** A run that should have removed nothing planned no removal at all. */
  static void assertNoRemovals(SyncReport report) {
    assertThat(report.plan().changes())
        .filteredOn(c -> c.kind().removal())
        .as("removals planned")
        .isEmpty();
  }

  static String pair(String group, String user) {
    return group + " <- " + user;
  }

  private static Set<String> subjects(SyncReport report, ChangeKind... kinds) {
    Set<ChangeKind> wanted = Set.of(kinds);
    return report.plan().changes().stream()
        .filter(c -> wanted.contains(c.kind()))
        .map(c -> c.subject().name())
        .collect(Collectors.toSet());
  }

  private static Set<String> names(Set<String> lines) {
    return lines.stream().map(l -> l.substring(0, l.indexOf(" | "))).collect(Collectors.toSet());
  }

  private static void assertUser(TargetUser u, io.github.ssosync.change.UserAttributes a) {
    assertThat(u.givenName()).isEqualTo(a.givenName());
    assertThat(u.familyName()).isEqualTo(a.familyName());
    assertThat(u.displayName()).isEqualTo(a.displayName());
    assertThat(u.email()).isEqualTo(a.email());
    assertThat(u.active()).isEqualTo(a.active());
  }
}
