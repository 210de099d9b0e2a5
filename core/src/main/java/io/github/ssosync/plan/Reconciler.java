package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs the planner's stages after selection ({@link DesiredState}), in order: match users ({@link
 * UserChanges}, through the one {@link Matcher}), their name claims ({@link NameClaims}), match
 * groups ({@link GroupChanges}), their name claims, the removal of what left ({@link Removals}),
 * the membership diff ({@link MembershipDiff}), then the guard ({@link Guard}) and the apply order
 * ({@link ApplyOrder}). One instance per plan.
 */
final class Reconciler {
  private final PlanState s;

  Reconciler(DesiredState desired, TargetSnapshot target, SyncPolicy policy, Instant now) {
    this.s = new PlanState(desired, target, policy, now);
  }

  SyncPlan reconcile() {
    if (!s.anchors) {
      s.warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              "target",
              "the target cannot store anchors: objects are matched by name, only"
                  + " ownerMode=ALL removes objects the directory does not select, and the"
                  + " members of the synced groups are exactly the directory's (a leaver loses"
                  + " its memberships at once)"));
    }
    Removals removals = new Removals(s);
    NameClaims names = new NameClaims(s);
    List<TargetUser> leftUsers = new UserChanges(s).plan();
    removals.users(leftUsers);
    names.resolve(true);
    List<TargetGroup> leftGroups = new GroupChanges(s).plan();
    removals.groups(leftGroups);
    names.resolve(false);
    new MembershipDiff(s).plan();
    s.changes.sort(CHANGE_ORDER);
    List<PlanWarning> sortedWarnings = new ArrayList<>(s.warnings);
    sortedWarnings.sort(
        Comparator.comparing(PlanWarning::kind)
            .thenComparing(PlanWarning::subject)
            .thenComparing(PlanWarning::message));
    s.pending.sort(
        Comparator.comparing((PendingDeletion p) -> p.dueAt())
            .thenComparing(PendingDeletion::type)
            .thenComparing(p -> p.subject().name()));
    int desiredMemberships = 0;
    for (Set<String> m : s.desired.members.values()) {
      desiredMemberships += m.size();
    }
    PlanStats stats =
        new PlanStats(
            s.desired.users.size(),
            s.desired.groups.size(),
            desiredMemberships,
            s.target.users().size(),
            s.target.groups().size(),
            s.ownedUsers,
            s.ownedGroups,
            s.unownedUsers,
            s.unownedGroups);
    return new SyncPlan(
        s.now,
        s.changes,
        sortedWarnings,
        s.pending,
        Guard.judge(s, s.ownedUsers + s.ownedGroups),
        stats);
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static final Comparator<ObjectRef> REF_ORDER =
      Comparator.comparing((ObjectRef r) -> NamePatterns.fold(r.name()))
          .thenComparing(ObjectRef::name)
          .thenComparing(r -> nullToEmpty(r.sourceId()))
          .thenComparing(r -> nullToEmpty(r.targetId()));

  static final Comparator<Change> CHANGE_ORDER =
      Comparator.comparing(Change::kind)
          .thenComparing(Change::subject, REF_ORDER)
          .thenComparing(Reconciler::member, Comparator.nullsFirst(REF_ORDER));

  private static @Nullable ObjectRef member(Change c) {
    if (c instanceof Change.AddMembership a) {
      return a.user();
    }
    if (c instanceof Change.RemoveMembership r) {
      return r.user();
    }
    return null;
  }
}
