package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.target.TargetGroup;
import io.github.ssosync.target.TargetUser;
import io.github.ssosync.testkit.aws.IdentityCenterEmulator;
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
    for (ChangeOutcome o : outcomes) {
      switch (o.status()) {
        case APPLIED -> assertInStore(o.change(), aws);
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

  /** An applied change is visible in the store, exactly as planned. */
  private static void assertInStore(Change change, IdentityCenterEmulator aws) {
    String name = change.subject().name();
    if (change instanceof Change.CreateUser c) {
      assertUser(aws, c.attributes());
    } else if (change instanceof Change.UpdateUser c) {
      assertUser(aws, c.attributes());
    } else if (change instanceof Change.DisableUser) {
      assertThat(user(aws, name).active()).as("%s disabled", name).isFalse();
    } else if (change instanceof Change.DeleteUser c) {
      assertThat(aws.users())
          .as("%s deleted", name)
          .extracting(TargetUser::id)
          .doesNotContain(c.user().targetId());
    } else if (change instanceof Change.CreateGroup c) {
      assertThat(group(aws, name).description()).isEqualTo(c.attributes().description());
    } else if (change instanceof Change.UpdateGroup c) {
      TargetGroup g = group(aws, c.attributes().displayName());
      assertThat(g.description()).isEqualTo(c.attributes().description());
    } else if (change instanceof Change.DeleteGroup c) {
      assertThat(aws.groups()).extracting(TargetGroup::id).doesNotContain(c.group().targetId());
    } else if (change instanceof Change.AddMembership c) {
      assertThat(memberships(aws)).contains(pair(c.group().name(), c.user().name()));
    } else if (change instanceof Change.RemoveMembership c) {
      assertThat(memberships(aws)).doesNotContain(pair(c.group().name(), c.user().name()));
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

  static Set<String> memberships(IdentityCenterEmulator aws) {
    return StoreView.of(aws).memberships();
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

  private static void assertUser(
      IdentityCenterEmulator aws, io.github.ssosync.change.UserAttributes a) {
    TargetUser u = user(aws, a.userName());
    assertThat(u.givenName()).isEqualTo(a.givenName());
    assertThat(u.familyName()).isEqualTo(a.familyName());
    assertThat(u.displayName()).isEqualTo(a.displayName());
    assertThat(u.email()).isEqualTo(a.email());
    assertThat(u.active()).isEqualTo(a.active());
  }

  private static TargetUser user(IdentityCenterEmulator aws, String userName) {
    return aws.users().stream()
        .filter(u -> u.userName().equals(userName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no user " + userName + " in the store"));
  }

  private static TargetGroup group(IdentityCenterEmulator aws, String displayName) {
    return aws.groups().stream()
        .filter(g -> g.displayName().equals(displayName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + displayName + " in the store"));
  }
}
