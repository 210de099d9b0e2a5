package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.provider.ReadCounter;
import io.github.ssosync.provider.ReadCounts;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetRefresh;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.identitystore.model.DescribeGroupResponse;
import software.amazon.awssdk.services.identitystore.model.DescribeUserResponse;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsResponse;
import software.amazon.awssdk.services.identitystore.model.ListGroupsResponse;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.identitystore.model.UserStatus;

/**
 * Reads the store through the Identity Store API: every user and group, and the memberships of the
 * groups in scope only, every list paged to the end at 100 (the API's maximum), member lists in
 * parallel.
 */
public final class IdentityStoreReader implements TargetRefresh.Lookup {
  private static final int PAGE = 100;

  /** ListUsers' and DescribeUser's name of the enterprise extension (API reference). */
  public static final String ENTERPRISE = "aws:identitystore:enterprise";

  private final IdentityStoreApi api;
  private final int concurrency;
  private final boolean enterprise;
  private final UserAddresses addresses;
  private final ReadCounter counter = new ReadCounter();

  /**
   * @param api the API
   * @param concurrency member lists read at once
   */
  public IdentityStoreReader(IdentityStoreApi api, int concurrency) {
    this(api, concurrency, false, new UserAddresses());
  }

  /**
   * @param api the API
   * @param concurrency member lists read at once
   * @param enterprise whether to read the enterprise extension's attributes (asked for in the same
   *     ListUsers calls: "Extensions ... the service should retrieve alongside other user
   *     attributes")
   * @param addresses where to record each user's address as read, for writers that replace it whole
   */
  public IdentityStoreReader(
      IdentityStoreApi api, int concurrency, boolean enterprise, UserAddresses addresses) {
    this.api = api;
    this.concurrency = concurrency;
    this.enterprise = enterprise;
    this.addresses = addresses;
  }

  /** Users, groups and member lists read so far, by every read of this reader. */
  public ReadCounts readCounts() {
    return counter.snapshot();
  }

