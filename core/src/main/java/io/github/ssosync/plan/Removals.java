package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.policy.DisableFallback;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The removal stage: what the match stage left over. Ignored, protected and unowned objects are
 * left alone. An owned user that left is disabled and deleted after the grace period (deleted at
 * once with a zero grace period; where the target cannot disable, by {@code disableFallback}); an
 * owned group that left is retired (emptied, marked with when it left) and deleted after the group
 * grace period. README planner rules 6 and 7.
 */
final class Removals {
  private final PlanState s;

  Removals(PlanState s) {
    this.s = s;
  }

  void users(List<TargetUser> unmatched) {
    unmatched.forEach(this::unmatchedUser);
  }

  void groups(List<TargetGroup> unmatched) {
    unmatched.forEach(this::unmatchedGroup);
  }

  private void unmatchedUser(TargetUser t) {
    if (s.ignoreUsers.matches(t.userName())) {
      return;
    }
    String anchor = s.caps.anchorOf(t.externalIds());
    if ((anchor != null && s.desired.protectedUserIds.contains(anchor))
        || s.desired.protectedUserNames.contains(NamePatterns.fold(t.userName()))) {
      return;
    }
    if (anchor == null && s.policy.ownerMode() != OwnerMode.ALL) {
      s.unownedUsers++;
      return;
    }
    s.ownedUsers++;
    s.removableUserIds.add(t.id());
    ObjectRef ref = ObjectRef.existing(t.id(), anchor, t.userName());
    Duration grace = s.policy.gracePeriod();
    if (grace.isZero()) {
      s.changes.add(new Change.DeleteUser(ref, "no longer selected in the directory"));
      s.deletedUserIds.add(t.id());
    } else if (s.caps.canDisableUsers()) {
      if (t.active()) {
        s.changes.add(
            new Change.DisableUser(
                ref,
                s.now.plus(grace),
                "no longer selected in the directory; deleted after " + Durations.format(grace)));
      } else {
        Instant since = t.updatedAt() != null ? t.updatedAt() : s.now;
        Instant due = since.plus(grace);
        if (!due.isAfter(s.now)) {
          s.changes.add(
              new Change.DeleteUser(
                  ref,
                  "disabled since "
                      + since
                      + " and not back; grace period of "
                      + Durations.format(grace)
                      + " over"));
          s.deletedUserIds.add(t.id());
        } else {
          s.pending.add(new PendingDeletion(ref, PendingDeletion.Type.USER, due));
        }
      }
    } else if (s.policy.disableFallback() == DisableFallback.DELETE) {
      s.changes.add(
          new Change.DeleteUser(
              ref, "no longer selected in the directory; the s.target cannot disable users"));
      s.deletedUserIds.add(t.id());
    } else {
      // Access must still end: the membership diff removes every membership it has in the
      // groups we manage (removableUserIds), and the directory restores them if it comes back.
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              t.userName(),
              "no longer selected in the directory and the s.target cannot disable users: its"
                  + " memberships of the synced groups are removed, the user is kept"
                  + " (disableFallback=LEAVE; DELETE deletes it)"));
    }
  }

  private void unmatchedGroup(TargetGroup t) {
    if (s.ignoreGroups.matches(t.displayName())) {
      return;
    }
    String anchor = s.caps.anchorOf(t.externalIds());
    if ((anchor != null && s.desired.protectedGroupIds.contains(anchor))
        || s.desired.protectedGroupNames.contains(NamePatterns.fold(t.displayName()))) {
      return;
    }
    if (anchor == null && s.policy.ownerMode() != OwnerMode.ALL) {
      s.unownedGroups++;
      return;
    }
    s.ownedGroups++;
    retireGroup(t, ObjectRef.existing(t.id(), anchor, t.displayName()));
  }

  /**
   * An owned group that left the directory's scope (deleted there, or no longer selected). Deleting
   * it at once would take its permission-set assignments with it on one run's say-so, so it is
   * emptied (access through it ends), marked with the time it left, and deleted only once the group
   * grace period is over; if it comes back in time it keeps its id and assignments.
   */
  private void retireGroup(TargetGroup t, ObjectRef ref) {
    Duration grace = s.policy.groupGracePeriod();
    if (grace != null && grace.isZero()) {
      s.changes.add(new Change.DeleteGroup(ref, "no longer selected in the directory"));
      return;
    }
    Anchor anchor = s.caps.anchor(t.externalIds());
    if (anchor == null && s.anchors) {
      // Owned without our anchor (ownerMode=ALL): it has no directory id, so the mark carries
      // its own target id, which no directory object has.
      anchor = new Anchor(t.id(), null);
    }
    if (anchor == null) {
      // A target without anchors has nowhere to record when the group left: empty it, and leave
      // the deletion to a person.
      s.emptiedGroups.add(ref);
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              t.displayName(),
              "no longer selected in the directory: emptied and kept, since the s.target cannot"
                  + " record when it left (no anchor); delete it by hand, or set the group grace"
                  + " period to 0 to delete such groups at once"));
      return;
    }
    Instant left = anchor.leftScopeAt();
    if (left == null) {
      s.emptiedGroups.add(ref);
      Instant due = grace == null ? null : s.now.plus(grace);
      s.changes.add(
          new Change.RetireGroup(
              ref,
              Anchor.leftScope(anchor.sourceId(), s.now).value(),
              due,
              "no longer selected in the directory; emptied, "
                  + (grace == null
                      ? "kept (groups that leave are kept for ever)"
                      : "deleted after " + Durations.format(grace))));
      return;
    }
    Instant due = grace == null ? null : left.plus(grace);
    if (due != null && !due.isAfter(s.now)) {
      s.changes.add(
          new Change.DeleteGroup(
              ref,
              "left the directory scope at "
                  + left
                  + " and not back; grace period of "
                  + Durations.format(grace)
                  + " over"));
      return;
    }
    s.emptiedGroups.add(ref); // members added by hand meanwhile go too
    if (due != null) {
      s.pending.add(new PendingDeletion(ref, PendingDeletion.Type.GROUP, due));
    }
  }
}
