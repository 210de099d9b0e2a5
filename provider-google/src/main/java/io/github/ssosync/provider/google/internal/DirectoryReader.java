package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.internal.CallCounter;
import io.github.ssosync.internal.DaemonThreads;
import io.github.ssosync.internal.RateLimiter;
import io.github.ssosync.internal.Retrier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a complete directory snapshot through the Directory API: every list paged to the end at the
 * API's largest page, members of nested groups level by level in parallel, each group once, and the
 * users that memberships reference fetched in bulk. Any call that still fails after its retries
 * fails the whole read: a missing page must never look like a deleted user.
 */
public final class DirectoryReader {
  private static final Logger log = LoggerFactory.getLogger(DirectoryReader.class);

  /** The API's largest pages (Directory API reference). */
  static final int USERS_PAGE = 500;

  static final int GROUPS_PAGE = 200;
  static final int MEMBERS_PAGE = 200;

  /**
   * Up to this many users that memberships reference but the user queries did not return are
   * fetched one by one ({@code users.get}); more are found by listing every user, which costs one
   * call per 500 users.
   */
  static final int MAX_SINGLE_GETS = 10;

  private static final String USER_FIELDS =
      "nextPageToken,users(id,primaryEmail,name(givenName,familyName),suspended,archived,orgUnitPath)";
  private static final String GROUP_FIELDS = "nextPageToken,groups(id,email,name,description)";
  private static final String MEMBER_FIELDS = "nextPageToken,members(id,email,role,type,status)";

  private final Directory directory;
  private final @Nullable String customer;
  private final @Nullable String domain;
  private final RateLimiter limiter;
  private final Retrier retrier;
  private final CallCounter calls;
  private final int concurrency;

  /**
   * @param directory the client
   * @param customer the customer id, or null when reading by domain
   * @param domain the domain, or null when reading by customer
   * @param limiter the Directory API limiter
   * @param retrier the retry policy
   * @param calls the call counter
   * @param concurrency how many member lists to read at once
   */
  public DirectoryReader(
      Directory directory,
      @Nullable String customer,
      @Nullable String domain,
      RateLimiter limiter,
      Retrier retrier,
      CallCounter calls,
      int concurrency) {
    this.directory = directory;
    this.customer = customer;
    this.domain = domain;
    this.limiter = limiter;
    this.retrier = retrier;
    this.calls = calls;
    this.concurrency = concurrency;
  }

  /**
   * @param query what to read
   * @return the complete snapshot
   */
  public DirectorySnapshot read(DirectoryQuery query) {
    Map<String, DirectoryUser> users = new LinkedHashMap<>();
    Set<String> matchedUsers = new LinkedHashSet<>();
    for (String q : query.userQueries()) {
      for (DirectoryUser u : listUsers(q)) {
        users.put(u.id(), u);
        matchedUsers.add(u.id());
      }
    }
    Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
    Set<String> matchedGroups = new LinkedHashSet<>();
    for (String q : query.groupQueries()) {
      for (DirectoryGroup g : listGroups(q)) {
        groups.put(g.id(), g);
        matchedGroups.add(g.id());
      }
    }
    Map<String, List<DirectoryMember>> members = readMembers(matchedGroups, groups);
    fetchReferencedUsers(members, users);
    List<DirectoryGroup> read = new ArrayList<>();
    for (String id : members.keySet()) {
      read.add(groups.get(id));
    }
    log.debug(
        "read {} users, {} groups ({} matched), {} member lists",
        users.size(),
        read.size(),
        matchedGroups.size(),
        members.size());
    return new DirectorySnapshot(
        List.copyOf(users.values()), read, members, matchedUsers, matchedGroups);
  }

  // ------------------------------------------------------------------ lists

