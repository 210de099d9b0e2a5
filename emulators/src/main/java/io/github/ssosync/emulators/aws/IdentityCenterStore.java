package io.github.ssosync.emulators.aws;

import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The identity store both emulated APIs share, with IAM Identity Center's rules: user names unique
 * ignoring case, group display names unique ignoring case, one membership per pair, and the values
 * of {@link IdentityCenterRules}. Thread-safe (one lock); lists are snapshots rebuilt only after a
 * change, so paging through 100,000 users copies them once.
 */
final class IdentityCenterStore {
  static final class User {
    final String id;
    String userName;
    @Nullable String givenName;
    @Nullable String familyName;
    @Nullable String displayName;
    @Nullable String email;
    boolean active = true;
    @Nullable String externalId;

    /**
     * The optional attributes it holds ({@link UserAttribute#MANAGER}: the manager's id); the
     * address parts make up its one address, of type {@code work}.
     */
    final EnumMap<UserAttribute, String> optional = new EnumMap<>(UserAttribute.class);

    final Instant createdAt;
    Instant updatedAt;

    User(String id, Instant now) {
      this.id = id;
      this.createdAt = now;
      this.updatedAt = now;
    }
  }

  static final class Group {
    final String id;
    String displayName;
    @Nullable String description;
    @Nullable String externalId;

    Group(String id, String displayName) {
      this.id = id;
      this.displayName = displayName;
    }
  }

  record Membership(String id, String groupId, String userId) {}

  final String issuer;
  private final String idPrefix;
  private @Nullable List<User> userList;
  private @Nullable List<Group> groupList;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Membership> memberships = new LinkedHashMap<>();
  private final Map<String, String> membershipByPair = new HashMap<>();
  // Indexes, so that a store of 100,000 users answers in constant time per write.
  private final Map<String, User> userByFoldedName = new HashMap<>();
  private final Map<String, User> userByExternalId = new HashMap<>();
  private final Map<String, Group> groupByFoldedName = new HashMap<>();
  private final Map<String, Group> groupByExternalId = new HashMap<>();
  private final Map<String, Map<String, Membership>> membershipsByGroup = new HashMap<>();
  private final Map<String, Map<String, Membership>> membershipsByUser = new HashMap<>();

  /**
   * @param issuer the issuer under which SCIM external ids show in the Identity Store API
   * @param idPrefix what every id starts with: newer stores prefix a UUID with the store's ten hex
   *     digits and a dash (ResourceId in the API model)
   */
  IdentityCenterStore(String issuer, String idPrefix) {
    this.issuer = issuer;
    this.idPrefix = idPrefix;
  }

  // ------------------------------------------------------------------ users

  synchronized User createUser(
      String userName,
      String givenName,
      String familyName,
      String displayName,
      @Nullable String email,
      boolean active,
      @Nullable String externalId) {
    return createUser(
        userName, givenName, familyName, displayName, email, active, externalId, Map.of());
  }

  /**
   * Creates a user with optional attributes ({@link UserAttribute#MANAGER}: the manager's id); the
   * request is checked whole before anything is kept.
   */
  synchronized User createUser(
      String userName,
      String givenName,
      String familyName,
      String displayName,
      @Nullable String email,
      boolean active,
      @Nullable String externalId,
      Map<UserAttribute, String> optional) {
    optional.forEach(this::checkOptional);
    IdentityCenterRules.userName("userName", userName);
    IdentityCenterRules.text("name.givenName", givenName);
    IdentityCenterRules.text("name.familyName", familyName);
    IdentityCenterRules.text("displayName", displayName);
    if (email != null) {
      IdentityCenterRules.text("emails.value", email);
    }
    if (externalId != null) {
      IdentityCenterRules.externalId("externalId", externalId);
      if (userByExternalId.containsKey(externalId)) {
        throw conflict("User", "a user with externalId " + externalId + " exists");
      }
    }
    requireUserNameFree(userName, null);
    User u = new User(newId(), Instant.now());
    u.userName = userName;
    u.givenName = givenName;
    u.familyName = familyName;
    u.displayName = displayName;
    u.email = email;
    u.active = active;
    u.externalId = externalId;
    u.optional.putAll(optional);
    users.put(u.id, u);
    userList = null;
    userByFoldedName.put(fold(userName), u);
    if (externalId != null) {
      userByExternalId.put(externalId, u);
    }
    return u;
  }

  synchronized User user(String id) {
    User u = users.get(id);
    if (u == null) {
      throw new StoreException(StoreException.Kind.NOT_FOUND, "USER", id, "User not found: " + id);
    }
    return u;
  }

