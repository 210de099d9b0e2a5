package io.github.ssosync.plan;

import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.policy.ExternalMemberRule;
import io.github.ssosync.policy.SuspendedAction;
import io.github.ssosync.policy.SyncMethod;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.AttributeLimits.Attribute;
import io.github.ssosync.targets.TargetCapabilities;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the target should hold according to the directory and the policy: selected users and groups
 * with their target attributes, flattened memberships, and the objects that must be left alone
 * (ignored, or skipped with a warning).
 */
final class DesiredState {

  /**
   * @param managerId the directory id of the user's manager, when the mapping owns the manager and
   *     the directory names one in scope
   * @param leftAlone owned attributes not to touch on this user this run: a value the target would
   *     refuse, or a manager outside the scope (warned about)
   */
  record DesiredUser(
      DirectoryUser source,
      UserAttributes attributes,
      @Nullable String managerId,
      Set<UserAttribute> leftAlone) {}

  record DesiredGroup(DirectoryGroup source, GroupAttributes attributes) {}

  /** Desired users by directory id. */
  final Map<String, DesiredUser> users = new HashMap<>();

  /** Desired groups by directory id. */
  final Map<String, DesiredGroup> groups = new HashMap<>();

  /** Desired members (directory user ids) of each desired group, by group directory id. */
  final Map<String, Set<String>> members = new HashMap<>();

  /**
   * Directory ids, and folded target names, of users that are selected but skipped or ignored:
   * their target objects must be neither changed nor removed.
   */
  final Set<String> protectedUserIds = new HashSet<>();

  final Set<String> protectedUserNames = new HashSet<>();

  /** Same as the user sets, for groups. */
  final Set<String> protectedGroupIds = new HashSet<>();

  final Set<String> protectedGroupNames = new HashSet<>();

  final Set<PlanWarning> warnings = new HashSet<>();

  /** Selected groups skipped because their display names collide. */
  private final Set<String> collidingGroupIds = new HashSet<>();

  private final SyncPolicy policy;
  private final AttributeLimits limits;
  private final UserValues values;
  private final NamePatterns ignoreUsers;
  private final Map<String, DirectoryUser> usersById = new HashMap<>();

  /** Members the source skipped and already warned about (folded email or id). */
  private final Set<String> skippedBySource = new HashSet<>();

  private DesiredState(SyncPolicy policy, TargetCapabilities caps) {
    this.policy = policy;
    this.limits = caps.limits();
    this.values = new UserValues(policy.attributeMapping(), caps);
    this.ignoreUsers = NamePatterns.of(policy.ignoreUsers());
  }

  static DesiredState of(DirectorySnapshot directory, SyncPolicy policy, TargetCapabilities caps) {
    DesiredState state = new DesiredState(policy, caps);
    state.build(directory);
    return state;
  }

  /**
   * The groups the policy selects, before any user is looked at; cheap enough to compute twice
   * (once to scope the target read, once to plan).
   */
  static Map<String, DesiredGroup> selectGroups(
      DirectorySnapshot directory,
      SyncPolicy policy,
      AttributeLimits limits,
      @Nullable DesiredState into) {
    NamePatterns ignore = NamePatterns.of(policy.ignoreGroups());
    NamePatterns include = NamePatterns.of(policy.includeGroups());
    Map<String, DesiredGroup> selected = new HashMap<>();
    Map<String, List<DesiredGroup>> byName = new HashMap<>();
    for (DirectoryGroup g : directory.groups()) {
      if (!directory.matchedGroupIds().contains(g.id())) {
        continue;
      }
      String displayName = policy.attributeMapping().groupName().render(g);
      if (ignore.matches(g.email()) || ignore.matches(g.name()) || ignore.matches(displayName)) {
        if (into != null) {
          into.protectGroup(g.id(), displayName);
        }
        continue;
      }
      if (!include.isEmpty()
          && !(include.matches(g.email())
              || include.matches(g.name())
              || include.matches(displayName))) {
        continue;
      }
      String refused = limits.problem(Attribute.GROUP_DISPLAY_NAME, displayName);
      if (refused != null) {
        if (into != null) {
          into.protectGroup(g.id(), displayName);
          into.warnings.add(
              new PlanWarning(
                  PlanWarning.Kind.INVALID_ATTRIBUTE, g.email(), "skipped: " + refused));
        }
        continue;
      }
      String description = null;
      if (policy.attributeMapping().syncGroupDescription()
          && g.description() != null
          && !g.description().isBlank()) {
        description = g.description().strip();
        String refusedDescription = limits.problem(Attribute.GROUP_DESCRIPTION, description);
        if (refusedDescription != null) {
          // The group matters more than its description: synced without one.
          description = null;
          if (into != null) {
            into.warnings.add(
                new PlanWarning(
                    PlanWarning.Kind.INVALID_ATTRIBUTE,
                    g.email(),
                    "synced without its description: " + refusedDescription));
          }
        }
      }
      DesiredGroup desired =
          new DesiredGroup(g, new GroupAttributes(displayName, description, g.id()));
      byName.computeIfAbsent(NamePatterns.fold(displayName), k -> new ArrayList<>()).add(desired);
      selected.put(g.id(), desired);
    }
    for (List<DesiredGroup> same : byName.values()) {
      if (same.size() > 1 || same.get(0).attributes().displayName().isEmpty()) {
        for (DesiredGroup g : same) {
          selected.remove(g.source().id());
          if (into != null) {
            into.protectGroup(g.source().id(), g.attributes().displayName());
            into.collidingGroupIds.add(g.source().id());
            into.warnings.add(
                new PlanWarning(
                    same.size() > 1
                        ? PlanWarning.Kind.NAME_COLLISION
                        : PlanWarning.Kind.MISSING_ATTRIBUTE,
                    g.source().email(),
                    same.size() > 1
                        ? "display name \""
                            + g.attributes().displayName()
                            + "\" is shared (ignoring case) by "
                            + same.size()
                            + " directory groups; none of them is synced"
                        : "the group has no display name; it is not synced"));
          }
        }
      }
    }
    return selected;
  }

