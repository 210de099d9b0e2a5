package io.github.ssosync.testkit.aws;

import io.github.ssosync.target.ExternalId;
import io.github.ssosync.target.TargetGroup;
import io.github.ssosync.target.TargetMembership;
import io.github.ssosync.target.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity store both emulated APIs share, with IAM Identity Center's rules: user names unique
 * ignoring case, group display names unique ignoring case, one membership per pair, no empty
 * strings, the API's lengths and user-name pattern. Thread-safe (one lock).
 */
final class IdentityCenterStore {
  /** Why a store operation failed, mapped by each front-end onto its own error form. */
  static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
      NOT_FOUND,
      CONFLICT,
      VALIDATION
    }

    final Kind kind;
    final String resourceType;

    StoreException(Kind kind, String resourceType, String message) {
      super(message, null, false, false);
      this.kind = kind;
      this.resourceType = resourceType;
    }
  }

  static final class User {
    final String id;
    String userName;
    @Nullable String givenName;
    @Nullable String familyName;
    @Nullable String displayName;
    @Nullable String email;
    boolean active = true;
    @Nullable String externalId;
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

  // The Identity Store API's UserName pattern: no white space or control characters.
  private static final Pattern USER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

  final String issuer;
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

  IdentityCenterStore(String issuer) {
    this.issuer = issuer;
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
    checkUserName(userName);
    checkText("name.givenName", givenName, 1024);
    checkText("name.familyName", familyName, 1024);
    checkText("displayName", displayName, 1024);
    if (email != null) {
      checkText("emails.value", email, 1024);
    }
    if (externalId != null) {
      checkText("externalId", externalId, 256);
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
    users.put(u.id, u);
    userByFoldedName.put(fold(userName), u);
    if (externalId != null) {
      userByExternalId.put(externalId, u);
    }
    return u;
  }

  synchronized User user(String id) {
    User u = users.get(id);
    if (u == null) {
      throw new StoreException(StoreException.Kind.NOT_FOUND, "USER", "User not found: " + id);
    }
    return u;
  }

  /** Sets one attribute; {@code null} unsets where the API allows it. */
  synchronized void setUserAttribute(String id, String path, @Nullable String value) {
    User u = user(id);
    switch (path) {
      case "userName" -> {
        checkUserName(value);
        requireUserNameFree(value, id);
        userByFoldedName.remove(fold(u.userName));
        u.userName = value;
        userByFoldedName.put(fold(value), u);
      }
      case "name.givenName" -> u.givenName = checkText(path, value, 1024);
      case "name.familyName" -> u.familyName = checkText(path, value, 1024);
      case "displayName" -> u.displayName = checkText(path, value, 1024);
      case "emails" -> u.email = value == null ? null : checkText(path, value, 1024);
      case "externalId" -> {
        if (u.externalId != null) {
          userByExternalId.remove(u.externalId);
        }
        u.externalId = value == null ? null : checkText(path, value, 256);
        if (value != null) {
          userByExternalId.put(value, u);
        }
      }
      case "active" -> u.active = Boolean.parseBoolean(value);
      default -> throw validation("Invalid attribute path " + path);
    }
    u.updatedAt = Instant.now();
  }

  synchronized void deleteUser(String id) {
    User u = user(id);
    users.remove(u.id);
    userByFoldedName.remove(fold(u.userName));
    if (u.externalId != null) {
      userByExternalId.remove(u.externalId);
    }
    for (Membership m : List.copyOf(membershipsByUser.getOrDefault(id, Map.of()).values())) {
      forget(m);
    }
  }

  synchronized List<User> users() {
    return new ArrayList<>(users.values());
  }

  // ------------------------------------------------------------------ groups

  synchronized Group createGroup(
      String displayName, @Nullable String description, @Nullable String externalId) {
    checkText("displayName", displayName, 1024);
    if (description != null) {
      checkText("description", description, 1024);
    }
    requireGroupNameFree(displayName, null);
    if (externalId != null && groupByExternalId.containsKey(externalId)) {
      throw conflict("Group", "a group with externalId " + externalId + " exists");
    }
    Group g = new Group(newId(), displayName);
    g.description = description;
    g.externalId = externalId;
    groups.put(g.id, g);
    groupByFoldedName.put(fold(displayName), g);
    if (externalId != null) {
      groupByExternalId.put(externalId, g);
    }
    return g;
  }

  synchronized Group group(String id) {
    Group g = groups.get(id);
    if (g == null) {
      throw new StoreException(StoreException.Kind.NOT_FOUND, "GROUP", "Group not found: " + id);
    }
    return g;
  }

  synchronized void setGroupAttribute(String id, String path, @Nullable String value) {
    Group g = group(id);
    switch (path) {
      case "displayName" -> {
        checkText(path, value, 1024);
        requireGroupNameFree(value, id);
        groupByFoldedName.remove(fold(g.displayName));
        g.displayName = value;
        groupByFoldedName.put(fold(value), g);
      }
      case "description" -> g.description = value == null ? null : checkText(path, value, 1024);
      case "externalId" -> {
        if (g.externalId != null) {
          groupByExternalId.remove(g.externalId);
        }
        g.externalId = value == null ? null : checkText(path, value, 256);
        if (value != null) {
          groupByExternalId.put(value, g);
        }
      }
      default -> throw validation("Invalid attribute path " + path);
    }
  }

  synchronized void deleteGroup(String id) {
    Group g = group(id);
    groups.remove(id);
    groupByFoldedName.remove(fold(g.displayName));
    if (g.externalId != null) {
      groupByExternalId.remove(g.externalId);
    }
    for (Membership m : List.copyOf(membershipsByGroup.getOrDefault(id, Map.of()).values())) {
      forget(m);
    }
  }

  synchronized List<Group> groups() {
    return new ArrayList<>(groups.values());
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
        u.updatedAt);
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

  private static void checkUserName(@Nullable String userName) {
    checkText("userName", userName, 128);
    if (!USER_NAME.matcher(userName).matches()) {
      throw validation(
          "userName '" + userName + "' must not contain white space or control characters");
    }
  }

  private static String checkText(String field, @Nullable String value, int max) {
    if (value == null || value.isEmpty()) {
      throw validation(field + " must not be empty");
    }
    if (value.isBlank()) {
      throw validation(field + " must not be blank");
    }
    if (value.length() > max) {
      throw validation(field + " is longer than " + max + " characters");
    }
    return value;
  }

  private static StoreException validation(String message) {
    return new StoreException(StoreException.Kind.VALIDATION, "", message);
  }

  private static StoreException conflict(String type, String message) {
    return new StoreException(StoreException.Kind.CONFLICT, type, message);
  }

  private static String newId() {
    // Identity Store ids look like "9067d4f2-d0c1-70d8-6e0c-1234567890ab"; a UUID has that shape.
    return UUID.randomUUID().toString();
  }
}