  /** Sets one attribute; {@code null} unsets where the API allows it. */
  synchronized void setUserAttribute(String id, String path, @Nullable String value) {
    User u = user(id);
    switch (path) {
      case "userName" -> {
        IdentityCenterRules.userName(path, value);
        requireUserNameFree(value, id);
        userByFoldedName.remove(fold(u.userName));
        u.userName = value;
        userByFoldedName.put(fold(value), u);
      }
      case "name.givenName" -> u.givenName = IdentityCenterRules.text(path, value);
      case "name.familyName" -> u.familyName = IdentityCenterRules.text(path, value);
      case "displayName" -> u.displayName = IdentityCenterRules.text(path, value);
      case "emails" -> u.email = value == null ? null : IdentityCenterRules.text(path, value);
      case "externalId" -> {
        if (u.externalId != null) {
          userByExternalId.remove(u.externalId);
        }
        if (value != null) {
          IdentityCenterRules.externalId(path, value);
          User holder = userByExternalId.get(value);
          if (holder != null && holder != u) {
            throw conflict("User", "a user with externalId " + value + " exists");
          }
        }
        u.externalId = value;
        if (value != null) {
          userByExternalId.put(value, u);
        }
      }
      case "active" -> u.active = Boolean.parseBoolean(value);
      default -> {
        UserAttribute a = IdentityCenterRules.optionalAttribute(path);
        if (value == null) {
          u.optional.remove(a);
        } else {
          checkOptional(a, value);
          u.optional.put(a, value);
        }
      }
    }
    u.updatedAt = Instant.now();
  }

  /**
   * Replaces the user's one address whole, as both APIs write it (SCIM {@code addresses}, Identity
   * Store {@code addresses}: "complex attributes are replaced whole").
   *
   * @param parts the new address's parts (only {@link IdentityCenterRules#ADDRESS_PARTS} keys);
   *     empty removes the address
   */
  synchronized void setAddress(String id, Map<UserAttribute, String> parts) {
    User u = user(id);
    parts.forEach(
        (a, v) -> {
          if (!IdentityCenterRules.ADDRESS_PARTS.contains(a)) {
            throw IdentityCenterRules.invalid(a.path() + " is not a part of an address");
          }
          checkOptional(a, v);
        });
    IdentityCenterRules.ADDRESS_PARTS.forEach(u.optional::remove);
    u.optional.putAll(parts);
    u.updatedAt = Instant.now();
  }

  /** Replaces every optional attribute of a user (a SCIM PutUser overwrites the whole user). */
  synchronized void replaceOptional(String id, Map<UserAttribute, String> optional) {
    User u = user(id);
    optional.forEach(this::checkOptional);
    u.optional.clear();
    u.optional.putAll(optional);
    u.updatedAt = Instant.now();
  }

  /** A copy of a user's optional attributes, taken under the lock. */
  synchronized Map<UserAttribute, String> optionalOf(User u) {
    return new EnumMap<>(u.optional);
  }

  /** {@link IdentityCenterRules#optional}, and a manager must be a user of the store. */
  private void checkOptional(UserAttribute a, String value) {
    IdentityCenterRules.optional(a, value);
    if (a == UserAttribute.MANAGER && !users.containsKey(value)) {
      throw IdentityCenterRules.invalid("enterprise.manager.value: no user with id " + value);
    }
  }

  synchronized void deleteUser(String id) {
    User u = user(id);
    users.remove(u.id);
    userList = null;
    userByFoldedName.remove(fold(u.userName));
    if (u.externalId != null) {
      userByExternalId.remove(u.externalId);
    }
    for (Membership m : List.copyOf(membershipsByUser.getOrDefault(id, Map.of()).values())) {
      forget(m);
    }
  }

  /** Every user, oldest first; an unmodifiable snapshot. */
  synchronized List<User> users() {
    if (userList == null) {
      userList = List.copyOf(users.values());
    }
    return userList;
  }

  synchronized @Nullable User userNamed(String userName) {
    return userByFoldedName.get(fold(userName));
  }

  synchronized @Nullable User userWithExternalId(String externalId) {
    return userByExternalId.get(externalId);
  }

  // ------------------------------------------------------------------ groups

  synchronized Group createGroup(
      String displayName, @Nullable String description, @Nullable String externalId) {
    IdentityCenterRules.groupName("displayName", displayName);
    if (description != null) {
      IdentityCenterRules.text("description", description);
    }
    if (externalId != null) {
      IdentityCenterRules.externalId("externalId", externalId);
    }
    requireGroupNameFree(displayName, null);
    if (externalId != null && groupByExternalId.containsKey(externalId)) {
      throw conflict("Group", "a group with externalId " + externalId + " exists");
    }
    Group g = new Group(newId(), displayName);
    g.description = description;
    g.externalId = externalId;
    groups.put(g.id, g);
    groupList = null;
    groupByFoldedName.put(fold(displayName), g);
    if (externalId != null) {
      groupByExternalId.put(externalId, g);
    }
    return g;
  }

  synchronized Group group(String id) {
    Group g = groups.get(id);
    if (g == null) {
      throw new StoreException(
          StoreException.Kind.NOT_FOUND, "GROUP", id, "Group not found: " + id);
    }
    return g;
  }

