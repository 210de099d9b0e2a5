package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.plan.DesiredState.DesiredGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The membership-diff stage: for each group we manage, the members the directory wants against the
 * members the target has (a group to create gets its first members inline, up to the target's
 * limit); and every group retired or waiting out its grace period is emptied. Members we neither
 * match nor own (made by hand) keep their memberships where the target stores anchors.
 */
final class MembershipDiff {
  private final PlanState s;

  MembershipDiff(PlanState s) {
    this.s = s;
  }

  void plan() {
    Map<String, Map<String, TargetMembership>> actual = new HashMap<>();
    for (TargetMembership m : s.target.memberships()) {
      actual.computeIfAbsent(m.groupId(), k -> new HashMap<>()).putIfAbsent(m.userId(), m);
    }
    Map<String, TargetUser> targetUsers = new HashMap<>();
    for (TargetUser t : s.target.users()) {
      targetUsers.put(t.id(), t);
    }
    for (DesiredGroup d : PlanState.sorted(s.desired.groups.values(), g -> g.source().id())) {
      ObjectRef groupRef = s.managedGroupRefs.get(d.source().id());
      if (groupRef == null) {
        continue;
      }
      List<ObjectRef> wanted = new ArrayList<>();
      for (String userId : s.desired.members.getOrDefault(d.source().id(), Set.of())) {
        ObjectRef userRef = s.userRefs.get(userId);
        if (userRef != null) {
          wanted.add(userRef);
        }
      }
      String reason = "member of " + d.source().email() + " in the directory";
      if (!groupRef.resolved()) {
        // Which members ride inline must not depend on input order.
        wanted.sort(Reconciler.REF_ORDER);
        int inline = Math.min(s.caps.maxMembersOnGroupCreate(), wanted.size());
        s.changes.add(
            new Change.CreateGroup(
                groupRef,
                GroupChanges.stored(s, d.attributes()),
                wanted.subList(0, inline),
                "selected in the directory"));
        for (ObjectRef user : wanted.subList(inline, wanted.size())) {
          s.changes.add(new Change.AddMembership(groupRef, user, reason));
        }
        continue;
      }
      String groupId = groupRef.requireTargetId();
      if (!s.target.membershipsRead().contains(groupId)) {
        s.warnings.add(
            new PlanWarning(
                PlanWarning.Kind.MEMBERSHIPS_NOT_READ,
                groupRef.name(),
                "the s.target read did not include this group's memberships; they were not changed"));
        continue;
      }
      Map<String, TargetMembership> current = actual.getOrDefault(groupId, Map.of());
      Set<String> wantedIds = new HashSet<>();
      for (ObjectRef user : wanted) {
        if (user.targetId() != null) {
          wantedIds.add(user.targetId());
        }
        if (user.targetId() == null || !current.containsKey(user.targetId())) {
          s.changes.add(new Change.AddMembership(groupRef, user, reason));
        }
      }
      for (TargetMembership m : current.values()) {
        String userId = m.userId();
        // With anchors, a member we neither match nor own (made by hand) keeps its membership.
        // Without them ownership is by name only, and a leaver looks exactly like such a user:
        // the directory is the truth for the members of the groups we manage, so access ends.
        TargetUser t = targetUsers.get(userId);
        if (t == null
            || wantedIds.contains(userId)
            || s.deletedUserIds.contains(userId)
            || s.ignoreUsers.matches(t.userName())
            || (s.anchors
                && !(s.matchedUserIds.contains(userId) || s.removableUserIds.contains(userId)))) {
          continue;
        }
        s.changes.add(
            new Change.RemoveMembership(
                groupRef,
                ObjectRef.existing(userId, s.caps.anchorOf(t.externalIds()), t.userName()),
                m.id(),
                "not a member of " + d.source().email() + " in the directory"));
      }
    }
    for (ObjectRef group : s.emptiedGroups) {
      emptyGroup(group, actual.getOrDefault(group.requireTargetId(), Map.of()), targetUsers);
    }
  }

  private void emptyGroup(
      ObjectRef group, Map<String, TargetMembership> current, Map<String, TargetUser> users) {
    if (!s.target.membershipsRead().contains(group.requireTargetId())) {
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.MEMBERSHIPS_NOT_READ,
              group.name(),
              "left the directory scope, but the s.target read did not include its memberships;"
                  + " they were not removed"));
      return;
    }
    for (TargetMembership m : current.values()) {
      TargetUser t = users.get(m.userId());
      if (t == null
          || s.deletedUserIds.contains(m.userId())
          || s.ignoreUsers.matches(t.userName())) {
        continue;
      }
      s.changes.add(
          new Change.RemoveMembership(
              group,
              ObjectRef.existing(m.userId(), s.caps.anchorOf(t.externalIds()), t.userName()),
              m.id(),
              "the group left the directory scope"));
    }
  }
}
