package io.github.ssosync.plan;

import static io.github.ssosync.plan.PlanState.diff;
import static io.github.ssosync.plan.PlanState.updateReason;
import static io.github.ssosync.plan.PlanState.withoutAnchor;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.DesiredState.DesiredUser;
import io.github.ssosync.policy.DisableFallback;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The users' part of the match stage's outcome: creates, updates (renames, re-enabling, writing the
 * anchor on adoption) and disables of users suspended in the directory. Users nothing matched are
 * {@link Removals}' business.
 */
final class UserChanges {
  private final PlanState s;

  /** Target users' names by id, built on first use (to show a manager change by name). */
  private @Nullable Map<String, String> targetNames;

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
    warnUnwritable();
    // References first, so that a user's manager is known whatever order users are planned in.
    for (Matcher.Match<DesiredUser, TargetUser> m : result.matches()) {
      DesiredUser d = m.desired();
      String name = d.attributes().userName();
      switch (m.kind()) {
        case ANCHORED, ADOPTED, NOT_OWNED -> {
          TargetUser t = java.util.Objects.requireNonNull(m.target());
          s.userRefs.put(d.source().id(), ObjectRef.existing(t.id(), d.source().id(), name));
        }
        case NONE -> {
          if (d.attributes().active() || s.caps.canDisableUsers()) {
            s.userRefs.put(d.source().id(), ObjectRef.pending(d.source().id(), name));
          }
        }
        case AMBIGUOUS -> {}
      }
    }
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
    breakManagerCycles();
    return result.unmatched();
  }

  /** Once per run: mapped attributes the target cannot write are left alone. */
  private void warnUnwritable() {
    for (UserAttribute a : s.policy.attributeMapping().optional()) {
      if (!s.caps.canWrite(a)) {
        s.warnings.add(
            new PlanWarning(
                PlanWarning.Kind.CAPABILITY_FALLBACK,
                a.key(),
                "mapped, but the target cannot write "
                    + a.path()
                    + "; left as it is on every user"));
      }
    }
  }

  /** The manager a desired user should point at, or null for none. */
  private @Nullable ObjectRef manager(DesiredUser d) {
    return d.managerId() == null ? null : s.userRefs.get(d.managerId());
  }

  /** Whether the plan owns the user's manager attribute this run. */
  private boolean ownsManager(DesiredUser d) {
    return s.caps.canWrite(UserAttribute.MANAGER)
        && s.policy.attributeMapping().entry(UserAttribute.MANAGER) != null
        && !d.leftAlone().contains(UserAttribute.MANAGER)
        && (d.managerId() == null || s.userRefs.containsKey(d.managerId()));
  }

  private void create(DesiredUser d) {
    ObjectRef manager = ownsManager(d) ? manager(d) : null;
    UserAttributes a = d.attributes().withManager(manager);
    ObjectRef ref = ObjectRef.pending(d.source().id(), a.userName());
    if (!a.active() && !s.caps.canDisableUsers()) {
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              a.userName(),
              "suspended in the directory and the target cannot disable users; not created"));
      return;
    }
    UserAttributes stored = s.anchors ? a : withoutAnchor(a);
    s.changes.add(
        new Change.CreateUser(
            ref,
            stored,
            a.active() ? "selected in the directory" : "selected in the directory (suspended)"));
  }

  private void match(DesiredUser d, TargetUser t, boolean adopting) {
    boolean ownsManager = ownsManager(d);
    ObjectRef manager = ownsManager ? manager(d) : null;
    UserAttributes a = d.attributes().withManager(manager);
    ObjectRef ref = ObjectRef.existing(t.id(), d.source().id(), a.userName());
    s.matchedUserIds.add(t.id());
    List<AttributeChange> diffs = new ArrayList<>();
    diff(diffs, "userName", t.userName(), a.userName());
    diff(diffs, "name.givenName", t.givenName(), a.givenName());
    diff(diffs, "name.familyName", t.familyName(), a.familyName());
    diff(diffs, "displayName", t.displayName(), a.displayName());
    diff(diffs, "emails", t.email(), a.email());
    for (UserAttribute o : s.policy.attributeMapping().optional()) {
      if (o != UserAttribute.MANAGER && s.caps.canWrite(o) && !d.leftAlone().contains(o)) {
        diff(diffs, o.path(), t.optional().get(o), a.optional().get(o));
      }
    }
    AttributeChange managerChange = ownsManager ? managerChange(t, manager) : null;
    if (managerChange != null && manager != null && !manager.resolved()) {
      // The manager is created in this run: its id is known only once that create is done, so
      // the link is an update of its own, applied after it (ApplyOrder).
      s.changes.add(
          new Change.UpdateUser(ref, a, List.of(managerChange), "manager created in this run"));
      managerChange = null;
      a = a.withManager(null);
    }
    if (managerChange != null) {
      diffs.add(managerChange);
    }
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

  /** The change of a matched user's manager, or null when it is already right. */
  private @Nullable AttributeChange managerChange(TargetUser t, @Nullable ObjectRef wanted) {
    String held = t.optional().get(UserAttribute.MANAGER);
    String wantedId = wanted == null ? null : wanted.targetId();
    if (wanted != null && wantedId != null && wantedId.equals(held)) {
      return null;
    }
    if (wanted == null && held == null) {
      return null;
    }
    return new AttributeChange(
        UserAttribute.MANAGER.path(),
        held == null ? null : nameOfUser(held),
        wanted == null ? null : wanted.name());
  }

  /** A target user's name for plans, by id; the id when the snapshot does not hold it. */
  private String nameOfUser(String targetId) {
    if (targetNames == null) {
      targetNames = new java.util.HashMap<>();
      for (TargetUser u : s.target.users()) {
        targetNames.put(u.id(), u.userName());
      }
    }
    return targetNames.getOrDefault(targetId, targetId);
  }

  /**
   * Users created in this run whose managers are created in this run too are created after them, in
   * waves (ApplyOrder). Where such managers form a cycle, one user of the cycle is created without
   * its manager, and an update links it once both exist.
   */
  private void breakManagerCycles() {
    Map<String, Integer> createBySource = new java.util.HashMap<>();
    for (int i = 0; i < s.changes.size(); i++) {
      if (s.changes.get(i) instanceof Change.CreateUser c && c.user().sourceId() != null) {
        createBySource.put(c.user().sourceId(), i);
      }
    }
    java.util.Set<String> done = new java.util.HashSet<>();
    for (String start : PlanState.sorted(createBySource.keySet(), x -> x)) {
      java.util.List<String> path = new ArrayList<>();
      java.util.Set<String> onPath = new java.util.HashSet<>();
      String at = start;
      while (at != null && !done.contains(at) && onPath.add(at)) {
        path.add(at);
        ObjectRef m =
            ((Change.CreateUser) s.changes.get(createBySource.get(at))).attributes().manager();
        at =
            m != null && !m.resolved() && createBySource.containsKey(m.sourceId())
                ? m.sourceId()
                : null;
      }
      if (at != null && onPath.contains(at)) {
        // A cycle: the user that closes it is created without its manager and linked after.
        int i = createBySource.get(at);
        Change.CreateUser c = (Change.CreateUser) s.changes.get(i);
        ObjectRef m = java.util.Objects.requireNonNull(c.attributes().manager());
        s.changes.set(
            i, new Change.CreateUser(c.user(), c.attributes().withManager(null), c.reason()));
        s.changes.add(
            new Change.UpdateUser(
                c.user(),
                c.attributes(),
                List.of(new AttributeChange(UserAttribute.MANAGER.path(), null, m.name())),
                "manager created in this run (managers form a cycle)"));
      }
      done.addAll(path);
    }
  }
}
