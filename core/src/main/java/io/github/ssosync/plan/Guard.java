package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The guard stage: counts the plan's removals (disables, retirements, deletes, and the access a
 * leaver loses through its memberships where it cannot be disabled) against the policy's deletion
 * guard and the number of owned objects, and says whether the plan is blocked and why.
 */
final class Guard {
  private Guard() {}

  static GuardVerdict judge(PlanState s, int owned) {
    List<String> removals = new ArrayList<>();
    Set<String> removedUsers = new HashSet<>();
    for (Change c : s.changes) {
      if (c.kind().removal()) {
        removals.add(
            c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ' '
                + c.subject().name());
        if (c.kind() == ChangeKind.DISABLE_USER || c.kind() == ChangeKind.DELETE_USER) {
          removedUsers.add(c.subject().targetId());
        }
      }
    }
    // A leaver who cannot be disabled loses its access through its memberships instead: that is
    // a removal too, counted once per user, so a policy change cannot strip access unguarded.
    for (Change c : s.changes) {
      if (c instanceof Change.RemoveMembership r
          && !s.matchedUserIds.contains(r.user().targetId())
          && removedUsers.add(r.user().targetId())) {
        removals.add("remove the access of " + r.user().name());
      }
    }
    int count = removals.size();
    int maxCount = s.policy.deletionGuard().maxRemovals();
    int maxPercent = s.policy.deletionGuard().maxPercent();
    List<String> exceeded = new ArrayList<>();
    if (maxCount > 0 && count > maxCount) {
      exceeded.add(count + " removals exceed the limit of " + maxCount);
    }
    int percentFrom = Math.max(1, s.policy.deletionGuard().percentFrom());
    if (maxPercent > 0 && count >= percentFrom && (long) count * 100 > (long) maxPercent * owned) {
      exceeded.add(
          count
              + " removals are "
              + (owned == 0 ? 100 : (count * 100 + owned - 1) / owned)
              + "% of "
              + owned
              + " owned objects, above the limit of "
              + maxPercent
              + "%");
    }
    if (exceeded.isEmpty() && (maxCount > 0 || maxPercent > 0) && owned >= 2 && count == owned) {
      // Below the minimum for the percentage, but everything we own: the signature of a query
      // that matches nothing (a typo), whatever the size of the store.
      exceeded.add(count + " removals are every owned object");
    }
    if (exceeded.isEmpty()) {
      return new GuardVerdict(false, count, owned, null);
    }
    StringBuilder reason = new StringBuilder(String.join(" and ", exceeded));
    reason.append(" (deletionGuard; allow the plan explicitly to apply it): would ");
    int listed = 0;
    for (String removal : removals) {
      if (listed == 20) {
        reason.append(", and ").append(count - listed).append(" more");
        break;
      }
      reason.append(listed == 0 ? "" : ", ").append(removal);
      listed++;
    }
    return new GuardVerdict(true, count, owned, reason.toString());
  }
}