  private List<DirectoryUser> listUsers(String query) {
    String what =
        query.equals(DirectoryQuery.ALL)
            ? "users.list (all users)"
            : "users.list query '" + query + "'";
    List<DirectoryUser> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      Users page =
          call(
              "google.users.list",
              what,
              () -> {
                Directory.Users.List request =
                    directory
                        .users()
                        .list()
                        .setMaxResults(USERS_PAGE)
                        .setPageToken(pageToken)
                        .setFields(USER_FIELDS);
                scope(request);
                if (!query.equals(DirectoryQuery.ALL)) {
                  request.setQuery(query);
                }
                return request.execute();
              });
      if (page.getUsers() != null) {
        for (User u : page.getUsers()) {
          out.add(user(u));
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  private List<DirectoryGroup> listGroups(String query) {
    String what =
        query.equals(DirectoryQuery.ALL)
            ? "groups.list (all groups)"
            : "groups.list query '" + query + "'";
    List<DirectoryGroup> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      Groups page =
          call(
              "google.groups.list",
              what,
              () -> {
                Directory.Groups.List request =
                    directory
                        .groups()
                        .list()
                        .setMaxResults(GROUPS_PAGE)
                        .setPageToken(pageToken)
                        .setFields(GROUP_FIELDS);
                if (domain != null) {
                  request.setDomain(domain);
                } else {
                  request.setCustomer(customer);
                }
                if (!query.equals(DirectoryQuery.ALL)) {
                  request.setQuery(query);
                }
                return request.execute();
              });
      if (page.getGroups() != null) {
        for (Group g : page.getGroups()) {
          String description = g.getDescription();
          out.add(
              new DirectoryGroup(
                  g.getId(),
                  g.getEmail(),
                  g.getName() == null ? g.getEmail() : g.getName(),
                  description == null || description.isBlank() ? null : description));
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  private List<DirectoryMember> listMembers(String groupId, String groupEmail) {
    String what = "members.list of group " + groupEmail;
    List<DirectoryMember> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      Members page =
          call(
              "google.members.list",
              what,
              () ->
                  directory
                      .members()
                      .list(groupId)
                      .setMaxResults(MEMBERS_PAGE)
                      .setPageToken(pageToken)
                      .setFields(MEMBER_FIELDS)
                      .execute());
      if (page.getMembers() != null) {
        for (Member m : page.getMembers()) {
          out.add(member(m));
        }
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** Members of the matched groups, then of the groups nested in them, level by level. */
  private Map<String, List<DirectoryMember>> readMembers(
      Set<String> roots, Map<String, DirectoryGroup> groups) {
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    List<String> level = new ArrayList<>(roots);
    Set<String> queued = new LinkedHashSet<>(roots);
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-members");
    try {
      while (!level.isEmpty()) {
        Map<String, Future<List<DirectoryMember>>> pending = new LinkedHashMap<>();
        for (String id : level) {
          String email = groups.get(id).email();
          pending.put(id, pool.submit(() -> listMembers(id, email)));
        }
        List<String> next = new ArrayList<>();
        for (Map.Entry<String, Future<List<DirectoryMember>>> e : pending.entrySet()) {
          List<DirectoryMember> list = await(e.getValue());
          members.put(e.getKey(), list);
          for (DirectoryMember m : list) {
            if (m.type() == MemberType.GROUP && queued.add(m.id())) {
              String email = m.email() == null ? m.id() : m.email();
              // A nested group's own attributes matter only if a query selects it, in which case
              // groups.list described it already.
              groups.putIfAbsent(m.id(), new DirectoryGroup(m.id(), email, email, null));
              next.add(m.id());
            }
          }
        }
        level = next;
      }
    } finally {
      pool.shutdownNow();
    }
    return members;
  }

  private void fetchReferencedUsers(
      Map<String, List<DirectoryMember>> members, Map<String, DirectoryUser> users) {
    Set<String> missing = new LinkedHashSet<>();
    for (List<DirectoryMember> list : members.values()) {
      for (DirectoryMember m : list) {
        if (m.type() == MemberType.USER && !users.containsKey(m.id())) {
          missing.add(m.id());
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (missing.size() > MAX_SINGLE_GETS) {
      for (DirectoryUser u : listUsers(DirectoryQuery.ALL)) {
        if (missing.contains(u.id())) {
          users.put(u.id(), u);
        }
      }
      return;
    }
    Map<String, DirectoryUser> found = new ConcurrentHashMap<>();
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-users");
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String id : missing) {
        futures.add(
            pool.submit(
                () -> {
                  DirectoryUser u = getUser(id);
                  if (u != null) {
                    found.put(id, u);
                  }
                }));
      }
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String id : missing) {
      DirectoryUser u = found.get(id);
      if (u != null) {
        users.put(id, u);
      }
    }
  }

  private @Nullable DirectoryUser getUser(String id) {
    try {
      return user(
          call(
              "google.users.get",
              "users.get " + id,
              () ->
                  directory
                      .users()
                      .get(id)
                      .setFields(
                          "id,primaryEmail,name(givenName,familyName),suspended,archived,orgUnitPath")
                      .execute()));
    } catch (ProviderException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return null; // gone since the member list was read; the planner skips the membership
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ helpers

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T call(String counter, String what, Call<T> call) {
    return retrier.call(
        limiter,
        what,
        () -> {
          calls.increment(counter);
          try {
            return call.run();
          } catch (IOException e) {
            throw GoogleErrors.translate(what, e);
          }
        });
  }

  private void scope(Directory.Users.List request) {
    if (domain != null) {
      request.setDomain(domain);
    } else {
      request.setCustomer(customer);
    }
  }

  private static DirectoryUser user(User u) {
    String given = u.getName() == null ? null : u.getName().getGivenName();
    String family = u.getName() == null ? null : u.getName().getFamilyName();
    return new DirectoryUser(
        u.getId(),
        u.getPrimaryEmail(),
        given,
        family,
        Boolean.TRUE.equals(u.getSuspended()),
        Boolean.TRUE.equals(u.getArchived()),
        u.getOrgUnitPath(),
        Map.of());
  }

  private static DirectoryMember member(Member m) {
    MemberType type;
    try {
      type = MemberType.valueOf(GoogleErrors.upper(m.getType()));
    } catch (IllegalArgumentException e) {
      type = MemberType.EXTERNAL; // unknown kinds never become target users
    }
    MemberRole role;
    try {
      role = MemberRole.valueOf(GoogleErrors.upper(m.getRole()));
    } catch (IllegalArgumentException e) {
      role = MemberRole.MEMBER;
    }
    return new DirectoryMember(
        m.getId() == null ? String.valueOf(m.getEmail()) : m.getId(), m.getEmail(), type, role);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Reason.UNAVAILABLE, "interrupted while reading the directory", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) {
        throw p;
      }
      throw new ProviderException(
          Reason.UNKNOWN, "reading the directory failed: " + e.getCause(), e.getCause());
    }
  }
}
