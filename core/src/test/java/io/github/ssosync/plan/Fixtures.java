package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for planner tests: a directory and a target written in a few lines. */
final class Fixtures {
  static final String ISSUER = "urn:test";
  static final TargetCapabilities CAPS = TargetCapabilities.full(ISSUER);
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private Fixtures() {}

  static DirectoryUser user(String id) {
    return DirectoryUser.of(id, id + "@example.com", "Given" + id, "Family" + id);
  }

  static DirectoryGroup group(String id) {
    return DirectoryGroup.of(id, id + "@example.com", "Group " + id);
  }

  /** Plans at {@link #NOW}. */
  static SyncPlan plan(Dir dir, Tgt target, SyncPolicy policy) {
    return Planner.plan(dir.snapshot(), target.snapshot(), policy, NOW);
  }

  /** A direct user member. */
  static DirectoryMember m(DirectoryUser u) {
    return DirectoryMember.user(u);
  }

  static SyncPolicy.Builder policy() {
    return SyncPolicy.builder().groupMatch("*");
  }

  /** A directory: add users and groups, say what matched, build a snapshot. */
  static final class Dir {
    final List<DirectoryUser> users = new ArrayList<>();
    final List<DirectoryGroup> groups = new ArrayList<>();
    final Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    final Set<String> matchedUsers = new HashSet<>();
    final Set<String> matchedGroups = new HashSet<>();

    Dir user(DirectoryUser u, boolean matched) {
      users.add(u);
      if (matched) {
        matchedUsers.add(u.id());
      }
      return this;
    }

    Dir users(DirectoryUser... us) {
      for (DirectoryUser u : us) {
        user(u, false);
      }
      return this;
    }

    Dir group(DirectoryGroup g, boolean matched, DirectoryMember... ms) {
      groups.add(g);
      members.put(g.id(), new ArrayList<>(List.of(ms)));
      if (matched) {
        matchedGroups.add(g.id());
      }
      return this;
    }

    DirectorySnapshot snapshot() {
      return new DirectorySnapshot(users, groups, members, matchedUsers, matchedGroups);
    }
  }

  /** A target: add users, groups, memberships; every group's memberships count as read. */
  static final class Tgt {
    final List<TargetUser> users = new ArrayList<>();
    final List<TargetGroup> groups = new ArrayList<>();
    final List<TargetMembership> memberships = new ArrayList<>();
    TargetCapabilities caps = CAPS;

    Tgt anchoredUser(String targetId, DirectoryUser source) {
      return anchoredUser(targetId, source, true, NOW);
    }

    Tgt anchoredUser(String targetId, DirectoryUser source, boolean active, Instant updatedAt) {
      users.add(
          new TargetUser(
              targetId,
              source.primaryEmail(),
              source.givenName() + " " + source.familyName(),
              source.givenName(),
              source.familyName(),
              source.primaryEmail(),
              active,
              List.of(new ExternalId(ISSUER, source.id())),
              updatedAt));
      return this;
    }

    Tgt handMadeUser(String targetId, String userName) {
      users.add(
          new TargetUser(
              targetId, userName, "Hand Made", "Hand", "Made", userName, true, List.of(), NOW));
      return this;
    }

    Tgt anchoredGroup(String targetId, DirectoryGroup source) {
      groups.add(
          new TargetGroup(
              targetId, source.email(), null, List.of(new ExternalId(ISSUER, source.id()))));
      return this;
    }

    Tgt handMadeGroup(String targetId, String displayName) {
      groups.add(new TargetGroup(targetId, displayName, null, List.of()));
      return this;
    }

    Tgt member(String groupTargetId, String userTargetId) {
      memberships.add(
          new TargetMembership(
              "m-" + groupTargetId + "-" + userTargetId, groupTargetId, userTargetId));
      return this;
    }

    TargetSnapshot snapshot() {
      Set<String> read = new HashSet<>();
      groups.forEach(g -> read.add(g.id()));
      return new TargetSnapshot(users, groups, memberships, read, caps);
    }
  }

  static List<Change> of(SyncPlan plan, ChangeKind kind) {
    return plan.changes().stream().filter(c -> c.kind() == kind).toList();
  }

  static List<String> names(SyncPlan plan, ChangeKind kind) {
    return of(plan, kind).stream().map(c -> c.subject().name()).toList();
  }

  static List<String> memberNames(SyncPlan plan, ChangeKind kind) {
    return of(plan, kind).stream()
        .map(
            c ->
                c.subject().name()
                    + " <- "
                    + (c instanceof Change.AddMembership a
                        ? a.user().name()
                        : ((Change.RemoveMembership) c).user().name()))
        .toList();
  }
}