  /**
   * @param scope whose memberships to read
   * @param capabilities the target's capabilities, carried by the snapshot
   * @return the snapshot
   */
  public TargetSnapshot read(TargetScope scope, TargetCapabilities capabilities) {
    // Groups first, then their memberships in the pool while this thread pages through the users:
    // the user list is sequential (one page after another), so it overlaps with the rest.
    List<TargetGroup> groups = listGroups();
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-aws-read");
    try {
      Map<String, Future<List<TargetMembership>>> pending = new LinkedHashMap<>();
      for (TargetGroup g : groups) {
        // The scope may wait for the directory read; asking inside the task keeps this thread
        // free for the users.
        pending.put(
            g.id(),
            pool.submit(
                () ->
                    scope.includesMembershipsOf(g)
                        ? membershipsOf(g.id(), g.displayName())
                        : null));
      }
      List<TargetUser> users = listUsers();
      Set<String> inScope = new LinkedHashSet<>();
      List<TargetMembership> memberships = new ArrayList<>();
      for (Map.Entry<String, Future<List<TargetMembership>>> e : pending.entrySet()) {
        List<TargetMembership> read = e.getValue().get();
        if (read != null) {
          inScope.add(e.getKey());
          memberships.addAll(read);
        }
      }
      return new TargetSnapshot(users, groups, memberships, inScope, capabilities);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Reason.UNAVAILABLE, "interrupted while reading memberships");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) {
        throw p;
      }
      throw new ProviderException(
          ProviderException.Reason.UNKNOWN,
          "reading memberships failed: " + e.getCause(),
          e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Users by id, with DescribeUser (one call each, {@link #concurrency} at once); an id the store
   * does not know (ResourceNotFoundException) is left out, as a deleted user.
   */
  @Override
  public Map<String, TargetUser> users(Set<String> ids) {
    String store = api.identityStoreId();
    Map<String, TargetUser> out =
        byId(
            ids,
            id -> {
              DescribeUserResponse r =
                  api.call(
                      "DescribeUser",
                      "DescribeUser " + id,
                      c ->
                          c.describeUser(
                              q -> {
                                q.identityStoreId(store).userId(id);
                                if (enterprise) {
                                  q.extensions(ENTERPRISE);
                                }
                              }));
              return user(asUser(r));
            });
    out.values().forEach(u -> addresses.read(u.id(), u.optional()));
    counter.users(out.size());
    return out;
  }

  /** Groups by id, with DescribeGroup; an unknown id is left out, as a deleted group. */
  @Override
  public Map<String, TargetGroup> groups(Set<String> ids) {
    String store = api.identityStoreId();
    Map<String, TargetGroup> out =
        byId(
            ids,
            id -> {
              DescribeGroupResponse g =
                  api.call(
                      "DescribeGroup",
                      "DescribeGroup " + id,
                      c -> c.describeGroup(q -> q.identityStoreId(store).groupId(id)));
              return new TargetGroup(
                  g.groupId(), g.displayName(), g.description(), externalIds(g.externalIds()));
            });
    counter.groups(out.size());
    return out;
  }

  /** Every membership of each group, the lists read in parallel as a full read does. */
  @Override
  public Map<String, List<TargetMembership>> memberships(List<TargetGroup> groups) {
    Map<String, TargetGroup> byId = new LinkedHashMap<>();
    groups.forEach(g -> byId.put(g.id(), g));
    Map<String, List<TargetMembership>> out =
        inPool(byId.keySet(), id -> membershipsOf(id, byId.get(id).displayName()));
    return out;
  }

  /** Each id's answer, null answers (the object is gone) left out. */
  private <T> Map<String, T> byId(Set<String> ids, Function<String, T> describe) {
    return inPool(
        ids,
        id -> {
          try {
            return describe.apply(id);
          } catch (ProviderException e) {
            if (e.reason() == ProviderException.Reason.NOT_FOUND) {
              return null;
            }
            throw e;
          }
        });
  }

  private <T> Map<String, T> inPool(Set<String> ids, Function<String, T> call) {
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-aws-read");
    try {
      Map<String, Future<T>> pending = new LinkedHashMap<>();
      for (String id : ids) {
        pending.put(id, pool.submit(() -> call.apply(id)));
      }
      Map<String, T> out = new LinkedHashMap<>();
      for (Map.Entry<String, Future<T>> e : pending.entrySet()) {
        T value = e.getValue().get();
        if (value != null) {
          out.put(e.getKey(), value);
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Reason.UNAVAILABLE, "interrupted while reading by id");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) {
        throw p;
      }
      throw new ProviderException(
          ProviderException.Reason.UNKNOWN, "reading by id failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * DescribeUser answers the members of a User (API reference): copied member by member, so that
   * one mapping ({@link #user(User)}) serves the list and the describe.
   */
  private static User asUser(DescribeUserResponse r) {
    User.Builder b = User.builder();
    Map<String, SdkField<?>> fields = new java.util.HashMap<>();
    for (SdkField<?> f : b.sdkFields()) {
      fields.put(f.memberName(), f);
    }
    for (SdkField<?> f : r.sdkFields()) {
      SdkField<?> target = fields.get(f.memberName());
      if (target != null) {
        target.set(b, f.getValueOrDefault(r));
      }
    }
    return b.build();
  }

  private List<TargetUser> listUsers() {
    String store = api.identityStoreId();
    List<TargetUser> users = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListUsersResponse page =
          api.call(
              "ListUsers",
              "ListUsers",
              c ->
                  c.listUsers(
                      r -> {
                        r.identityStoreId(store).maxResults(PAGE).nextToken(next);
                        if (enterprise) {
                          r.extensions(ENTERPRISE);
                        }
                      }));
      for (User u : page.users()) {
        users.add(user(u));
      }
      counter.users(page.users().size());
      token = page.nextToken();
    } while (token != null);
    // Only a whole read replaces what writers know of addresses: a failed page changes nothing.
    Map<String, Map<io.github.ssosync.mapping.UserAttribute, String>> read = new LinkedHashMap<>();
    users.forEach(t -> read.put(t.id(), t.optional()));
    addresses.readAll(read);
    return users;
  }

  private List<TargetGroup> listGroups() {
    String store = api.identityStoreId();
    List<TargetGroup> groups = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListGroupsResponse page =
          api.call(
              "ListGroups",
              "ListGroups",
              c -> c.listGroups(r -> r.identityStoreId(store).maxResults(PAGE).nextToken(next)));
      for (Group g : page.groups()) {
        groups.add(
            new TargetGroup(
                g.groupId(), g.displayName(), g.description(), externalIds(g.externalIds())));
      }
      counter.groups(page.groups().size());
      token = page.nextToken();
    } while (token != null);
    return groups;
  }

  private List<TargetMembership> membershipsOf(String groupId, String name) {
    String store = api.identityStoreId();
    List<TargetMembership> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListGroupMembershipsResponse page =
          api.call(
              "ListGroupMemberships",
              "ListGroupMemberships of group " + name,
              c ->
                  c.listGroupMemberships(
                      r ->
                          r.identityStoreId(store)
                              .groupId(groupId)
                              .maxResults(PAGE)
                              .nextToken(next)));
      for (GroupMembership m : page.groupMemberships()) {
        if (m.memberId() != null && m.memberId().userId() != null) {
          out.add(new TargetMembership(m.membershipId(), groupId, m.memberId().userId()));
        }
      }
      token = page.nextToken();
    } while (token != null);
    counter.memberList();
    return out;
  }

  private static TargetUser user(User u) {
    String email = null;
    for (Email e : u.emails()) {
      if (email == null || Boolean.TRUE.equals(e.primary())) {
        email = e.value();
      }
    }
    return new TargetUser(
        u.userId(),
        u.userName(),
        u.displayName(),
        u.name() == null ? null : u.name().givenName(),
        u.name() == null ? null : u.name().familyName(),
        email,
        u.userStatus() != UserStatus.DISABLED,
        externalIds(u.externalIds()),
        u.updatedAt(),
        ReadUserAttributes.of(u));
  }

  private static List<ExternalId> externalIds(
      List<software.amazon.awssdk.services.identitystore.model.ExternalId> ids) {
    List<ExternalId> out = new ArrayList<>();
    for (var e : ids) {
      out.add(new ExternalId(e.issuer(), e.id()));
    }
    return out;
  }
}
