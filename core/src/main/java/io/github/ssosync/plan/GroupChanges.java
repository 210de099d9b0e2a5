package io.github.ssosync.plan;

import static io.github.ssosync.plan.PlanState.diff;
import static io.github.ssosync.plan.PlanState.updateReason;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.plan.DesiredState.DesiredGroup;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The groups' part of the match stage's outcome: updates (renames, descriptions, the anchor on
 * adoption or return within the grace period), and the references the membership diff uses; a group
 * to create is created there, with its first members. Groups nothing matched are {@link Removals}'
 * business.
 */
final class GroupChanges {
  private final PlanState s;

  GroupChanges(PlanState s) {
    this.s = s;
  }

  /** Matches the desired groups and plans their updates; returns the target groups left over. */
  List<TargetGroup> plan() {
    Matcher<DesiredGroup, TargetGroup> matcher =
        new Matcher<>(
            s,
            TargetGroup::id,
            TargetGroup::displayName,
            TargetGroup::externalIds,
            s.ignoreGroups,
            "display name");
    Matcher.Result<DesiredGroup, TargetGroup> result =
        matcher.match(
            PlanState.sorted(s.desired.groups.values(), g -> g.source().id()),
            g -> g.source().id(),
            g -> g.attributes().displayName(),
            PlanState.sorted(s.target.groups(), TargetGroup::id));
    for (Matcher.Match<DesiredGroup, TargetGroup> m : result.matches()) {
      DesiredGroup d = m.desired();
      String id = d.source().id();
      String name = d.attributes().displayName();
      switch (m.kind()) {
        case ANCHORED -> {
          s.ownedGroups++;
          match(d, Objects.requireNonNull(m.target()), false);
        }
        case ADOPTED -> {
          s.ownedGroups++;
          match(d, Objects.requireNonNull(m.target()), true);
        }
        case NOT_OWNED -> {
          s.unownedGroups++;
          s.warnings.add(
              new PlanWarning(
                  PlanWarning.Kind.NOT_OWNED,
                  name,
                  "a group with this name exists in the target without our anchor; left as it is"
                      + " with its members (ownerMode=ANCHORED; ownerMode=ADOPT would take it"
                      + " over)"));
        }
        // Created with its members by the membership diff.
        case NONE -> s.managedGroupRefs.put(id, ObjectRef.pending(id, name));
        case AMBIGUOUS -> {}
      }
    }
    return result.unmatched();
  }

  /** The attributes a target stores: without the anchor where it cannot store one. */
  static GroupAttributes stored(PlanState s, GroupAttributes a) {
    return s.anchors ? a : new GroupAttributes(a.displayName(), a.description(), null);
  }

  private void match(DesiredGroup d, TargetGroup t, boolean adopting) {
    ObjectRef ref = ObjectRef.existing(t.id(), d.source().id(), d.attributes().displayName());
    s.managedGroupRefs.put(d.source().id(), ref);
    List<AttributeChange> diffs = new ArrayList<>();
    diff(diffs, "displayName", t.displayName(), d.attributes().displayName());
    if (s.policy.attributeMapping().syncGroupDescription()) {
      diff(diffs, "description", t.description(), d.attributes().description());
    }
    Anchor anchor = s.caps.anchor(t.externalIds());
    if (s.anchors && anchor == null) {
      diffs.add(new AttributeChange("externalId", null, d.source().id()));
    } else if (anchor != null && anchor.leftScopeAt() != null) {
      // Back within its grace period: the plain anchor again, and its members come back too.
      diffs.add(new AttributeChange("externalId", anchor.value(), d.source().id()));
    }
    if (!diffs.isEmpty()) {
      s.changes.add(
          new Change.UpdateGroup(
              ref, stored(s, d.attributes()), diffs, updateReason(diffs, adopting, "displayName")));
    }
  }
}
