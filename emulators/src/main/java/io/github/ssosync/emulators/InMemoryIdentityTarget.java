package io.github.ssosync.emulators;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.provider.CallCounter;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetRefresh;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import io.github.ssosync.targets.UserUpdate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An identity store in memory that enforces the rules IAM Identity Center enforces: user names
 * unique ignoring case, group display names unique ignoring case, one membership per pair, no empty
 * strings, references to existing objects. The reference implementation of {@link IdentityTarget}:
 * it passes the same contract tests as the real provider, and the planner's property tests apply
 * plans to it.
 *
 * <p>Thread-safe. Faults can be injected per change, and calls are counted as {@code
 * memory.<Operation>}.
 */
public final class InMemoryIdentityTarget implements IdentityTarget {
  /** The issuer under which this target shows anchors, unless the builder says otherwise. */
  public static final String DEFAULT_ISSUER = "urn:ssosync:in-memory";

  private final TargetCapabilities capabilities;
  private final Clock clock;
  private final Map<String, TargetUser> users = new LinkedHashMap<>();
  private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
  private final Map<String, TargetMembership> memberships = new LinkedHashMap<>();
  // Indexes, so that 100,000-user benchmarks stay linear.
  private final Map<String, String> userIdByName = new java.util.HashMap<>();
  private final Map<String, String> groupIdByName = new java.util.HashMap<>();
  private final Map<String, TargetMembership> membershipByPair = new java.util.HashMap<>();
  private final CallCounter calls = new CallCounter();
  private final ChangeLog<TargetChanges> changeLog;

  /** The run tag of the writes this thread is applying; absent for a change made by hand. */
  private final ThreadLocal<@Nullable String> writing = new ThreadLocal<>();

  private volatile @Nullable String runTag;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private long nextId = 1;

  private record Fault(Predicate<Change> when, Reason reason) {}

  private InMemoryIdentityTarget(Builder b) {
    this.capabilities = b.capabilities;
    this.clock = b.clock;
    this.changeLog = new ChangeLog<>(b.clock);
  }

  /**
   * A builder; by default the target stores anchors, can disable users and takes 100 inline
   * members.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public synchronized TargetSnapshot read(TargetScope scope) {
    calls.increment("memory.ListUsers");
    calls.increment("memory.ListGroups");
    Set<String> read = new HashSet<>();
    for (TargetGroup g : groups.values()) {
      if (scope.includesMembershipsOf(g)) {
        read.add(g.id());
        calls.increment("memory.ListGroupMemberships");
      }
    }
    List<TargetMembership> list = new ArrayList<>();
    for (TargetMembership m : memberships.values()) {
      if (read.contains(m.groupId())) {
        list.add(m);
      }
    }
    return new TargetSnapshot(
        List.copyOf(users.values()), List.copyOf(groups.values()), list, read, capabilities);
  }

  /** Everything the target holds, with every group's memberships; counts no call. */
  public synchronized TargetSnapshot snapshot() {
    return new TargetSnapshot(
        List.copyOf(users.values()),
        List.copyOf(groups.values()),
        List.copyOf(memberships.values()),
        Set.copyOf(groups.keySet()),
        capabilities);
  }

  @Override
  public List<ChangeResult> apply(List<Change> changes) {
    List<ChangeResult> results = new ArrayList<>(changes.size());
    writing.set(runTag);
    try {
      for (Change change : changes) {
        results.add(applyOne(change));
      }
    } finally {
      writing.remove();
    }
    return results;
  }

  @Override
  public synchronized TargetSnapshot readChanged(
      TargetSnapshot previous, TargetChanges changes, TargetScope scope) {
    calls.increment("memory.readChanged");
    return TargetRefresh.read(
        previous,
        changes,
        scope,
        new TargetRefresh.Lookup() {
          @Override
          public Map<String, TargetUser> users(Set<String> ids) {
            Map<String, TargetUser> out = new java.util.HashMap<>();
            for (String id : ids) {
              calls.increment("memory.DescribeUser");
              TargetUser u = users.get(id);
              if (u != null) {
                out.put(id, u);
              }
            }
            return out;
          }

          @Override
          public Map<String, TargetGroup> groups(Set<String> ids) {
            Map<String, TargetGroup> out = new java.util.HashMap<>();
            for (String id : ids) {
              calls.increment("memory.DescribeGroup");
              TargetGroup g = groups.get(id);
              if (g != null) {
                out.put(id, g);
              }
            }
            return out;
          }

          @Override
          public Map<String, List<TargetMembership>> memberships(List<TargetGroup> read) {
            Map<String, List<TargetMembership>> out = new java.util.HashMap<>();
            read.forEach(g -> out.put(g.id(), new ArrayList<>()));
            for (TargetGroup g : read) {
              calls.increment("memory.ListGroupMemberships");
            }
            for (TargetMembership m : memberships.values()) {
              List<TargetMembership> list = out.get(m.groupId());
              if (list != null) {
                list.add(m);
              }
            }
            return out;
          }
        });
  }

