package io.github.ssosync.plan;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.plan.DesiredState.DesiredGroup;
import io.github.ssosync.plan.DesiredState.DesiredUser;
import io.github.ssosync.policy.DisableFallback;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Matches the desired state to the target and emits the changes between them. One instance per
 * plan; not thread-safe.
 */
final class Reconciler {
  private final DesiredState desired;
  private final TargetSnapshot target;
  private final SyncPolicy policy;
  private final Instant now;
  private final TargetCapabilities caps;
  private final boolean anchors;
  private final NamePatterns ignoreUsers;
  private final NamePatterns ignoreGroups;

  private final List<Change> changes = new ArrayList<>();
  private final Set<PlanWarning> warnings;
  private final List<PendingDeletion> pending = new ArrayList<>();

  /** References of desired users that can be members, by directory id. */
  private final Map<String, ObjectRef> userRefs = new HashMap<>();

  /** Target users matched to exactly one desired user, by target id. */
  private final Set<String> matchedUserIds = new HashSet<>();

  /** Target users that may lose memberships even though no desired user matches them. */
  private final Set<String> removableUserIds = new HashSet<>();

  /** Target users this plan deletes (their memberships go with them). */
  private final Set<String> deletedUserIds = new HashSet<>();

  /** References of desired groups whose memberships the engine manages, by directory id. */
  private final Map<String, ObjectRef> managedGroupRefs = new HashMap<>();

  /**
   * Owned groups that left the directory's scope and are kept for now: every membership goes, so
   * access through them ends at once while their ids (and permission-set assignments) survive.
   */
  private final List<ObjectRef> emptiedGroups = new ArrayList<>();

  private int ownedUsers;
  private int ownedGroups;
  private int unownedUsers;
  private int unownedGroups;

