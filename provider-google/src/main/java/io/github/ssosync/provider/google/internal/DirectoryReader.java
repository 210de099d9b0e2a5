package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.directory.Selection;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.provider.ReadCounter;
import io.github.ssosync.provider.ReadCounts;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.QuerySyntaxException;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a complete directory snapshot through the Directory API, answering the questions of core's
 * {@link Selection} (the selection rule every source shares): every list paged to the end at the
 * API's largest page, members of nested groups level by level in parallel, each group once, and the
 * users that memberships reference fetched in bulk. Any call that still fails after its retries
 * fails the whole read: a missing page must never look like a deleted user.
 *
 * <p>The one exception is a member Google will not show: a user or nested group of another
 * organisation, for which {@code users.get} and {@code members.list} answer 403 "Not Authorized to
 * access this resource/api" (slashdevops/idp-scim-sync#49). Such a member is skipped with a {@link
 * DirectoryWarning} naming it, but only where nothing else is possible: on a call about an object a
 * membership pointed to (never a list of our own users or groups, never a matched group), on its
 * first page, and only when its email is at a domain that is not ours (a domain of the delegated
 * admin, of the configured domain, or of any user or group the lists returned). A 403 on anything
 * of ours means the admin lacks a privilege, and fails the read.
 */
public final class DirectoryReader {
  private static final Logger log = LoggerFactory.getLogger(DirectoryReader.class);

  /** The API's largest pages (Directory API reference). */
  static final int USERS_PAGE = 500;

  static final int GROUPS_PAGE = 200;

  /**
   * Up to this many users that memberships reference but the user queries did not return are
   * fetched one by one ({@code users.get}); more are found by listing every user, which costs one
   * call per 500 users.
   */
  static final int MAX_SINGLE_GETS = 10;

  private static final String GROUP_FIELDS = "nextPageToken,groups(id,email,name,description)";

  private final DirectoryApi api;
  private final Set<String> ownDomains;
  private final int concurrency;
  private final ReadCounter counter = new ReadCounter();

  /**
   * @param api the client and what every call needs
   * @param ownDomains domains known to be ours before any read (the delegated admin's, the
   *     configured domain), lower case
   * @param concurrency how many member lists to read at once
   */
  public DirectoryReader(DirectoryApi api, Set<String> ownDomains, int concurrency) {
    this.api = api;
    this.ownDomains = Set.copyOf(ownDomains);
    this.concurrency = concurrency;
  }

  /** Users, groups and member lists read so far, by every read of this reader. */
  public ReadCounts readCounts() {
    return counter.snapshot();
  }

  /**
   * @param query what to read
   * @return the complete snapshot
   * @throws ProviderException when a call fails after its retries, or a query is one Google would
   *     refuse (before any call)
   */
  public DirectorySnapshot read(DirectoryQuery query) {
    checkSyntax(query);
    ReadState state = new ReadState(ownDomains);
    UserRead userRead = UserRead.of(query.userAttributes());
    DirectorySnapshot snapshot = Selection.read(query, new GoogleLookup(state, userRead));
    log.debug(
        "read {} users, {} groups ({} matched), {} skipped",
        snapshot.users().size(),
        snapshot.groups().size(),
        snapshot.matchedGroupIds().size(),
        snapshot.warnings().size());
    return snapshot;
  }

  /**
   * The selection's questions answered by the Directory API: queries are Google's own language,
   * passed on verbatim; every user or group our lists return proves its domain ours.
   */
  private final class GoogleLookup implements Selection.Lookup {
    private final ReadState state;
    private final UserRead userRead;

    GoogleLookup(ReadState state, UserRead userRead) {
      this.state = state;
      this.userRead = userRead;
    }

    @Override
    public List<DirectoryUser> users(String text, Optional<UserQuery> parsed) {
      List<DirectoryUser> users = listUsers(text, userRead);
      users.forEach(u -> state.ours(u.primaryEmail()));
      return users;
    }

    @Override
    public List<DirectoryGroup> groups(String text, Optional<GroupQuery> parsed) {
      List<DirectoryGroup> groups = listGroups(text);
      groups.forEach(g -> state.ours(g.email()));
      return groups;
    }

    @Override
    public Map<String, List<DirectoryMember>> members(List<DirectoryGroup> level, boolean nested) {
      return new MemberLists(api, concurrency, counter).level(level, nested, state);
    }

    @Override
    public Map<String, DirectoryUser> referencedUsers(List<Selection.Reference> missing) {
      return fetchReferencedUsers(missing, state, userRead);
    }

    @Override
    public Map<String, DirectoryUser> usersByKey(Set<String> keys) {
      return new KeyReads(api, concurrency, counter).users(keys, userRead, state);
    }

    @Override
    public Map<String, DirectoryGroup> groupsByKey(Set<String> keys) {
      return new KeyReads(api, concurrency, counter).groups(keys, state);
    }

    @Override
    public List<DirectoryWarning> warnings() {
      return List.copyOf(state.warnings);
    }
  }

  /**
   * The selection's questions for an incremental read, answered as {@link #read} answers them.
   *
   * @param query what to read
   * @return the lookup, for {@link Selection}'s incremental read
   */
  public Selection.Lookup lookup(DirectoryQuery query) {
    checkSyntax(query);
    return new GoogleLookup(new ReadState(ownDomains), UserRead.of(query.userAttributes()));
  }

