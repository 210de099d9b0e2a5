package io.github.ssosync.targets;

import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incremental read every {@link IdentityTarget} can share, written once: the previous view,
 * with the objects a change feed named read again by id, and the memberships of the groups that
 * changed or newly entered the scope read again. The answer equals what a full read of the target
 * would return, provided the feed named everything that changed.
 *
 * <pre>{@code
 * public TargetSnapshot readChanged(TargetSnapshot previous, TargetChanges changes, TargetScope s) {
 *   return TargetRefresh.read(previous, changes, s, new MyLookup(client));
 * }
 * }</pre>
 */
public final class TargetRefresh {
  private TargetRefresh() {}

  /** What the refresh asks a target: objects by id. Every method answers completely or throws. */
  public interface Lookup {
    /**
     * @param ids user ids
     * @return the users that exist, by id; an id absent from the answer names a deleted user
     */
    Map<String, TargetUser> users(Set<String> ids);

    /**
     * @param ids group ids
     * @return the groups that exist, by id; an id absent from the answer names a deleted group
     */
    Map<String, TargetGroup> groups(Set<String> ids);

    /**
     * @param groups groups that exist
     * @return every membership of each, by group id (a group without members maps to an empty list)
     */
    Map<String, List<TargetMembership>> memberships(List<TargetGroup> groups);
  }

  /**
   * Reads the target from the previous view and what changed.
   *
   * @param previous the view the previous run left, with this target's capabilities
   * @param changes what changed since, by id
   * @param scope which groups' memberships the read must include
   * @param lookup the target's reads by id
   * @return the complete snapshot
   * @throws FeedGapException if a membership deleted by id alone cannot be placed in a group
   */
  public static TargetSnapshot read(
      TargetSnapshot previous, TargetChanges changes, TargetScope scope, Lookup lookup) {
    Map<String, String> groupOfMembership = new HashMap<>();
    boolean unknownIds = false;
    for (TargetMembership m : previous.memberships()) {
      if (m.id().isEmpty()) {
        unknownIds = true;
      } else {
        groupOfMembership.put(m.id(), m.groupId());
      }
    }
    Set<String> membershipGroups = new LinkedHashSet<>(changes.membershipGroupIds());
    for (String id : changes.membershipIds()) {
      String group = groupOfMembership.get(id);
      if (group != null) {
        membershipGroups.add(group);
      } else if (unknownIds) {
        // The membership may be one we made without learning its id (SCIM adds members by PATCH):
        // which group lost a member is unknown, so no group can be trusted.
        throw new FeedGapException(
            "a membership was deleted by id ("
                + id
                + ") and the state holds memberships whose ids the target never reported, so the"
                + " group it belonged to cannot be told");
      }
      // Otherwise it was outside the view: a group whose memberships the scope did not include, or
      // one added since by someone else, which the feed names on its own.
    }

    Map<String, TargetUser> users = new LinkedHashMap<>();
    previous.users().forEach(u -> users.put(u.id(), u));
    Map<String, TargetUser> freshUsers =
        changes.userIds().isEmpty() ? Map.of() : lookup.users(changes.userIds());
    Set<String> goneUsers = new LinkedHashSet<>();
    for (String id : changes.userIds()) {
      TargetUser u = freshUsers.get(id);
      if (u == null) {
        users.remove(id);
        goneUsers.add(id); // the store drops a deleted user's memberships with it
      } else {
        users.put(id, u);
      }
    }

    Map<String, TargetGroup> groups = new LinkedHashMap<>();
    previous.groups().forEach(g -> groups.put(g.id(), g));
    Map<String, TargetGroup> freshGroups =
        changes.groupIds().isEmpty() ? Map.of() : lookup.groups(changes.groupIds());
    for (String id : changes.groupIds()) {
      TargetGroup g = freshGroups.get(id);
      if (g == null) {
        groups.remove(id);
      } else {
        groups.put(id, g);
        membershipGroups.add(id); // a group created or changed by hand: read its members too
      }
    }

    // The memberships a full read would hold: those of the groups in scope now.
    Set<String> inScope = new LinkedHashSet<>();
    List<TargetGroup> toRead = new ArrayList<>();
    for (TargetGroup g : groups.values()) {
      if (scope.includesMembershipsOf(g)) {
        inScope.add(g.id());
        if (membershipGroups.contains(g.id()) || !previous.membershipsRead().contains(g.id())) {
          toRead.add(g);
        }
      }
    }
    Set<String> reread = new LinkedHashSet<>();
    toRead.forEach(g -> reread.add(g.id()));
    List<TargetMembership> memberships = new ArrayList<>();
    for (TargetMembership m : previous.memberships()) {
      if (inScope.contains(m.groupId())
          && !reread.contains(m.groupId())
          && !goneUsers.contains(m.userId())
          && users.containsKey(m.userId())) {
        memberships.add(m);
      }
    }
    if (!toRead.isEmpty()) {
      Map<String, List<TargetMembership>> read = lookup.memberships(toRead);
      for (TargetGroup g : toRead) {
        List<TargetMembership> list = read.get(g.id());
        if (list == null) {
          throw new io.github.ssosync.ProviderException(
              io.github.ssosync.ProviderException.Reason.UNKNOWN,
              "the target answered no memberships for group " + g.displayName());
        }
        memberships.addAll(list);
      }
    }
    return new TargetSnapshot(
        List.copyOf(users.values()),
        List.copyOf(groups.values()),
        memberships,
        inScope,
        previous.capabilities());
  }
}