  Reconciler(DesiredState desired, TargetSnapshot target, SyncPolicy policy, Instant now) {
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

  SyncPlan reconcile() {
    if (!anchors) {
      warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              "target",
              "the target cannot store anchors: objects are matched by name, only"
                  + " ownerMode=ALL removes objects the directory does not select, and the"
                  + " members of the synced groups are exactly the directory's (a leaver loses"
                  + " its memberships at once)"));
    }
    reconcileUsers();
    resolveNameClaims(true);
    reconcileGroups();
    resolveNameClaims(false);
    reconcileMemberships();
    changes.sort(CHANGE_ORDER);
    List<PlanWarning> sortedWarnings = new ArrayList<>(warnings);
    sortedWarnings.sort(
        Comparator.comparing(PlanWarning::kind)
            .thenComparing(PlanWarning::subject)
            .thenComparing(PlanWarning::message));
    pending.sort(
        Comparator.comparing((PendingDeletion p) -> p.dueAt())
            .thenComparing(PendingDeletion::type)
            .thenComparing(p -> p.subject().name()));
    int desiredMemberships = 0;
    for (Set<String> m : desired.members.values()) {
      desiredMemberships += m.size();
    }
    PlanStats stats =
        new PlanStats(
            desired.users.size(),
            desired.groups.size(),
            desiredMemberships,
            target.users().size(),
            target.groups().size(),
            ownedUsers,
            ownedGroups,
            unownedUsers,
            unownedGroups);
    return new SyncPlan(
        now, changes, sortedWarnings, pending, guard(ownedUsers + ownedGroups), stats);
  }

  // ---------------------------------------------------------------- users

  private void reconcileUsers() {
    Map<String, List<TargetUser>> byAnchor = new HashMap<>();
    Map<String, List<TargetUser>> byName = new HashMap<>();
    for (TargetUser t : target.users()) {
      if (ignoreUsers.matches(t.userName())) {
        continue;
      }
      String anchor = caps.anchorOf(t.externalIds());
      if (anchor != null) {
        byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>(1)).add(t);
      }
      byName.computeIfAbsent(NamePatterns.fold(t.userName()), k -> new ArrayList<>(1)).add(t);
    }
    Set<String> claimed = new HashSet<>();
    for (DesiredUser d : sorted(desired.users.values(), u -> u.source().id())) {
      String id = d.source().id();
      List<TargetUser> anchored = byAnchor.getOrDefault(id, List.of());
      if (anchored.size() > 1) {
        ambiguous(d.attributes().userName(), anchored.size(), "anchor " + id, claimed, anchored);
        continue;
      }
      if (anchored.size() == 1) {
        TargetUser t = anchored.get(0);
        claimed.add(t.id());
        ownedUsers++;
        matchUser(d, t, false);
        continue;
      }
      List<TargetUser> named =
          byName.getOrDefault(NamePatterns.fold(d.attributes().userName()), List.of());
      if (named.size() > 1) {
        ambiguous(d.attributes().userName(), named.size(), "user name", claimed, named);
        continue;
      }
      if (named.isEmpty()) {
        createUser(d);
        continue;
      }
      TargetUser t = named.get(0);
      if (caps.anchorOf(t.externalIds()) != null) {
        // The name belongs to another directory user's object; resolveNameClaims decides
        // whether it is freed in this plan.
        createUser(d);
        continue;
      }
      claimed.add(t.id());
      if (adopts()) {
        ownedUsers++;
        matchUser(d, t, true);
      } else {
        unownedUsers++;
        matchedUserIds.add(t.id());
        userRefs.put(id, ObjectRef.existing(t.id(), id, d.attributes().userName()));
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.NOT_OWNED,
                d.attributes().userName(),
                "exists in the target without our anchor; left as it is (ownerMode=ANCHORED;"
                    + " ownerMode=ADOPT would take it over). Group memberships are still synced."));
      }
    }
    for (TargetUser t : sorted(target.users(), TargetUser::id)) {
      if (!claimed.contains(t.id())) {
        unmatchedUser(t);
      }
    }
  }

  private void createUser(DesiredUser d) {
    UserAttributes a = d.attributes();
    ObjectRef ref = ObjectRef.pending(d.source().id(), a.userName());
    userRefs.put(d.source().id(), ref);
    if (!a.active() && !caps.canDisableUsers()) {
      warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              a.userName(),
              "suspended in the directory and the target cannot disable users; not created"));
      userRefs.remove(d.source().id());
      return;
    }
    UserAttributes stored = anchors ? a : withoutAnchor(a);
    changes.add(
        new Change.CreateUser(
            ref,
            stored,
            a.active() ? "selected in the directory" : "selected in the directory (suspended)"));
  }

  private void matchUser(DesiredUser d, TargetUser t, boolean adopting) {
    UserAttributes a = d.attributes();
    ObjectRef ref = ObjectRef.existing(t.id(), d.source().id(), a.userName());
    userRefs.put(d.source().id(), ref);
    matchedUserIds.add(t.id());
    List<AttributeChange> diffs = new ArrayList<>();
    diff(diffs, "userName", t.userName(), a.userName());
    diff(diffs, "name.givenName", t.givenName(), a.givenName());
    diff(diffs, "name.familyName", t.familyName(), a.familyName());
    diff(diffs, "displayName", t.displayName(), a.displayName());
    diff(diffs, "emails", t.email(), a.email());
    if (anchors && caps.anchorOf(t.externalIds()) == null) {
      diffs.add(new AttributeChange("externalId", null, d.source().id()));
    }
    if (caps.canDisableUsers() && a.active() && !t.active()) {
      diffs.add(new AttributeChange("active", "false", "true"));
    }
    if (!diffs.isEmpty()) {
      changes.add(
          new Change.UpdateUser(
              ref,
              anchors ? a : withoutAnchor(a),
              diffs,
              updateReason(diffs, adopting, "userName")));
    }
    if (!a.active()) {
      if (caps.canDisableUsers()) {
        if (t.active()) {
          changes.add(new Change.DisableUser(ref, null, "suspended in the directory"));
        }
      } else if (policy.disableFallback() == DisableFallback.DELETE) {
        changes.add(
            new Change.DeleteUser(
                ref, "suspended in the directory; the target cannot disable users"));
        deletedUserIds.add(t.id());
      } else {
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.CAPABILITY_FALLBACK,
                a.userName(),
                "suspended in the directory, but the target cannot disable users; left active"
                    + " (disableFallback=LEAVE)"));
      }
    }
  }

  private void unmatchedUser(TargetUser t) {
    if (ignoreUsers.matches(t.userName())) {
      return;
    }
    String anchor = caps.anchorOf(t.externalIds());
    if ((anchor != null && desired.protectedUserIds.contains(anchor))
        || desired.protectedUserNames.contains(NamePatterns.fold(t.userName()))) {
      return;
    }
    if (anchor == null && policy.ownerMode() != OwnerMode.ALL) {
      unownedUsers++;
      return;
    }
    ownedUsers++;
    removableUserIds.add(t.id());
    ObjectRef ref = ObjectRef.existing(t.id(), anchor, t.userName());
    Duration grace = policy.gracePeriod();
    if (grace.isZero()) {
      changes.add(new Change.DeleteUser(ref, "no longer selected in the directory"));
      deletedUserIds.add(t.id());
    } else if (caps.canDisableUsers()) {
      if (t.active()) {
        changes.add(
            new Change.DisableUser(
                ref,
                now.plus(grace),
                "no longer selected in the directory; deleted after " + Durations.format(grace)));
      } else {
        Instant since = t.updatedAt() != null ? t.updatedAt() : now;
        Instant due = since.plus(grace);
        if (!due.isAfter(now)) {
          changes.add(
              new Change.DeleteUser(
                  ref,
                  "disabled since "
                      + since
                      + " and not back; grace period of "
                      + Durations.format(grace)
                      + " over"));
          deletedUserIds.add(t.id());
        } else {
          pending.add(new PendingDeletion(ref, PendingDeletion.Type.USER, due));
        }
      }
    } else if (policy.disableFallback() == DisableFallback.DELETE) {
      changes.add(
          new Change.DeleteUser(
              ref, "no longer selected in the directory; the target cannot disable users"));
      deletedUserIds.add(t.id());
    } else {
      // Access must still end: reconcileMemberships removes every membership it has in the
      // groups we manage (removableUserIds), and the directory restores them if it comes back.
      warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              t.userName(),
              "no longer selected in the directory and the target cannot disable users: its"
                  + " memberships of the synced groups are removed, the user is kept"
                  + " (disableFallback=LEAVE; DELETE deletes it)"));
    }
  }

  // ---------------------------------------------------------------- groups

  private void reconcileGroups() {
    Map<String, List<TargetGroup>> byAnchor = new HashMap<>();
    Map<String, List<TargetGroup>> byName = new HashMap<>();
    for (TargetGroup t : target.groups()) {
      if (ignoreGroups.matches(t.displayName())) {
        continue;
      }
      String anchor = caps.anchorOf(t.externalIds());
      if (anchor != null) {
        byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>(1)).add(t);
      }
      byName.computeIfAbsent(NamePatterns.fold(t.displayName()), k -> new ArrayList<>(1)).add(t);
    }
    Set<String> claimed = new HashSet<>();
    for (DesiredGroup d : sorted(desired.groups.values(), g -> g.source().id())) {
      String id = d.source().id();
      String name = d.attributes().displayName();
      List<TargetGroup> anchored = byAnchor.getOrDefault(id, List.of());
      if (anchored.size() > 1) {
        anchored.forEach(t -> claimed.add(t.id()));
        warnings.add(ambiguousWarning(name, anchored.size(), "anchor " + id));
        continue;
      }
      if (anchored.size() == 1) {
        TargetGroup t = anchored.get(0);
        claimed.add(t.id());
        ownedGroups++;
        matchGroup(d, t, false);
        continue;
      }
      List<TargetGroup> named = byName.getOrDefault(NamePatterns.fold(name), List.of());
      if (named.size() > 1) {
        named.forEach(t -> claimed.add(t.id()));
        warnings.add(ambiguousWarning(name, named.size(), "display name"));
        continue;
      }
      if (named.isEmpty()) {
        ObjectRef ref = ObjectRef.pending(id, name);
        managedGroupRefs.put(id, ref);
        continue; // created with its members in reconcileMemberships
      }
      TargetGroup t = named.get(0);
      if (caps.anchorOf(t.externalIds()) != null) {
        managedGroupRefs.put(id, ObjectRef.pending(id, name));
        continue;
      }
      claimed.add(t.id());
      if (adopts()) {
        ownedGroups++;
        matchGroup(d, t, true);
      } else {
        unownedGroups++;
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.NOT_OWNED,
                name,
                "a group with this name exists in the target without our anchor; left as it is"
                    + " with its members (ownerMode=ANCHORED; ownerMode=ADOPT would take it over)"));
      }
    }
    for (TargetGroup t : sorted(target.groups(), TargetGroup::id)) {
      if (!claimed.contains(t.id())) {
        unmatchedGroup(t);
      }
    }
  }

  private void matchGroup(DesiredGroup d, TargetGroup t, boolean adopting) {
    ObjectRef ref = ObjectRef.existing(t.id(), d.source().id(), d.attributes().displayName());
    managedGroupRefs.put(d.source().id(), ref);
    List<AttributeChange> diffs = new ArrayList<>();
    diff(diffs, "displayName", t.displayName(), d.attributes().displayName());
    if (policy.attributeMapping().syncGroupDescription()) {
      diff(diffs, "description", t.description(), d.attributes().description());
    }
    Anchor anchor = caps.anchor(t.externalIds());
    if (anchors && anchor == null) {
      diffs.add(new AttributeChange("externalId", null, d.source().id()));
    } else if (anchor != null && anchor.leftScopeAt() != null) {
      // Back within its grace period: the plain anchor again, and its members come back below.
      diffs.add(new AttributeChange("externalId", anchor.value(), d.source().id()));
    }
    if (!diffs.isEmpty()) {
      changes.add(
          new Change.UpdateGroup(
              ref,
              anchors
                  ? d.attributes()
                  : new io.github.ssosync.change.GroupAttributes(
                      d.attributes().displayName(), d.attributes().description(), null),
              diffs,
              updateReason(diffs, adopting, "displayName")));
    }
  }

  private void unmatchedGroup(TargetGroup t) {
    if (ignoreGroups.matches(t.displayName())) {
      return;
    }
    String anchor = caps.anchorOf(t.externalIds());
    if ((anchor != null && desired.protectedGroupIds.contains(anchor))
        || desired.protectedGroupNames.contains(NamePatterns.fold(t.displayName()))) {
      return;
    }
    if (anchor == null && policy.ownerMode() != OwnerMode.ALL) {
      unownedGroups++;
      return;
    }
    ownedGroups++;
    retireGroup(t, ObjectRef.existing(t.id(), anchor, t.displayName()));
  }

  /**
   * An owned group that left the directory's scope (deleted there, or no longer selected). Deleting
   * it at once would take its permission-set assignments with it on one run's say-so, so it is
   * emptied (access through it ends), marked with the time it left, and deleted only once the group
   * grace period is over; if it comes back in time it keeps its id and assignments.
   */
  private void retireGroup(TargetGroup t, ObjectRef ref) {
    Duration grace = policy.groupGracePeriod();
    if (grace != null && grace.isZero()) {
      changes.add(new Change.DeleteGroup(ref, "no longer selected in the directory"));
      return;
    }
    Anchor anchor = caps.anchor(t.externalIds());
    if (anchor == null && anchors) {
      // Owned without our anchor (ownerMode=ALL): it has no directory id, so the mark carries
      // its own target id, which no directory object has.
      anchor = new Anchor(t.id(), null);
    }
    if (anchor == null) {
      // A target without anchors has nowhere to record when the group left: empty it, and leave
      // the deletion to a person.
      emptiedGroups.add(ref);
      warnings.add(
          new PlanWarning(
              PlanWarning.Kind.CAPABILITY_FALLBACK,
              t.displayName(),
              "no longer selected in the directory: emptied and kept, since the target cannot"
                  + " record when it left (no anchor); delete it by hand, or set the group grace"
                  + " period to 0 to delete such groups at once"));
      return;
    }
    Instant left = anchor.leftScopeAt();
    if (left == null) {
      emptiedGroups.add(ref);
      Instant due = grace == null ? null : now.plus(grace);
      changes.add(
          new Change.RetireGroup(
              ref,
              Anchor.leftScope(anchor.sourceId(), now).value(),
              due,
              "no longer selected in the directory; emptied, "
                  + (grace == null
                      ? "kept (groups that leave are kept for ever)"
                      : "deleted after " + Durations.format(grace))));
      return;
    }
    Instant due = grace == null ? null : left.plus(grace);
    if (due != null && !due.isAfter(now)) {
      changes.add(
          new Change.DeleteGroup(
              ref,
              "left the directory scope at "
                  + left
                  + " and not back; grace period of "
                  + Durations.format(grace)
                  + " over"));
      return;
    }
    emptiedGroups.add(ref); // members added by hand meanwhile go too
    if (due != null) {
      pending.add(new PendingDeletion(ref, PendingDeletion.Type.GROUP, due));
    }
  }

  // ---------------------------------------------------------------- name claims

  /**
   * Makes sure no create or rename claims a name (user names, group display names: unique ignoring
   * case) that an object keeps after this plan. A name held by an object this plan renames away or
   * deletes is free: the engine runs such deletes first. Anything else is deferred with a warning
   * rather than sent to fail with a conflict. Repeats until stable, since a deferred rename keeps
   * its old name.
   */
  private void resolveNameClaims(boolean users) {
    Map<String, String> current = new HashMap<>(); // target id -> folded name
    if (users) {
      target.users().forEach(t -> current.put(t.id(), NamePatterns.fold(t.userName())));
    } else {
      target.groups().forEach(t -> current.put(t.id(), NamePatterns.fold(t.displayName())));
    }
    String attribute = users ? "userName" : "displayName";
    ChangeKind delete = users ? ChangeKind.DELETE_USER : ChangeKind.DELETE_GROUP;
    Map<String, String> holders;
    boolean dropped;
    do {
      holders = holdersAfterPlan(current, attribute, delete);
      dropped = false;
      for (ListIterator<Change> it = changes.listIterator(); it.hasNext(); ) {
        Change c = it.next();
        String claimed = renamedTo(c, attribute);
        String holder = claimed == null ? null : holders.get(NamePatterns.fold(claimed));
        if (holder != null && !holder.equals(c.subject().targetId())) {
          Change rest = withoutRename(c, attribute);
          if (rest == null) {
            it.remove();
          } else {
            it.set(rest);
          }
          warnings.add(nameTaken(claimed, holder, "renamed"));
          dropped = true;
        }
      }
    } while (dropped);
    if (users) {
      for (ListIterator<Change> it = changes.listIterator(); it.hasNext(); ) {
        if (it.next() instanceof Change.CreateUser create) {
          String holder = holders.get(NamePatterns.fold(create.attributes().userName()));
          if (holder != null) {
            it.remove();
            userRefs.remove(create.user().sourceId());
            warnings.add(nameTaken(create.attributes().userName(), holder, "created"));
          }
        }
      }
    } else {
      for (Iterator<Map.Entry<String, ObjectRef>> it = managedGroupRefs.entrySet().iterator();
          it.hasNext(); ) {
        ObjectRef ref = it.next().getValue();
        String holder = ref.resolved() ? null : holders.get(NamePatterns.fold(ref.name()));
        if (holder != null) {
          it.remove();
          warnings.add(nameTaken(ref.name(), holder, "created"));
        }
      }
    }
  }

  /** Folded name -> id of the existing object that still holds it once the plan is applied. */
  private Map<String, String> holdersAfterPlan(
      Map<String, String> current, String attribute, ChangeKind delete) {
    Set<String> leaving = new HashSet<>();
    for (Change c : changes) {
      String id = c.subject().targetId();
      if (id != null && (c.kind() == delete || renamedTo(c, attribute) != null)) {
        leaving.add(id);
      }
    }
    Map<String, String> holders = new HashMap<>();
    current.forEach(
        (id, name) -> {
          if (!leaving.contains(id)) {
            holders.put(name, id);
          }
        });
    return holders;
  }

  private static @Nullable String renamedTo(Change c, String nameAttribute) {
    List<AttributeChange> diffs =
        c instanceof Change.UpdateUser u
            ? u.changes()
            : c instanceof Change.UpdateGroup g ? g.changes() : List.of();
    for (AttributeChange a : diffs) {
      if (a.attribute().equals(nameAttribute)
          && a.after() != null
          && !NamePatterns.fold(a.after())
              .equals(NamePatterns.fold(Objects.requireNonNullElse(a.before(), "")))) {
        return a.after();
      }
    }
    return null;
  }

  /** The change without its rename; null when nothing else was left to change. */
  private static @Nullable Change withoutRename(Change c, String nameAttribute) {
    if (c instanceof Change.UpdateUser u) {
      List<AttributeChange> rest =
          u.changes().stream().filter(a -> !a.attribute().equals(nameAttribute)).toList();
      return rest.isEmpty()
          ? null
          : new Change.UpdateUser(u.user(), u.attributes(), rest, u.reason());
    }
    Change.UpdateGroup g = (Change.UpdateGroup) c;
    List<AttributeChange> rest =
        g.changes().stream().filter(a -> !a.attribute().equals(nameAttribute)).toList();
    return rest.isEmpty()
        ? null
        : new Change.UpdateGroup(g.group(), g.attributes(), rest, g.reason());
  }

  private static PlanWarning nameTaken(String name, String holderId, String what) {
    return new PlanWarning(
        PlanWarning.Kind.NAME_TAKEN,
        name,
        "not "
            + what
            + ": the name is held (ignoring case) by target object "
            + holderId
            + ", which keeps it; it will be "
            + what
            + " once that object is renamed or removed");
  }

  // ---------------------------------------------------------------- memberships

  private void reconcileMemberships() {
    Map<String, Map<String, TargetMembership>> actual = new HashMap<>();
    for (TargetMembership m : target.memberships()) {
      actual.computeIfAbsent(m.groupId(), k -> new HashMap<>()).putIfAbsent(m.userId(), m);
    }
    Map<String, TargetUser> targetUsers = new HashMap<>();
    for (TargetUser t : target.users()) {
      targetUsers.put(t.id(), t);
    }
    for (DesiredGroup d : sorted(desired.groups.values(), g -> g.source().id())) {
      ObjectRef groupRef = managedGroupRefs.get(d.source().id());
      if (groupRef == null) {
        continue;
      }
      List<ObjectRef> wanted = new ArrayList<>();
      for (String userId : desired.members.getOrDefault(d.source().id(), Set.of())) {
        ObjectRef userRef = userRefs.get(userId);
        if (userRef != null) {
          wanted.add(userRef);
        }
      }
      String reason = "member of " + d.source().email() + " in the directory";
      if (!groupRef.resolved()) {
        wanted.sort(REF_ORDER); // which members ride inline must not depend on input order
        int inline = Math.min(caps.maxMembersOnGroupCreate(), wanted.size());
        changes.add(
            new Change.CreateGroup(
                groupRef,
                anchors
                    ? d.attributes()
                    : new io.github.ssosync.change.GroupAttributes(
                        d.attributes().displayName(), d.attributes().description(), null),
                wanted.subList(0, inline),
                "selected in the directory"));
        for (ObjectRef user : wanted.subList(inline, wanted.size())) {
          changes.add(new Change.AddMembership(groupRef, user, reason));
        }
        continue;
      }
      String groupId = groupRef.requireTargetId();
      if (!target.membershipsRead().contains(groupId)) {
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.MEMBERSHIPS_NOT_READ,
                groupRef.name(),
                "the target read did not include this group's memberships; they were not changed"));
        continue;
      }
      Map<String, TargetMembership> current = actual.getOrDefault(groupId, Map.of());
      Set<String> wantedIds = new HashSet<>();
      for (ObjectRef user : wanted) {
        if (user.targetId() != null) {
          wantedIds.add(user.targetId());
        }
        if (user.targetId() == null || !current.containsKey(user.targetId())) {
          changes.add(new Change.AddMembership(groupRef, user, reason));
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
            || deletedUserIds.contains(userId)
            || ignoreUsers.matches(t.userName())
            || (anchors
                && !(matchedUserIds.contains(userId) || removableUserIds.contains(userId)))) {
          continue;
        }
        changes.add(
            new Change.RemoveMembership(
                groupRef,
                ObjectRef.existing(userId, caps.anchorOf(t.externalIds()), t.userName()),
                m.id(),
                "not a member of " + d.source().email() + " in the directory"));
      }
    }
    for (ObjectRef group : emptiedGroups) {
      emptyGroup(group, actual.getOrDefault(group.requireTargetId(), Map.of()), targetUsers);
    }
  }

  private void emptyGroup(
      ObjectRef group, Map<String, TargetMembership> current, Map<String, TargetUser> users) {
    if (!target.membershipsRead().contains(group.requireTargetId())) {
      warnings.add(
          new PlanWarning(
              PlanWarning.Kind.MEMBERSHIPS_NOT_READ,
              group.name(),
              "left the directory scope, but the target read did not include its memberships;"
                  + " they were not removed"));
      return;
    }
    for (TargetMembership m : current.values()) {
      TargetUser t = users.get(m.userId());
      if (t == null || deletedUserIds.contains(m.userId()) || ignoreUsers.matches(t.userName())) {
        continue;
      }
      changes.add(
          new Change.RemoveMembership(
              group,
              ObjectRef.existing(m.userId(), caps.anchorOf(t.externalIds()), t.userName()),
              m.id(),
              "the group left the directory scope"));
    }
  }

  // ---------------------------------------------------------------- guard

  private GuardVerdict guard(int owned) {
    List<String> removals = new ArrayList<>();
    Set<String> removedUsers = new HashSet<>();
    for (Change c : changes) {
      if (c.kind().removal()) {
        removals.add(PlanTable.label(c.kind()) + ' ' + c.subject().name());
        if (c.kind() == ChangeKind.DISABLE_USER || c.kind() == ChangeKind.DELETE_USER) {
          removedUsers.add(c.subject().targetId());
        }
      }
    }
    // A leaver who cannot be disabled loses its access through its memberships instead: that is
    // a removal too, counted once per user, so a policy change cannot strip access unguarded.
    for (Change c : changes) {
      if (c instanceof Change.RemoveMembership r
          && !matchedUserIds.contains(r.user().targetId())
          && removedUsers.add(r.user().targetId())) {
        removals.add("remove the access of " + r.user().name());
      }
    }
    int count = removals.size();
    int maxCount = policy.deletionGuard().maxRemovals();
    int maxPercent = policy.deletionGuard().maxPercent();
    List<String> exceeded = new ArrayList<>();
    if (maxCount > 0 && count > maxCount) {
      exceeded.add(count + " removals exceed the limit of " + maxCount);
    }
    int percentFrom = Math.max(1, policy.deletionGuard().percentFrom());
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

  // ---------------------------------------------------------------- helpers

  private boolean adopts() {
    return !anchors || policy.ownerMode() != OwnerMode.ANCHORED;
  }

  private void ambiguous(
      String name, int count, String by, Set<String> claimed, List<TargetUser> candidates) {
    candidates.forEach(t -> claimed.add(t.id()));
    warnings.add(ambiguousWarning(name, count, by));
  }

  private static PlanWarning ambiguousWarning(String name, int count, String by) {
    return new PlanWarning(
        PlanWarning.Kind.AMBIGUOUS_MATCH,
        name,
        count + " target objects match by " + by + "; none is changed until one remains");
  }

  private static void diff(
      List<AttributeChange> diffs,
      String attribute,
      @Nullable String before,
      @Nullable String after) {
    if (!Objects.equals(before, after)) {
      diffs.add(new AttributeChange(attribute, before, after));
    }
  }

  private static String updateReason(
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
        case "emails" ->
            why.add(renamed ? "renamed in the directory" : "email changed in the directory");
        default ->
            why.add(
                c.attribute().equals(renameAttribute)
                    ? "renamed in the directory"
                    : "attributes changed in the directory");
      }
    }
    return String.join("; ", why);
  }

  private static UserAttributes withoutAnchor(UserAttributes a) {
    return new UserAttributes(
        a.userName(), a.givenName(), a.familyName(), a.displayName(), a.email(), a.active(), null);
  }

  private static <T> List<T> sorted(
      java.util.Collection<T> values, java.util.function.Function<T, String> key) {
    List<T> list = new ArrayList<>(values);
    list.sort(Comparator.comparing(key));
    return list;
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
