package io.github.ssosync.plan;

import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a directory snapshot, a target snapshot and a policy into a {@link SyncPlan}. A pure
 * function: no I/O, no clock of its own ({@code now} comes in), deterministic.
 *
 * <p>What it does, in order, one small class per stage: <b>select</b> the groups and users the
 * policy asks for, flatten nested groups (cycles end, each user once), drop external and customer
 * members, archived, ignored and incomplete users ({@code DesiredState}); <b>match</b> each desired
 * user, then group, to the target by anchor, then by name (case-insensitively), never guessing
 * between two candidates, adopting by owner mode ({@code Matcher}, {@code UserChanges}, {@code
 * GroupChanges}); <b>remove</b> what left: owned users disabled, then deleted after the grace
 * period, owned groups retired, then deleted ({@code Removals}); check <b>name claims</b> ({@code
 * NameClaims}); diff <b>memberships</b>, emptying retired groups ({@code MembershipDiff}); let the
 * deletion <b>guard</b> judge the result ({@code Guard}); give each change its apply phase and
 * dependencies ({@code ApplyOrder}); and record the target's {@link TargetFingerprint}. See the
 * README for every rule.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans the changes that bring the target in step with the directory.
   *
   * @param directory a complete directory read
   * @param target a complete target read
   * @param policy what to sync and how
   * @param now the time the plan is for (grace periods are judged against it)
   * @return the plan
   */
  public static SyncPlan plan(
      DirectorySnapshot directory, TargetSnapshot target, SyncPolicy policy, Instant now) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    SyncPlan plan =
        new Reconciler(
                DesiredState.of(directory, policy, target.capabilities()), target, policy, now)
            .reconcile();
    return plan.withTargetFingerprint(
        TargetFingerprint.of(target, TargetFingerprint.groupsOf(plan)));
  }

  /**
   * The target groups whose memberships a plan for this directory and policy can change: those
   * named like a group the policy selects, and every group the engine owns (a group that left the
   * scope is emptied). Reading only these saves one call per page of every other group in the
   * store.
   *
   * @param directory a complete directory read
   * @param policy what to sync and how
   * @param capabilities what the target can do (how it shows anchors)
   * @return the scope for {@link io.github.ssosync.targets.IdentityTarget#read}
   */
  public static TargetScope membershipScope(
      DirectorySnapshot directory, SyncPolicy policy, TargetCapabilities capabilities) {
    Set<String> names = new HashSet<>();
    DesiredState.selectGroups(directory, policy, capabilities.limits(), null)
        .forEach((id, g) -> names.add(NamePatterns.fold(g.attributes().displayName())));
    NamePatterns ignored = NamePatterns.of(policy.ignoreGroups());
    boolean ownsAll = policy.ownerMode() == OwnerMode.ALL;
    return group -> {
      if (names.contains(NamePatterns.fold(group.displayName()))) {
        return true;
      }
      // Every group we own, selected or not: one that left the scope is emptied, and one waiting
      // out its grace period is kept empty.
      return !ignored.matches(group.displayName())
          && (ownsAll || capabilities.anchorOf(group.externalIds()) != null);
    };
  }
}
