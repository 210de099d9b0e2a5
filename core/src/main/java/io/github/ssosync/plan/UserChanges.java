package io.github.ssosync.plan;

import static io.github.ssosync.plan.PlanState.diff;
import static io.github.ssosync.plan.PlanState.updateReason;
import static io.github.ssosync.plan.PlanState.withoutAnchor;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.plan.DesiredState.DesiredUser;
import io.github.ssosync.policy.DisableFallback;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.List;

/**
 * The users' part of the match stage's outcome: creates, updates (renames, re-enabling, writing the
 * anchor on adoption) and disables of users suspended in the directory. Users nothing matched are
 * {@link Removals}' business.
 */
final class UserChanges {
  private final PlanState s;

  UserChanges(PlanState s) {
    this.s = s;
  }

  /** Matches the desired users and plans their changes; returns the target users left over. */
  List<TargetUser> plan() {
    Matcher<DesiredUser, TargetUser> matcher =
        new Matcher<>(
            s,
            TargetUser::id,
            TargetUser::userName,
            TargetUser::externalIds,
            s.ignoreUsers,
            "user name");
    Matcher.Result<DesiredUser, TargetUser> result =
        matcher.match(
            PlanState.sorted(s.desired.users.values(), u -> u.source().id()),
            u -> u.source().id(),
            u -> u.attributes().userName(),
            PlanState.sorted(s.target.users(), TargetUser::id));
    for (Matcher.Match<DesiredUser, TargetUser> m : result.matches()) {
      DesiredUser d = m.desired();
      switch (m.kind()) {
        case ANCHORED -> {
          s.ownedUsers++;
          match(d, java.util.Objects.requireNonNull(m.target()), false);
        }
        case ADOPTED -> {
          s.ownedUsers++;
          match(d, java.util.Objects.requireNonNull(m.target()), true);
        }
        case NOT_OWNED -> {
          TargetUser t = java.util.Objects.requireNonNull(m.target());
          s.unownedUsers++;
          s.matchedUserIds.add(t.id());
          s.userRefs.put(
              d.source().id(),
              ObjectRef.existing(t.id(), d.source().id(), d.attributes().userName()));
          s.warnings.add(
              new PlanWarning(
                  PlanWarning.Kind.NOT_OWNED,
                  d.attributes().userName(),
                  "exists in the target without our anchor; left as it is (ownerMode=ANCHORED;"
                      + " ownerMode=ADOPT would take it over). Group memberships are still"
                      + " synced."));
        }
        case NONE -> create(d);
        case AMBIGUOUS -> {}
      }
    }
    return result.unmatched();
  }

  private void create(DesiredUser d) {
    UserAttributes a = d.attributes();
    ObjectRef ref = ObjectRef.pending(d.source().id(), a.userName());
    if (!a.active() && !s.caps.canDisableUsers()) {
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              a.userName(),
              "suspended in the directory and the target cannot disable users; not created"));
      return;
    }
    s.userRefs.put(d.source().id(), ref);
    UserAttributes stored = s.anchors ? a : withoutAnchor(a);
    s.changes.add(
        new Change.CreateUser(
            ref,
            stored,
            a.active() ? "selected in the directory" : "selected in the directory (suspended)"));
  }

  private void match(DesiredUser d, TargetUser t, boolean adopting) {
    UserAttributes a = d.attributes();
    ObjectRef ref = ObjectRef.existing(t.id(), d.source().id(), a.userName());
    s.userRefs.put(d.source().id(), ref);
    s.matchedUserIds.add(t.id());
    List<AttributeChange> diffs = new ArrayList<>();
    diff(diffs, "userName", t.userName(), a.userName());
    diff(diffs, "name.givenName", t.givenName(), a.givenName());
    diff(diffs, "name.familyName", t.familyName(), a.familyName());
    diff(diffs, "displayName", t.displayName(), a.displayName());
    diff(diffs, "emails", t.email(), a.email());
    if (s.anchors && s.caps.anchorOf(t.externalIds()) == null) {
      diffs.add(new AttributeChange("externalId", null, d.source().id()));
    }
    if (s.caps.canDisableUsers() && a.active() && !t.active()) {
      diffs.add(new AttributeChange("active", "false", "true"));
    }
    if (!diffs.isEmpty()) {
      s.changes.add(
          new Change.UpdateUser(
              ref,
              s.anchors ? a : withoutAnchor(a),
              diffs,
              updateReason(diffs, adopting, "userName")));
    }
    if (a.active()) {
      return;
    }
    if (s.caps.canDisableUsers()) {
      if (t.active()) {
        s.changes.add(new Change.DisableUser(ref, null, "suspended in the directory"));
      }
    } else if (s.policy.disableFallback() == DisableFallback.DELETE) {
      s.changes.add(
          new Change.DeleteUser(
              ref, "suspended in the directory; the target cannot disable users"));
      s.deletedUserIds.add(t.id());
    } else {
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              a.userName(),
              "suspended in the directory, but the target cannot disable users; left active"
                  + " (disableFallback=LEAVE)"));
    }
  }
}
