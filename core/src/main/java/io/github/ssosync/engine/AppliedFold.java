package io.github.ssosync.engine;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.state.TargetView;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import io.github.ssosync.targets.UserUpdate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The target as a run leaves it, without reading it again: the snapshot the run read, with every
 * change that took effect applied in memory, as the target applied it. A target change feed skips
 * our own writes, so what we wrote must be in the state already.
 *
 * <p>Values are the ones the change asked for; a target that normalises a value (case, spacing)
 * holds a value the planner judges equal, so the next plan is the same. A membership a target added
 * without naming it (SCIM {@code PATCH}) is kept with {@link TargetView#UNKNOWN_MEMBERSHIP_ID}.
 * Changes that failed are not applied; their subjects are named for the next run to read again.
 */
final class AppliedFold {
  private final TargetCapabilities capabilities;
  private final Instant now;
  private final Map<String, TargetUser> users = new LinkedHashMap<>();
  private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
  private final Map<String, TargetMembership> memberships = new LinkedHashMap<>();
  private final Set<String> membershipsRead;
  private final Map<String, String> createdUsers = new HashMap<>();
  private final Map<String, String> createdGroups = new HashMap<>();
  private final Set<String> recheckUsers = new LinkedHashSet<>();
  private final Set<String> recheckGroups = new LinkedHashSet<>();
  private final Set<String> recheckMemberships = new LinkedHashSet<>();

  /**
   * @param view the target after the run
   * @param recheck objects a failed change names, to read again next run
   * @param allApplied whether every change that was tried took effect
   * @param applied how many changes took effect
   */
  record Result(TargetView view, TargetChanges recheck, boolean allApplied, long applied) {}

  private AppliedFold(TargetSnapshot before, Instant now) {
    this.capabilities = before.capabilities();
    this.now = now;
    before.users().forEach(u -> users.put(u.id(), u));
    before.groups().forEach(g -> groups.put(g.id(), g));
    before.memberships().forEach(m -> memberships.put(pair(m.groupId(), m.userId()), m));
    membershipsRead = new HashSet<>(before.membershipsRead());
  }

  static Result fold(TargetSnapshot before, List<ChangeOutcome> outcomes, Instant now) {
    AppliedFold f = new AppliedFold(before, now);
    boolean allApplied = true;
    long applied = 0;
    for (ChangeOutcome o : outcomes) {
      switch (o.status()) {
        case APPLIED -> {
          applied++;
          f.apply(o.change(), o.targetId());
        }
        case FAILED -> {
          allApplied = false;
          f.recheck(o.change());
        }
        case SKIPPED -> {} // not tried: nothing changed
      }
    }
    TargetView view =
        new TargetView(
            List.copyOf(f.users.values()),
            List.copyOf(f.groups.values()),
            List.copyOf(f.memberships.values()),
            f.membershipsRead);
    return new Result(
        view,
        new TargetChanges(f.recheckUsers, f.recheckGroups, f.recheckMemberships, Set.of()),
        allApplied,
        applied);
  }

  private void apply(Change change, @Nullable String resultId) {
    switch (change.kind()) {
      case CREATE_USER -> createUser((Change.CreateUser) change, resultId);
      case UPDATE_USER -> updateUser((Change.UpdateUser) change);
      case DISABLE_USER -> {
        TargetUser u = users.get(userId(change.subject()));
        if (u != null) {
          users.put(u.id(), u.withActive(false, now));
        }
      }
      case DELETE_USER -> {
        String id = userId(change.subject());
        users.remove(id);
        memberships.values().removeIf(m -> m.userId().equals(id));
      }
      case CREATE_GROUP -> createGroup((Change.CreateGroup) change, resultId);
      case UPDATE_GROUP -> updateGroup((Change.UpdateGroup) change);
      case RETIRE_GROUP -> {
        Change.RetireGroup r = (Change.RetireGroup) change;
        TargetGroup g = groups.get(groupId(r.group()));
        if (g != null) {
          groups.put(
              g.id(),
              new TargetGroup(g.id(), g.displayName(), g.description(), anchors(r.externalId())));
        }
      }
      case DELETE_GROUP -> {
        String id = groupId(change.subject());
        groups.remove(id);
        membershipsRead.remove(id);
        memberships.values().removeIf(m -> m.groupId().equals(id));
      }
      case ADD_MEMBERSHIP -> {
        Change.AddMembership a = (Change.AddMembership) change;
        addMember(groupId(a.group()), userId(a.user()), resultId);
      }
      case REMOVE_MEMBERSHIP -> {
        Change.RemoveMembership r = (Change.RemoveMembership) change;
        memberships.remove(pair(groupId(r.group()), userId(r.user())));
      }
    }
  }

  private void createUser(Change.CreateUser c, @Nullable String id) {
    if (id == null) {
      return; // a target that reports no id for a create breaks the SPI; nothing to fold
    }
    createdUsers.put(c.user().sourceId(), id);
    UserAttributes a = c.attributes();
    users.put(
        id,
        new TargetUser(
            id,
            a.userName(),
            a.displayName(),
            a.givenName(),
            a.familyName(),
            a.email(),
            !capabilities.canDisableUsers() || a.active(),
            anchors(a.externalId()),
            now,
            optional(a, Map.of())));
  }

  private void updateUser(Change.UpdateUser c) {
    TargetUser u = users.get(userId(c.user()));
    if (u == null) {
      return;
    }
    try {
      users.put(
          u.id(),
          UserUpdate.apply(
              u, c.changes(), managerId(c.attributes().manager()), this::anchors, now));
    } catch (IllegalArgumentException e) {
      // The target took a change this model refuses: read the user again next run.
      recheckUsers.add(u.id());
    }
  }

  /** The optional attributes a create writes: those the target can write, and the manager. */
  private Map<UserAttribute, String> optional(UserAttributes a, Map<UserAttribute, String> held) {
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    out.putAll(held);
    a.optional().forEach((attribute, value) -> out.put(attribute, value));
    String manager = managerId(a.manager());
    if (manager != null) {
      out.put(UserAttribute.MANAGER, manager);
    }
    return out;
  }

  private @Nullable String managerId(@Nullable ObjectRef manager) {
    if (manager == null) {
      return null;
    }
    return manager.resolved() ? manager.targetId() : createdUsers.get(manager.sourceId());
  }

  private void createGroup(Change.CreateGroup c, @Nullable String id) {
    if (id == null) {
      return;
    }
    createdGroups.put(c.group().sourceId(), id);
    GroupAttributes a = c.attributes();
    groups.put(id, new TargetGroup(id, a.displayName(), a.description(), anchors(a.externalId())));
    // A group created with its members holds exactly those whose creation succeeded (see
    // PlanExecutor), and its membership list is known.
    membershipsRead.add(id);
    for (ObjectRef m : c.members()) {
      String user = m.resolved() ? m.targetId() : createdUsers.get(m.sourceId());
      if (user != null) {
        addMember(id, user, null);
      }
    }
  }

  private void updateGroup(Change.UpdateGroup c) {
    TargetGroup g = groups.get(groupId(c.group()));
    if (g == null) {
      return;
    }
    String displayName = g.displayName();
    String description = g.description();
    List<ExternalId> externalIds = g.externalIds();
    for (AttributeChange a : c.changes()) {
      switch (a.attribute()) {
        case "displayName" -> displayName = a.after() == null ? displayName : a.after();
        case "description" -> description = a.after();
        case "externalId" -> externalIds = anchors(a.after());
        default -> {}
      }
    }
    groups.put(g.id(), new TargetGroup(g.id(), displayName, description, externalIds));
  }

  private void addMember(String groupId, @Nullable String userId, @Nullable String membershipId) {
    if (userId == null || !membershipsRead.contains(groupId)) {
      return; // a group whose memberships are not in the view stays unknown
    }
    memberships.computeIfAbsent(
        pair(groupId, userId),
        k ->
            new TargetMembership(
                membershipId == null ? TargetView.UNKNOWN_MEMBERSHIP_ID : membershipId,
                groupId,
                userId));
  }

  private List<ExternalId> anchors(@Nullable String externalId) {
    if (externalId == null || !capabilities.storesAnchors()) {
      return List.of();
    }
    // The issuer every target of ours writes and reads its anchor under
    // (TargetCapabilities#anchor).
    return List.of(new ExternalId(issuer(), externalId));
  }

  /**
   * The target's anchor issuer. A target that names none recognises our anchor under any issuer
   * (TargetCapabilities#anchor), so the one the target would have recorded does not matter to any
   * later plan; the placeholder says where the value came from.
   */
  private String issuer() {
    String issuer = capabilities.anchorIssuer();
    return issuer != null ? issuer : "urn:ssosync:folded";
  }

  private String userId(ObjectRef ref) {
    return ref.resolved() ? ref.requireTargetId() : createdUsers.getOrDefault(ref.sourceId(), "");
  }

  private String groupId(ObjectRef ref) {
    return ref.resolved() ? ref.requireTargetId() : createdGroups.getOrDefault(ref.sourceId(), "");
  }

  private void recheck(Change change) {
    if (change.kind() == ChangeKind.ADD_MEMBERSHIP
        || change.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
      ObjectRef group =
          change instanceof Change.AddMembership a
              ? a.group()
              : ((Change.RemoveMembership) change).group();
      if (group.resolved()) {
        recheckMemberships.add(group.requireTargetId());
      }
      return;
    }
    ObjectRef subject = change.subject();
    if (!subject.resolved()) {
      return; // a create that failed: its run's tag is not claimed, so the feed names it if it was
    }
    switch (change.kind()) {
      case CREATE_USER, UPDATE_USER, DISABLE_USER, DELETE_USER ->
          recheckUsers.add(subject.requireTargetId());
      default -> {
        recheckGroups.add(subject.requireTargetId());
        recheckMemberships.add(subject.requireTargetId());
      }
    }
  }

  private static String pair(String groupId, String userId) {
    return groupId + '\u0000' + userId;
  }
}