  /** Tags later writes, as a CloudTrail user agent would carry the run's tag. */
  @Override
  public boolean tagWrites(String runId) {
    this.runTag = runId;
    return true;
  }

  /** Every change made to the target, with the tag of the run that made it: its audit log. */
  public ChangeLog<TargetChanges> changeLog() {
    return changeLog;
  }

  private void logged(Set<String> users, Set<String> groups, Set<String> membershipGroups) {
    changeLog.record(writing.get(), new TargetChanges(users, groups, membershipGroups, Set.of()));
  }

  @Override
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }

  /**
   * Makes every later change that matches fail with {@code reason}.
   *
   * @param when which changes fail
   * @param reason the failure's reason
   * @return this
   */
  public InMemoryIdentityTarget failWhen(Predicate<Change> when, Reason reason) {
    faults.add(new Fault(when, reason));
    return this;
  }

  /** Removes every injected fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Adds a user directly, as if made by hand or by another tool.
   *
   * @param userName user name
   * @param givenName given name
   * @param familyName family name
   * @param externalIds external ids (empty for a hand-made user)
   * @return the stored user
   */
  public synchronized TargetUser addUser(
      String userName, String givenName, String familyName, List<ExternalId> externalIds) {
    require(nameFree(userName, null), "user name taken: " + userName);
    TargetUser u =
        new TargetUser(
            newId("u"),
            userName,
            givenName + " " + familyName,
            givenName,
            familyName,
            userName,
            true,
            externalIds,
            clock.instant());
    storeUser(u);
    return u;
  }

  /**
   * Sets or clears one optional attribute of a user, as an administrator or another tool would.
   *
   * @param userId the user's id
   * @param attribute the attribute ({@link UserAttribute#MANAGER} takes a user id)
   * @param value the new value, or null to clear it
   */
  public synchronized void editByHand(
      String userId, UserAttribute attribute, @Nullable String value) {
    TargetUser u = users.get(userId);
    require(u != null, "no user " + userId);
    require(!attribute.required(), "edit required attributes with putUser");
    Map<UserAttribute, String> optional = new EnumMap<>(UserAttribute.class);
    optional.putAll(Objects.requireNonNull(u).optional());
    if (value == null) {
      optional.remove(attribute);
    } else {
      optional.put(attribute, value);
    }
    storeUser(
        new TargetUser(
            u.id(),
            u.userName(),
            u.displayName(),
            u.givenName(),
            u.familyName(),
            u.email(),
            u.active(),
            u.externalIds(),
            clock.instant(),
            optional));
  }

  /**
   * Stores a user exactly as given (id included), replacing one with the same id.
   *
   * @param user the user
   */
  public synchronized void putUser(TargetUser user) {
    storeUser(user);
  }

  /**
   * Stores a group exactly as given (id included), replacing one with the same id.
   *
   * @param group the group
   */
  public synchronized void putGroup(TargetGroup group) {
    storeGroup(group);
  }

  /**
   * Adds a group directly, as if made by hand or by another tool.
   *
   * @param displayName display name
   * @param externalIds external ids (empty for a hand-made group)
   * @return the stored group
   */
  public synchronized TargetGroup addGroup(String displayName, List<ExternalId> externalIds) {
    require(groupNameFree(displayName, null), "group name taken: " + displayName);
    TargetGroup g = new TargetGroup(newId("g"), displayName, null, externalIds);
    storeGroup(g);
    return g;
  }

  /**
   * Adds a membership directly.
   *
   * @param groupId group id
   * @param userId user id
   * @return the membership
   */
  public synchronized TargetMembership addMembership(String groupId, String userId) {
    require(groups.containsKey(groupId) && users.containsKey(userId), "no such group or user");
    TargetMembership existing = membership(groupId, userId);
    if (existing != null) {
      return existing;
    }
    TargetMembership m = new TargetMembership(newId("m"), groupId, userId);
    logged(Set.of(), Set.of(), Set.of(groupId));
    memberships.put(m.id(), m);
    membershipByPair.put(pair(groupId, userId), m);
    return m;
  }

  /**
   * Removes a membership directly, as someone else would.
   *
   * @param groupId group id
   * @param userId user id
   */
  public synchronized void removeMembership(String groupId, String userId) {
    TargetMembership m = membership(groupId, userId);
    if (m != null) {
      logged(Set.of(), Set.of(), Set.of(groupId));
      memberships.remove(m.id());
      unindex(m);
    }
  }

  /**
   * Deletes a group directly, as someone else would.
   *
   * @param groupId the group's id
   */
  public synchronized void removeGroup(String groupId) {
    TargetGroup g = groups.get(groupId);
    if (g != null) {
      deleteGroup(ObjectRef.existing(groupId, null, g.displayName()));
    }
  }

  /**
   * Deletes a user directly, as someone else would.
   *
   * @param userId the user's id
   */
  public synchronized void removeUser(String userId) {
    dropUser(userId);
  }

  // ------------------------------------------------------------------ apply

  private ChangeResult applyOne(Change change) {
    calls.increment("memory." + operation(change));
    for (Fault f : faults) {
      if (f.when().test(change)) {
        return ChangeResult.failed(
            new ProviderException(
                f.reason(), "injected " + f.reason() + " for " + describe(change)));
      }
    }
    synchronized (this) {
      try {
        return switch (change.kind()) {
          case CREATE_USER -> createUser((Change.CreateUser) change);
          case UPDATE_USER -> updateUser((Change.UpdateUser) change);
          case DISABLE_USER -> disableUser((Change.DisableUser) change);
          case DELETE_USER -> deleteUser(change.subject());
          case CREATE_GROUP -> createGroup((Change.CreateGroup) change);
          case UPDATE_GROUP -> updateGroup((Change.UpdateGroup) change);
          case RETIRE_GROUP -> retireGroup((Change.RetireGroup) change);
          case DELETE_GROUP -> deleteGroup(change.subject());
          case ADD_MEMBERSHIP -> addMembership((Change.AddMembership) change);
          case REMOVE_MEMBERSHIP -> removeMembership((Change.RemoveMembership) change);
        };
      } catch (ProviderException e) {
        return ChangeResult.failed(e);
      }
    }
  }

  private ChangeResult createUser(Change.CreateUser c) {
    UserAttributes a = c.attributes();
    validateUser(a);
    if (!nameFree(a.userName(), null)) {
      throw conflict("user name " + a.userName() + " is taken");
    }
    TargetUser u =
        new TargetUser(
            newId("u"),
            a.userName(),
            a.displayName(),
            a.givenName(),
            a.familyName(),
            a.email(),
            !capabilities.canDisableUsers() || a.active(),
            anchors(a.externalId()),
            clock.instant(),
            optional(a, new EnumMap<>(UserAttribute.class)));
    storeUser(u);
    return ChangeResult.created(u.id());
  }

  /** The optional attributes a create or update writes, onto those the user holds. */
  private Map<UserAttribute, String> optional(UserAttributes a, Map<UserAttribute, String> held) {
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    out.putAll(held);
    a.optional()
        .forEach(
            (attribute, value) -> {
              requireWritable(attribute);
              out.put(attribute, value);
            });
    if (a.manager() != null) {
      requireWritable(UserAttribute.MANAGER);
      out.put(UserAttribute.MANAGER, existingManager(a.manager().requireTargetId()));
    }
    return out;
  }

  private void requireWritable(UserAttribute attribute) {
    if (!capabilities.canWrite(attribute)) {
      throw new ProviderException(Reason.INVALID, "this target cannot write " + attribute.path());
    }
  }

  /** As in a SCIM store, a manager reference must name an existing user. */
  private String existingManager(String id) {
    if (!users.containsKey(id)) {
      throw new ProviderException(Reason.INVALID, "manager " + id + " is not a user of the store");
    }
    return id;
  }

  private ChangeResult updateUser(Change.UpdateUser c) {
    TargetUser u = existingUser(c.user());
    String managerId = null;
    for (AttributeChange a : c.changes()) {
      UserAttribute named = UserAttribute.named(a.attribute());
      if (named != null && !named.required()) {
        requireWritable(named);
        ObjectRef manager = c.attributes().manager();
        if (named == UserAttribute.MANAGER && manager != null) {
          managerId = existingManager(manager.requireTargetId());
        }
      } else if (a.attribute().equals("active") && !capabilities.canDisableUsers()) {
        throw new ProviderException(Reason.INVALID, "this target cannot change active");
      }
    }
    TargetUser updated;
    try {
      updated = UserUpdate.apply(u, c.changes(), managerId, this::anchors, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Reason.INVALID, e.getMessage());
    }
    if (!nameFree(updated.userName(), u.id())) {
      throw conflict("user name " + updated.userName() + " is taken");
    }
    storeUser(updated);
    return ChangeResult.done();
  }

  private ChangeResult disableUser(Change.DisableUser c) {
    if (!capabilities.canDisableUsers()) {
      throw new ProviderException(Reason.INVALID, "this target cannot disable users");
    }
    TargetUser u = existingUser(c.user());
    storeUser(u.withActive(false, clock.instant()));
    return ChangeResult.done();
  }

  private ChangeResult deleteUser(ObjectRef ref) {
    dropUser(ref.requireTargetId());
    return ChangeResult.done(); // gone already counts as done
  }

  private ChangeResult createGroup(Change.CreateGroup c) {
    GroupAttributes a = c.attributes();
    validateGroup(a);
    if (c.members().size() > capabilities.maxMembersOnGroupCreate()) {
      throw new ProviderException(
          Reason.INVALID,
          "a group create takes at most " + capabilities.maxMembersOnGroupCreate() + " members");
    }
    if (!groupNameFree(a.displayName(), null)) {
      throw conflict("group name " + a.displayName() + " is taken");
    }
    for (ObjectRef m : c.members()) {
      existingUser(m);
    }
    TargetGroup g =
        new TargetGroup(newId("g"), a.displayName(), a.description(), anchors(a.externalId()));
    storeGroup(g);
    for (ObjectRef m : c.members()) {
      addMembership(g.id(), m.requireTargetId());
    }
    return ChangeResult.created(g.id());
  }

  private ChangeResult updateGroup(Change.UpdateGroup c) {
    TargetGroup g = existingGroup(c.group());
    String displayName = g.displayName();
    String description = g.description();
    List<ExternalId> externalIds = g.externalIds();
    for (AttributeChange a : c.changes()) {
      switch (a.attribute()) {
        case "displayName" -> displayName = requireValue(a);
        case "description" -> description = a.after();
        case "externalId" -> externalIds = a.after() == null ? List.of() : anchors(a.after());
        default ->
            throw new ProviderException(Reason.INVALID, "unknown attribute " + a.attribute());
      }
    }
    if (!groupNameFree(displayName, g.id())) {
      throw conflict("group name " + displayName + " is taken");
    }
    storeGroup(new TargetGroup(g.id(), displayName, description, externalIds));
    return ChangeResult.done();
  }

  private ChangeResult retireGroup(Change.RetireGroup c) {
    if (!capabilities.storesAnchors()) {
      throw new ProviderException(Reason.INVALID, "this target stores no anchors");
    }
    TargetGroup g = existingGroup(c.group());
    storeGroup(new TargetGroup(g.id(), g.displayName(), g.description(), anchors(c.externalId())));
    return ChangeResult.done();
  }

  private ChangeResult deleteGroup(ObjectRef ref) {
    String id = ref.requireTargetId();
    logged(Set.of(), Set.of(id), Set.of());
    TargetGroup g = groups.remove(id);
    if (g != null) {
      groupIdByName.remove(fold(g.displayName()));
      memberships.values().removeIf(m -> m.groupId().equals(id) && unindex(m));
    }
    return ChangeResult.done();
  }

  private ChangeResult addMembership(Change.AddMembership c) {
    TargetGroup g = existingGroup(c.group());
    TargetUser u = existingUser(c.user());
    // Already a member (say, added by a concurrent run): the desired state holds, so it is done.
    TargetMembership m = addMembership(g.id(), u.id());
    return ChangeResult.created(m.id());
  }

  private ChangeResult removeMembership(Change.RemoveMembership c) {
    TargetMembership m = membership(c.group().requireTargetId(), c.user().requireTargetId());
    if (m != null) {
      logged(Set.of(), Set.of(), Set.of(m.groupId()));
      memberships.remove(m.id());
      unindex(m);
    }
    return ChangeResult.done();
  }

  // ------------------------------------------------------------------ rules

  private @Nullable TargetMembership membership(String groupId, String userId) {
    return membershipByPair.get(pair(groupId, userId));
  }

  private boolean nameFree(String userName, @Nullable String exceptId) {
    String holder = userIdByName.get(fold(userName));
    return holder == null || holder.equals(exceptId);
  }

  private boolean groupNameFree(String displayName, @Nullable String exceptId) {
    String holder = groupIdByName.get(fold(displayName));
    return holder == null || holder.equals(exceptId);
  }

  private void storeUser(TargetUser u) {
    logged(Set.of(u.id()), Set.of(), Set.of());
    TargetUser old = users.put(u.id(), u);
    if (old != null) {
      userIdByName.remove(fold(old.userName()));
    }
    userIdByName.put(fold(u.userName()), u.id());
  }

  private void storeGroup(TargetGroup g) {
    logged(Set.of(), Set.of(g.id()), Set.of());
    TargetGroup old = groups.put(g.id(), g);
    if (old != null) {
      groupIdByName.remove(fold(old.displayName()));
    }
    groupIdByName.put(fold(g.displayName()), g.id());
  }

  private void dropUser(String userId) {
    logged(Set.of(userId), Set.of(), Set.of());
    TargetUser u = users.remove(userId);
    if (u != null) {
      userIdByName.remove(fold(u.userName()));
      memberships.values().removeIf(m -> m.userId().equals(userId) && unindex(m));
    }
  }

  private boolean unindex(TargetMembership m) {
    membershipByPair.remove(pair(m.groupId(), m.userId()));
    return true;
  }

  private static String pair(String groupId, String userId) {
    return groupId + '\u0000' + userId;
  }

  private TargetUser existingUser(ObjectRef ref) {
    TargetUser u = users.get(ref.requireTargetId());
    if (u == null) {
      throw new ProviderException(Reason.NOT_FOUND, "user " + ref.name() + " does not exist");
    }
    return u;
  }

  private TargetGroup existingGroup(ObjectRef ref) {
    TargetGroup g = groups.get(ref.requireTargetId());
    if (g == null) {
      throw new ProviderException(Reason.NOT_FOUND, "group " + ref.name() + " does not exist");
    }
    return g;
  }

  private List<ExternalId> anchors(@Nullable String externalId) {
    if (externalId == null || !capabilities.storesAnchors()) {
      return List.of();
    }
    return List.of(
        new ExternalId(
            Objects.requireNonNullElse(capabilities.anchorIssuer(), DEFAULT_ISSUER), externalId));
  }

  private static void validateUser(UserAttributes a) {
    for (String v :
        List.of(a.userName(), a.givenName(), a.familyName(), a.displayName(), a.email())) {
      if (v.isBlank()) {
        throw new ProviderException(
            Reason.INVALID, "empty values are not allowed: " + a.userName());
      }
    }
  }

  private static void validateGroup(GroupAttributes a) {
    if (a.displayName().isBlank() || (a.description() != null && a.description().isEmpty())) {
      throw new ProviderException(
          Reason.INVALID, "empty values are not allowed: " + a.displayName());
    }
  }

  private static String requireValue(AttributeChange a) {
    if (a.after() == null || a.after().isBlank()) {
      throw new ProviderException(Reason.INVALID, a.attribute() + " must not be empty");
    }
    return a.after();
  }

  private static ProviderException conflict(String message) {
    return new ProviderException(Reason.CONFLICT, message);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private String newId(String prefix) {
    return prefix + "-" + nextId++;
  }

  private static String operation(Change change) {
    StringBuilder out = new StringBuilder();
    for (String part : change.kind().name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  private static String describe(Change change) {
    return change.kind() + " " + change.subject().name();
  }

  /** Builds an {@link InMemoryIdentityTarget}. */
  public static final class Builder {
    private TargetCapabilities capabilities =
        TargetCapabilities.builder()
            .anchorIssuer(DEFAULT_ISSUER)
            .canDisableUsers(true)
            .maxMembersOnGroupCreate(100)
            .allUserAttributes()
            .build();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * @param capabilities what the target can do
     * @return this builder
     */
    public Builder capabilities(TargetCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
      return this;
    }

    /**
     * @param clock where updated-at times come from
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The target, empty. */
    public InMemoryIdentityTarget build() {
      return new InMemoryIdentityTarget(this);
    }
  }

  /**
   * IAM Identity Center's rule this target mirrors: user and group names are unique ignoring case.
   */
  private static String fold(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
