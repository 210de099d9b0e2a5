package io.github.ssosync.plan;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the planner's stages read (the desired state, the target, the policy) and what they build up
 * and hand on to the next stage (changes, warnings, references, who is owned). One per plan; not
 * thread-safe.
 */
final class PlanState {
  final DesiredState desired;
  final TargetSnapshot target;
  final SyncPolicy policy;
  final Instant now;
  final TargetCapabilities caps;
  final boolean anchors;
  final NamePatterns ignoreUsers;
  final NamePatterns ignoreGroups;

  final List<Change> changes = new ArrayList<>();
  final Set<PlanWarning> warnings;
  final List<PendingDeletion> pending = new ArrayList<>();

  /** References of desired users that can be members, by directory id. */
  final Map<String, ObjectRef> userRefs = new HashMap<>();

  /** Target users matched to exactly one desired user, by target id. */
  final Set<String> matchedUserIds = new HashSet<>();

  /** Target users that may lose memberships even though no desired user matches them. */
  final Set<String> removableUserIds = new HashSet<>();

  /** Target users this plan deletes (their memberships go with them). */
  final Set<String> deletedUserIds = new HashSet<>();

  /** References of desired groups whose memberships the engine manages, by directory id. */
  final Map<String, ObjectRef> managedGroupRefs = new HashMap<>();

  /**
   * Owned groups that left the directory's scope and are kept for now: every membership goes, so
   * access through them ends at once while their ids (and permission-set assignments) survive.
   */
  final List<ObjectRef> emptiedGroups = new ArrayList<>();

  int ownedUsers;
  int ownedGroups;
  int unownedUsers;
  int unownedGroups;

  PlanState(DesiredState desired, TargetSnapshot target, SyncPolicy policy, Instant now) {
    this.desired = desired;
    this.target = target;
    this.policy = policy;
    this.now = now;
    this.caps = target.capabilities();
    this.anchors = caps.storesAnchors();
    this.ignoreUsers = NamePatterns.of(policy.ignoreUsers());
    this.ignoreGroups = NamePatterns.of(policy.ignoreGroups());
    this.warnings = new HashSet<>(desired.warnings);
  }

  /**
   * Whether an object matched by name only is taken over (ownerMode, or a target without anchors).
   */
  boolean adopts() {
    return !anchors || policy.ownerMode() != OwnerMode.ANCHORED;
  }

  static void diff(
      List<AttributeChange> diffs,
      String attribute,
      @Nullable String before,
      @Nullable String after) {
    if (!Objects.equals(before, after)) {
      diffs.add(new AttributeChange(attribute, before, after));
    }
  }

  static String updateReason(
      List<AttributeChange> diffs, boolean adopting, String renameAttribute) {
    Set<String> why = new java.util.LinkedHashSet<>();
    if (adopting) {
      why.add("adopted: matched by name (ownerMode)");
    }
    boolean renamed = diffs.stream().anyMatch(c -> c.attribute().equals(renameAttribute));
    for (AttributeChange c : diffs) {
      switch (c.attribute()) {
        case "externalId" -> {
          if (c.before() != null) {
            why.add("back in the directory scope");
          }
        }
        case "active" -> why.add("active again in the directory scope");
        // The plan sees two states, not which side moved: a rename in the directory and a hand
        // edit in the target (repaired here) look alike, so the reason names both.
        case "emails" ->
            why.add(
                (renamed ? "renamed" : "email changed")
                    + " in the directory, or changed in the target, restored");
        default ->
            why.add(
                (c.attribute().equals(renameAttribute) ? "renamed" : "attributes changed")
                    + " in the directory, or changed in the target, restored");
      }
    }
    return String.join("; ", why);
  }

  static UserAttributes withoutAnchor(UserAttributes a) {
    return a.withExternalId(null);
  }

  static <T> List<T> sorted(
      java.util.Collection<T> values, java.util.function.Function<T, String> key) {
    List<T> list = new ArrayList<>(values);
    list.sort(Comparator.comparing(key));
    return list;
  }
}
