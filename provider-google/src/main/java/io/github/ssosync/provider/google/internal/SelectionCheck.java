package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.MembersHasMember;
import com.google.api.services.directory.model.User;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.query.Clause;
import io.github.ssosync.query.FieldValues;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Confirms by id, with reads that do not go through the search index, whether users and groups a
 * query result left out still exist and are still selected. Google: "Most user data updates within
 * 1 hour; however, it may take up to 36 hours for new data to be reflected in all search results"
 * ("Search for users"; the same sentence for groups in "Search for groups",
 * developers.google.com/workspace/admin/directory/v1/guides/search-users and search-groups).
 *
 * <p>One call per candidate: {@code users.get} or {@code groups.get}; a group selected only by
 * {@code memberKey=} queries is asked {@code members.hasMember} instead (one call per such query).
 * 404 and 403 "Not Authorized" (another organisation's) mean gone; any other failure, after its
 * retries, throws, so that the engine removes nothing.
 */
public final class SelectionCheck {
  private final DirectoryApi api;
  private final int concurrency;

  /**
   * @param api the client and what every call needs
   * @param concurrency how many checks run at once
   */
  public SelectionCheck(DirectoryApi api, int concurrency) {
    this.api = api;
    this.concurrency = concurrency;
  }

  /**
   * @param query the query the snapshot was read for
   * @param userIds users the plan would remove
   * @param groupIds groups the plan would remove
   * @return the ids that exist and that a query selects
   * @throws ProviderException when a check fails for another reason than the object being gone
   */
  public Set<String> stillSelected(
      DirectoryQuery query, Set<String> userIds, Set<String> groupIds) {
    Map<String, Future<Boolean>> checks = new LinkedHashMap<>();
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-confirm");
    try {
      if (searched(query.userQueries()) && !userIds.isEmpty()) {
        List<UserQuery> queries = query.userQueries().stream().map(UserQuery::parse).toList();
        boolean custom =
            queries.stream()
                .flatMap(q -> q.clauses().stream())
                .map(Clause::field)
                .anyMatch(f -> f != null && f.indexOf('.') > 0);
        for (String id : userIds) {
          checks.put(id, pool.submit(() -> userSelected(id, queries, custom)));
        }
      }
      if (searched(query.groupQueries()) && !groupIds.isEmpty()) {
        List<GroupQuery> byAttributes = new ArrayList<>();
        List<String> memberKeys = new ArrayList<>();
        for (String q : query.groupQueries()) {
          GroupQuery parsed = GroupQuery.parse(q);
          parsed.memberKey().ifPresentOrElse(memberKeys::add, () -> byAttributes.add(parsed));
        }
        for (String id : groupIds) {
          checks.putIfAbsent(id, pool.submit(() -> groupSelected(id, byAttributes, memberKeys)));
        }
      }
      Set<String> selected = new LinkedHashSet<>();
      for (Map.Entry<String, Future<Boolean>> e : checks.entrySet()) {
        if (DirectoryReader.await(e.getValue())) {
          selected.add(e.getKey());
        }
      }
      return selected;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Only query results can lag. No query selects nothing to confirm (users are then selected
   * through groups, whose member lists are read directly, not searched); {@code *} lists without a
   * query, which the index does not serve.
   */
  private static boolean searched(List<String> queries) {
    return !queries.isEmpty() && !queries.contains(DirectoryQuery.ALL);
  }

  private boolean userSelected(String id, List<UserQuery> queries, boolean custom) {
    User user;
    try {
      user =
          api.call(
              "users.get",
              "users.get " + id + " (confirming it left the query's result)",
              () -> {
                Directory.Users.Get get = api.directory().users().get(id);
                if (custom) {
                  get.setProjection("full"); // custom schemas come with projection=full only
                }
                return get.execute();
              });
    } catch (ProviderException e) {
      if (gone(e)) {
        return false;
      }
      throw e;
    }
    if (Boolean.TRUE.equals(user.getArchived())) {
      return false; // out of scope however it matches, as the planner treats archived users
    }
    FieldValues values = new UserFields(user);
    return queries.stream().anyMatch(q -> q.matches(values));
  }

  private boolean groupSelected(String id, List<GroupQuery> byAttributes, List<String> memberKeys) {
    try {
      if (!byAttributes.isEmpty()) {
        Group g =
            api.call(
                "groups.get",
                "groups.get " + id + " (confirming it left the query's result)",
                () -> api.directory().groups().get(id).setFields("id,email,name").execute());
        FieldValues values = FieldValues.of(ModelMapping.group(g), List.of());
        if (byAttributes.stream().anyMatch(q -> q.matches(values))) {
          return true;
        }
      }
      for (String key : memberKeys) {
        // hasMember counts nested membership too; memberKey's own reach is not documented, so
        // the check errs towards keeping the group.
        MembersHasMember answer =
            api.call(
                "members.hasMember",
                "members.hasMember " + id + " " + key + " (confirming it left the query's result)",
                () -> api.directory().members().hasMember(id, key).execute());
        if (Boolean.TRUE.equals(answer.getIsMember())) {
          return true;
        }
      }
      return false;
    } catch (ProviderException e) {
      if (gone(e)) {
        return false;
      }
      throw e;
    }
  }

  private static boolean gone(ProviderException e) {
    return e.reason() == Reason.NOT_FOUND || GoogleErrors.notAuthorized(e);
  }
}