  synchronized void setGroupAttribute(String id, String path, @Nullable String value) {
    Group g = group(id);
    switch (path) {
      case "displayName" -> {
        IdentityCenterRules.groupName(path, value);
        requireGroupNameFree(value, id);
        groupByFoldedName.remove(fold(g.displayName));
        g.displayName = value;
        groupByFoldedName.put(fold(value), g);
      }
      case "description" ->
          g.description = value == null ? null : IdentityCenterRules.text(path, value);
      case "externalId" -> {
        if (g.externalId != null) {
          groupByExternalId.remove(g.externalId);
        }
        if (value != null) {
          IdentityCenterRules.externalId(path, value);
          Group holder = groupByExternalId.get(value);
          if (holder != null && holder != g) {
            throw conflict("Group", "a group with externalId " + value + " exists");
          }
        }
        g.externalId = value;
        if (value != null) {
          groupByExternalId.put(value, g);
        }
      }
      default -> throw IdentityCenterRules.invalid("Invalid attribute path " + path);
    }
  }

  synchronized void deleteGroup(String id) {
    Group g = group(id);
    groups.remove(id);
    groupList = null;
    groupByFoldedName.remove(fold(g.displayName));
    if (g.externalId != null) {
      groupByExternalId.remove(g.externalId);
    }
    for (Membership m : List.copyOf(membershipsByGroup.getOrDefault(id, Map.of()).values())) {
      forget(m);
    }
  }

  /** Every group, oldest first; an unmodifiable snapshot. */
  synchronized List<Group> groups() {
    if (groupList == null) {
      groupList = List.copyOf(groups.values());
    }
    return groupList;
  }

  synchronized @Nullable Group groupNamed(String displayName) {
    return groupByFoldedName.get(fold(displayName));
  }

  synchronized @Nullable Group groupWithExternalId(String externalId) {
    return groupByExternalId.get(externalId);
  }

  // ------------------------------------------------------------------ memberships

  synchronized Membership addMember(String groupId, String userId) {
    group(groupId);
    user(userId);
    if (membershipByPair.containsKey(groupId + "/" + userId)) {
      throw conflict("GroupMembership", "Member already exists in group");
    }
    Membership m = new Membership(newId(), groupId, userId);
    memberships.put(m.id(), m);
    membershipByPair.put(groupId + "/" + userId, m.id());
    membershipsByGroup.computeIfAbsent(groupId, k -> new LinkedHashMap<>()).put(m.id(), m);
    membershipsByUser.computeIfAbsent(userId, k -> new LinkedHashMap<>()).put(m.id(), m);
    return m;
  }

  synchronized @Nullable Membership membership(String groupId, String userId) {
    String id = membershipByPair.get(groupId + "/" + userId);
    return id == null ? null : memberships.get(id);
  }

  synchronized void removeMembership(String membershipId) {
    Membership m = memberships.get(membershipId);
    if (m == null) {
      throw new StoreException(
          StoreException.Kind.NOT_FOUND,
          "GROUP_MEMBERSHIP",
          membershipId,
          "Membership not found: " + membershipId);
    }
    forget(m);
  }

  synchronized List<Membership> memberships(String groupId) {
    group(groupId);
    return List.copyOf(membershipsByGroup.getOrDefault(groupId, Map.of()).values());
  }

  synchronized List<Membership> membershipsOfUser(String userId) {
    return List.copyOf(membershipsByUser.getOrDefault(userId, Map.of()).values());
  }

  synchronized @Nullable Membership membership(String membershipId) {
    return memberships.get(membershipId);
  }

  synchronized List<Membership> allMemberships() {
    return new ArrayList<>(memberships.values());
  }

  // ------------------------------------------------------------------ views

  synchronized TargetUser view(User u) {
    return new TargetUser(
        u.id,
        u.userName,
        u.displayName,
        u.givenName,
        u.familyName,
        u.email,
        u.active,
        u.externalId == null ? List.of() : List.of(new ExternalId(issuer, u.externalId)),
        u.updatedAt,
        u.optional);
  }

  synchronized TargetGroup view(Group g) {
    return new TargetGroup(
        g.id,
        g.displayName,
        g.description,
        g.externalId == null ? List.of() : List.of(new ExternalId(issuer, g.externalId)));
  }

  static TargetMembership view(Membership m) {
    return new TargetMembership(m.id(), m.groupId(), m.userId());
  }

  // ------------------------------------------------------------------ rules

  private void forget(Membership m) {
    memberships.remove(m.id());
    membershipByPair.remove(m.groupId() + "/" + m.userId());
    membershipsByGroup.getOrDefault(m.groupId(), new HashMap<>()).remove(m.id());
    membershipsByUser.getOrDefault(m.userId(), new HashMap<>()).remove(m.id());
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private void requireUserNameFree(String userName, @Nullable String except) {
    User holder = userByFoldedName.get(fold(userName));
    if (holder != null && !holder.id.equals(except)) {
      throw conflict("User", "Duplicate UserName: " + userName);
    }
  }

  private void requireGroupNameFree(String displayName, @Nullable String except) {
    Group holder = groupByFoldedName.get(fold(displayName));
    if (holder != null && !holder.id.equals(except)) {
      throw conflict("Group", "Duplicate GroupDisplayName: " + displayName);
    }
  }

  private static StoreException conflict(String type, String message) {
    return new StoreException(StoreException.Kind.CONFLICT, type, message);
  }

  private String newId() {
    return idPrefix + UUID.randomUUID();
  }
}