  private void protectGroup(String id, String displayName) {
    protectedGroupIds.add(id);
    protectedGroupNames.add(NamePatterns.fold(displayName));
  }

  private void protectUser(DirectoryUser u, String userName) {
    protectedUserIds.add(u.id());
    protectedUserNames.add(NamePatterns.fold(u.primaryEmail().strip()));
    protectedUserNames.add(NamePatterns.fold(userName));
  }

  private void build(DirectorySnapshot directory) {
    for (DirectoryWarning w : directory.warnings()) {
      warnings.add(new PlanWarning(PlanWarning.Kind.SOURCE_SKIPPED, w.subject(), w.message()));
      skippedBySource.add(NamePatterns.fold(w.subject()));
    }
    for (DirectoryUser u : directory.users()) {
      usersById.put(u.id(), u);
    }
    groups.putAll(selectGroups(directory, policy, limits, this));

    // Users of every selected group (even one skipped for a name collision) count as selected
    // in GROUPS mode: the group's problem is not theirs.
    Set<String> flattenedGroups = new HashSet<>(groups.keySet());
    flattenedGroups.addAll(collidingGroupIds);
    Map<String, Set<String>> flattened = new HashMap<>();
    for (String groupId : flattenedGroups) {
      flattened.put(groupId, flatten(directory, groupId));
    }

    Set<String> candidates = new HashSet<>(directory.matchedUserIds());
    if (policy.syncMethod() == SyncMethod.GROUPS) {
      for (Set<String> users : flattened.values()) {
        candidates.addAll(users);
      }
    }
    selectUsers(candidates);

    for (String groupId : groups.keySet()) {
      Set<String> desiredMembers = new HashSet<>();
      for (String userId : flattened.getOrDefault(groupId, Set.of())) {
        if (users.containsKey(userId)) {
          desiredMembers.add(userId);
        }
      }
      members.put(groupId, desiredMembers);
    }
  }

  /** Users reachable from a group through nested groups; each group visited once, so cycles end. */
  /** Whether the source skipped this member and said so (one warning, not two). */
  private boolean skippedBySource(DirectoryMember m) {
    return skippedBySource.contains(NamePatterns.fold(m.id()))
        || (m.email() != null && skippedBySource.contains(NamePatterns.fold(m.email())));
  }