  /** A query Google would refuse fails here, naming its clause, before any call is made. */
  private static void checkSyntax(DirectoryQuery query) {
    String at = null;
    try {
      for (String q : query.userQueries()) {
        at = "users.list query '" + q + "'";
        if (!q.equals(DirectoryQuery.ALL)) {
          UserQuery.parse(q);
        }
      }
      for (String q : query.groupQueries()) {
        at = "groups.list query '" + q + "'";
        if (!q.equals(DirectoryQuery.ALL)) {
          GroupQuery.parse(q);
        }
      }
    } catch (QuerySyntaxException e) {
      throw new ProviderException(
          Reason.INVALID, at + ": Google would refuse it (" + e.getMessage() + ")", e);
    }
  }

  // ------------------------------------------------------------------ lists

  private List<DirectoryUser> listUsers(String query, UserRead userRead) {
    String what =
        (query.equals(DirectoryQuery.ALL)
                ? "users.list (all users)"
                : "users.list query '" + query + "'")
            + userRead.describe();
    List<DirectoryUser> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      Users page =
          api.call(
              "users.list",
              what,
              () -> {
                Directory.Users.List request =
                    userRead.apply(
                        api.directory()
                            .users()
                            .list()
                            .setMaxResults(USERS_PAGE)
                            .setPageToken(pageToken));
                if (api.domain() != null) {
                  request.setDomain(api.domain());
                } else {
                  request.setCustomer(api.customer());
                }
                if (!query.equals(DirectoryQuery.ALL)) {
                  request.setQuery(query);
                }
                return request.execute();
              });
      if (page.getUsers() != null) {
        for (User u : page.getUsers()) {
          out.add(ModelMapping.user(u));
        }
        counter.users(page.getUsers().size());
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
          api.call(
              "groups.list",
              what,
              () -> {
                Directory.Groups.List request =
                    api.directory()
                        .groups()
                        .list()
                        .setMaxResults(GROUPS_PAGE)
                        .setPageToken(pageToken)
                        .setFields(GROUP_FIELDS);
                if (api.domain() != null) {
                  request.setDomain(api.domain());
                } else {
                  request.setCustomer(api.customer());
                }
                if (!query.equals(DirectoryQuery.ALL)) {
                  request.setQuery(query);
                }
                return request.execute();
              });
      if (page.getGroups() != null) {
        for (Group g : page.getGroups()) {
          out.add(ModelMapping.group(g));
        }
        counter.groups(page.getGroups().size());
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  private Map<String, DirectoryUser> fetchReferencedUsers(
      List<Selection.Reference> references, ReadState state, UserRead userRead) {
    Map<String, DirectoryMember> missing = new LinkedHashMap<>();
    Map<String, String> groupOf = new LinkedHashMap<>();
    for (Selection.Reference r : references) {
      missing.put(r.member().id(), r.member());
      groupOf.put(r.member().id(), r.group().email());
    }
    Map<String, DirectoryUser> users = new LinkedHashMap<>();
    if (missing.size() > MAX_SINGLE_GETS) {
      for (DirectoryUser u : listUsers(DirectoryQuery.ALL, userRead)) {
        state.ours(u.primaryEmail());
        if (missing.containsKey(u.id())) {
          users.put(u.id(), u);
        }
      }
      for (DirectoryMember m : missing.values()) {
        // Not among all of the organisation's users: at a domain not ours, another
        // organisation's, as users.get would have said with its 403; otherwise deleted since the
        // member list was read, which the planner reports.
        if (!users.containsKey(m.id()) && state.foreign(m.email())) {
          state.warnings.add(
              foreignMember(
                  m, groupOf.get(m.id()), "absent from users.list of the whole organisation"));
        }
      }
      return users;
    }
    Map<String, DirectoryUser> found = new ConcurrentHashMap<>();
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-users");
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (DirectoryMember m : missing.values()) {
        futures.add(
            pool.submit(
                () -> {
                  DirectoryUser u = getUser(m, groupOf.get(m.id()), state, userRead);
                  if (u != null) {
                    found.put(m.id(), u);
                  }
                }));
      }
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
    return found;
  }

  private @Nullable DirectoryUser getUser(
      DirectoryMember m, @Nullable String groupEmail, ReadState state, UserRead userRead) {
    try {
      return ModelMapping.user(
          api.call(
              "users.get",
              "users.get " + m.id() + userRead.describe(),
              () -> userRead.apply(api.directory().users().get(m.id())).execute()));
    } catch (ProviderException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return null; // gone since the member list was read; the planner skips the membership
      }
      if (state.foreign(e, m.email())) {
        state.warnings.add(foreignMember(m, groupEmail, "users.get answered 403 Not Authorized"));
        return null;
      }
      throw e;
    }
  }

  private static DirectoryWarning foreignMember(
      DirectoryMember m, @Nullable String groupEmail, String evidence) {
    String who = m.email() == null ? m.id() : m.email();
    return new DirectoryWarning(
        who,
        "member "
            + who
            + " of group "
            + groupEmail
            + " belongs to another organisation: Google will not show it ("
            + evidence
            + "); skipped");
  }

  static <T> T await(Future<T> future) {
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