  private Set<String> flatten(DirectorySnapshot directory, String rootId) {
    Set<String> users = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    seen.add(rootId);
    pending.push(rootId);
    while (!pending.isEmpty()) {
      String groupId = pending.pop();
      List<DirectoryMember> direct = directory.members().get(groupId);
      if (direct == null) {
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.UNKNOWN_MEMBER,
                groupId,
                "the directory read has no members for nested group " + groupId + "; skipped"));
        continue;
      }
      for (DirectoryMember m : direct) {
        switch (m.type()) {
          case USER -> {
            if (usersById.containsKey(m.id())) {
              users.add(m.id());
            } else if (!skippedBySource(m)) {
              warnings.add(
                  new PlanWarning(
                      PlanWarning.Kind.UNKNOWN_MEMBER,
                      m.email() != null ? m.email() : m.id(),
                      "member of group " + groupId + " is not among the users read; skipped"));
            }
          }
          case GROUP -> {
            if (!skippedBySource(m) && seen.add(m.id())) {
              pending.push(m.id());
            }
          }
          case CUSTOMER, EXTERNAL -> {
            if (policy.externalMembers() == ExternalMemberRule.WARN) {
              warnings.add(
                  new PlanWarning(
                      PlanWarning.Kind.EXTERNAL_MEMBER,
                      m.email() != null ? m.email() : m.id(),
                      m.type().name().toLowerCase(Locale.ROOT)
                          + " member of group "
                          + groupId
                          + " is outside the directory; skipped"));
            }
          }
        }
      }
    }
    return users;
  }

  private void selectUsers(Collection<String> candidateIds) {
    Set<String> allowedDomains = policy.allowedDomains();
    Map<String, List<DesiredUser>> byName = new HashMap<>();
    for (String id : candidateIds) {
      DirectoryUser u = usersById.get(id);
      if (u == null || u.archived()) {
        continue; // archived users are out of scope, as in Google's own provisioning
      }
      String email = u.primaryEmail().strip();
      String userName = values.value(UserAttribute.USER_NAME, u);
      if (ignoreUsers.matches(email) || (!userName.isEmpty() && ignoreUsers.matches(userName))) {
        protectUser(u, userName);
        continue;
      }
      if (!allowedDomains.isEmpty() && !allowedDomains.contains(domainOf(email))) {
        continue;
      }
      if (u.suspended()) {
        if (policy.suspendedAction() == SuspendedAction.IGNORE) {
          protectUser(u, userName);
          continue;
        }
        if (policy.suspendedAction() == SuspendedAction.DELETE) {
          continue;
        }
      }
      String givenName = values.value(UserAttribute.GIVEN_NAME, u);
      String familyName = values.value(UserAttribute.FAMILY_NAME, u);
      String displayName = values.value(UserAttribute.DISPLAY_NAME, u);
      String mail = values.value(UserAttribute.EMAIL, u);
      String missing =
          UserValues.missing(email, userName, givenName, familyName, displayName, mail);
      if (missing != null) {
        protectUser(u, userName);
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.MISSING_ATTRIBUTE,
                email.isEmpty() ? u.id() : email,
                "skipped: " + missing + " (IAM Identity Center requires it)"));
        continue;
      }
      UserAttributes required =
          new UserAttributes(
              userName, givenName, familyName, displayName, mail, !u.suspended(), u.id());
      String refused = values.refused(required);
      if (refused != null) {
        protectUser(u, userName);
        warnings.add(
            new PlanWarning(PlanWarning.Kind.INVALID_ATTRIBUTE, email, "skipped: " + refused));
        continue;
      }
      DesiredUser desired = optional(u, required);
      byName.computeIfAbsent(NamePatterns.fold(userName), k -> new ArrayList<>()).add(desired);
    }
    for (List<DesiredUser> same : byName.values()) {
      if (same.size() == 1) {
        DesiredUser only = same.get(0);
        users.put(only.source().id(), only);
        continue;
      }
      for (DesiredUser d : same) {
        protectUser(d.source(), d.attributes().userName());
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.NAME_COLLISION,
                d.attributes().userName(),
                "user name is shared (ignoring case) by "
                    + same.size()
                    + " directory users; none of them is synced"));
      }
    }
    resolveManagers();
  }

  /** Adds the optional values to a user that passed, remembering the manager email given. */
  private DesiredUser optional(DirectoryUser u, UserAttributes required) {
    UserValues.Optional o = values.optional(u, required, warnings);
    if (o.managerEmail() != null) {
      managerEmails.put(u.id(), o.managerEmail());
    }
    return new DesiredUser(u, o.attributes(), null, o.leftAlone());
  }

  /** Manager emails the mapping gave, by directory user id, until resolved to selected users. */
  private final Map<String, String> managerEmails = new HashMap<>();

  /**
   * Resolves each manager email to a selected user. A manager outside the scope is warned about and
   * the user's manager left as it is: the directory names a manager the target cannot point at,
   * which is not the same as naming none.
   */
  private void resolveManagers() {
    if (managerEmails.isEmpty()) {
      return;
    }
    Map<String, String> idByEmail = new HashMap<>();
    for (DesiredUser d : users.values()) {
      idByEmail.put(NamePatterns.fold(d.source().primaryEmail().strip()), d.source().id());
    }
    for (Map.Entry<String, String> e : managerEmails.entrySet()) {
      DesiredUser d = users.get(e.getKey());
      if (d == null) {
        continue;
      }
      String managerId = idByEmail.get(NamePatterns.fold(e.getValue()));
      Set<UserAttribute> leftAlone = EnumSet.noneOf(UserAttribute.class);
      leftAlone.addAll(d.leftAlone());
      if (managerId == null || managerId.equals(d.source().id())) {
        leftAlone.add(UserAttribute.MANAGER);
        warnings.add(
            new PlanWarning(
                PlanWarning.Kind.MANAGER_OUT_OF_SCOPE,
                d.attributes().userName(),
                "manager "
                    + e.getValue()
                    + (managerId == null
                        ? " is not among the synced users; the manager is left as it is"
                        : " is the user itself; the manager is left as it is")));
        managerId = null;
      }
      users.put(e.getKey(), new DesiredUser(d.source(), d.attributes(), managerId, leftAlone));
    }
  }

  private static String domainOf(String email) {
    return NamePatterns.fold(email.substring(email.lastIndexOf('@') + 1));
  }
}
