package io.github.ssosync.directory;

import io.github.ssosync.ProviderException;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.QuerySyntaxException;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The selection rule every {@link DirectorySource} applies, written once: the users the user
 * queries match, the groups the group queries match, every group nested in a matched group
 * (transitively, each group once), the direct members of each of those groups, and every user a
 * membership references although no user query returned it.
 *
 * <p>A source supplies a {@link Lookup}: how to list users and groups for one query (the hook where
 * it translates a parsed {@link UserQuery} or {@link GroupQuery} into its own language, an LDAP
 * filter or SQL, or evaluates it in memory with {@code matches}), how to read the members of one
 * level of groups (in parallel if it likes), and how to fetch referenced users by id. A source that
 * reads lazily through an API and one that holds its data in memory then select exactly the same
 * objects.
 *
 * <pre>{@code
 * public DirectorySnapshot read(DirectoryQuery query) {
 *   return Selection.read(query, new MyLookup(connection));
 * }
 * }</pre>
 */
public final class Selection {
  private Selection() {}

  /** What the closure asks a source; every method returns complete answers or throws. */
  public interface Lookup {
    /**
     * The users one user query selects.
     *
     * @param text the query as written ({@link DirectoryQuery#ALL} for every user); a source whose
     *     language is Google's search syntax passes it on verbatim
     * @param parsed the parsed query, empty for {@link DirectoryQuery#ALL}; a source translates its
     *     {@link UserQuery#clauses()} or evaluates it with {@link UserQuery#matches}
     * @return every user it selects
     */
    List<DirectoryUser> users(String text, Optional<UserQuery> parsed);

    /**
     * The groups one group query selects.
     *
     * @param text the query as written ({@link DirectoryQuery#ALL} for every group)
     * @param parsed the parsed query, empty for {@link DirectoryQuery#ALL}
     * @return every group it selects
     */
    List<DirectoryGroup> groups(String text, Optional<GroupQuery> parsed);

    /**
     * The direct members of each group of one level of the closure.
     *
     * @param level the groups whose members to read, each asked once per read
     * @param nested false for the matched groups, true for groups reached through a membership
     * @return direct members by group id; a group left out of the answer is left out of the
     *     snapshot (a source that may not see it says why in {@link #warnings()})
     */
    Map<String, List<DirectoryMember>> members(List<DirectoryGroup> level, boolean nested);

    /**
     * Describes a group reached only through a membership. The default describes it by the
     * membership alone (its email as its name): a nested group's own attributes matter only if a
     * query selects it, and then the group query described it already.
     *
     * @param membership the membership naming the group
     * @return the group, or null when the source does not know it (it is then left out)
     */
    default @Nullable DirectoryGroup nestedGroup(DirectoryMember membership) {
      String email = membership.email() == null ? membership.id() : membership.email();
      return new DirectoryGroup(membership.id(), email, email, null);
    }

    /**
     * Fetches users that memberships reference but no user query returned.
     *
     * @param missing the memberships, one per user id, each with the group it was read in
     * @return the users found, by id; a user absent from the answer is gone (the planner skips the
     *     membership) or not visible (the source says so in {@link #warnings()})
     */
    Map<String, DirectoryUser> referencedUsers(List<Reference> missing);

    /**
     * Reads users by key, for an incremental read: each key is what a change feed named (an id, a
     * primary email, a former primary email, an alias).
     *
     * @param keys the keys
     * @return the users found, each under every key that found it; a key absent from the answer
     *     names no user (deleted, or never one)
     * @throws UnsupportedOperationException if the source cannot (the default)
     */
    default Map<String, DirectoryUser> usersByKey(Set<String> keys) {
      throw new UnsupportedOperationException("this source cannot read users by key");
    }

    /**
     * Reads groups by key, for an incremental read (see {@link #usersByKey}).
     *
     * @param keys the keys
     * @return the groups found, each under every key that found it
     * @throws UnsupportedOperationException if the source cannot (the default)
     */
    default Map<String, DirectoryGroup> groupsByKey(Set<String> keys) {
      throw new UnsupportedOperationException("this source cannot read groups by key");
    }

    /** What the source skipped while answering, read after the closure is complete. */
    default List<DirectoryWarning> warnings() {
      return List.of();
    }
  }

  /**
   * A user membership whose user no user query returned.
   *
   * @param member the membership (its id is the user's directory id)
   * @param group the group it was read in
   */
  public record Reference(DirectoryMember member, DirectoryGroup group) {}

  /**
   * Reads what the query selects.
   *
   * @param query what to select
   * @param lookup the source's answers
   * @return the complete snapshot
   * @throws ProviderException with reason {@code INVALID} naming the query when one is not valid in
   *     the query language (before the lookup is asked anything), or whatever the lookup throws
   */
  public static DirectorySnapshot read(DirectoryQuery query, Lookup lookup) {
    Parsed queries = Parsed.of(query);
    Map<String, Optional<UserQuery>> userQueries = queries.users();
    Map<String, Optional<GroupQuery>> groupQueries = queries.groups();

    Map<String, DirectoryUser> users = new LinkedHashMap<>();
    Set<String> matchedUsers = new LinkedHashSet<>();
    userQueries.forEach(
        (text, parsed) -> {
          for (DirectoryUser u : lookup.users(text, parsed)) {
            users.put(u.id(), u);
            matchedUsers.add(u.id());
          }
        });
    Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
    Set<String> matchedGroups = new LinkedHashSet<>();
    groupQueries.forEach(
        (text, parsed) -> {
          for (DirectoryGroup g : lookup.groups(text, parsed)) {
            groups.put(g.id(), g);
            matchedGroups.add(g.id());
          }
        });

    Map<String, List<DirectoryMember>> members = closure(matchedGroups, groups, lookup);
    addReferencedUsers(members, groups, users, lookup);
    List<DirectoryGroup> read = new ArrayList<>();
    for (String id : members.keySet()) {
      read.add(groups.get(id));
    }
    return new DirectorySnapshot(
        List.copyOf(users.values()),
        read,
        members,
        matchedUsers,
        matchedGroups,
        List.copyOf(lookup.warnings()));
  }

  /**
   * Reads what the query selects now, from a previous read of the same query and the users and
   * groups a change feed named since: those are read again by key ({@link Lookup#usersByKey},
   * {@link Lookup#groupsByKey}), with the members of every named group; everything else is taken
   * from {@code previous}. The closure is then computed exactly as {@link #read} computes it, so
   * the answer equals a full read's provided the feed named everything that changed.
   *
   * <p>Whether a re-read object is selected is decided in memory ({@link UserQuery#matches}), so
   * queries on fields a single object's read cannot tell are refused: see {@link ChangedSelection}.
   *
   * @param query what to select; the query {@code previous} was read for
   * @param previous the previous read
   * @param changes the keys of the users and groups changed since
   * @param lookup the source's answers
   * @return the complete snapshot
   * @throws UnsupportedOperationException if a query cannot be evaluated on a single object, or the
   *     lookup cannot read by key; the caller reads in full
   */
  public static DirectorySnapshot readChanged(
      DirectoryQuery query,
      DirectorySnapshot previous,
      io.github.ssosync.feed.DirectoryChanges changes,
      Lookup lookup) {
    ChangedSelection.requireLocallyEvaluable(Parsed.of(query));
    return read(query, ChangedSelection.overlay(previous, changes, lookup));
  }

  /** The queries of a {@link DirectoryQuery}, parsed; {@link DirectoryQuery#ALL} as empty. */
  record Parsed(Map<String, Optional<UserQuery>> users, Map<String, Optional<GroupQuery>> groups) {
    static Parsed of(DirectoryQuery query) {
      Map<String, Optional<UserQuery>> userQueries = new LinkedHashMap<>();
      Map<String, Optional<GroupQuery>> groupQueries = new LinkedHashMap<>();
      String at = null;
      try {
        for (String q : query.userQueries()) {
          at = "user query '" + q + "'";
          userQueries.put(
              q, q.equals(DirectoryQuery.ALL) ? Optional.empty() : Optional.of(UserQuery.parse(q)));
        }
        for (String q : query.groupQueries()) {
          at = "group query '" + q + "'";
          groupQueries.put(
              q,
              q.equals(DirectoryQuery.ALL) ? Optional.empty() : Optional.of(GroupQuery.parse(q)));
        }
      } catch (QuerySyntaxException e) {
        throw new ProviderException(
            ProviderException.Reason.INVALID, at + " is not valid: " + e.getMessage(), e);
      }
      return new Parsed(userQueries, groupQueries);
    }
  }

  /** Members of the matched groups, then of the groups nested in them, level by level. */
  private static Map<String, List<DirectoryMember>> closure(
      Set<String> roots, Map<String, DirectoryGroup> groups, Lookup lookup) {
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    Set<String> queued = new LinkedHashSet<>(roots);
    List<DirectoryGroup> level = roots.stream().map(groups::get).toList();
    boolean nested = false;
    while (!level.isEmpty()) {
      Map<String, List<DirectoryMember>> answered = lookup.members(level, nested);
      List<DirectoryGroup> next = new ArrayList<>();
      for (DirectoryGroup g : level) {
        List<DirectoryMember> list = answered.get(g.id());
        if (list == null) {
          continue; // the source may not see it, and said so in its warnings
        }
        members.put(g.id(), List.copyOf(list));
        for (DirectoryMember m : list) {
          if (m.type() == MemberType.GROUP && queued.add(m.id())) {
            DirectoryGroup known = groups.get(m.id());
            DirectoryGroup group = known != null ? known : lookup.nestedGroup(m);
            if (group != null) {
              groups.putIfAbsent(m.id(), group);
              next.add(group);
            }
          }
        }
      }
      level = next;
      nested = true;
    }
    return members;
  }

  private static void addReferencedUsers(
      Map<String, List<DirectoryMember>> members,
      Map<String, DirectoryGroup> groups,
      Map<String, DirectoryUser> users,
      Lookup lookup) {
    Map<String, Reference> missing = new LinkedHashMap<>();
    for (Map.Entry<String, List<DirectoryMember>> e : members.entrySet()) {
      for (DirectoryMember m : e.getValue()) {
        if (m.type() == MemberType.USER && !users.containsKey(m.id())) {
          missing.putIfAbsent(m.id(), new Reference(m, groups.get(e.getKey())));
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    Map<String, DirectoryUser> found = lookup.referencedUsers(List.copyOf(missing.values()));
    for (String id : missing.keySet()) {
      DirectoryUser u = found.get(id);
      if (u != null) {
        users.put(id, u);
      }
    }
  }

  /**
   * A lookup over a directory held in memory: queries are evaluated with {@link UserQuery#matches}
   * and {@link GroupQuery#matches}, members and users come from the maps. What a file, a database
   * dump or a test fixture needs to be a complete {@link DirectorySource}.
   *
   * @param users every user of the directory
   * @param groups every group of the directory
   * @param members direct members by group id (a group absent from the map has none)
   * @return the lookup
   */
  public static Lookup inMemory(
      List<DirectoryUser> users,
      List<DirectoryGroup> groups,
      Map<String, List<DirectoryMember>> members) {
    return new InMemoryLookup(users, groups, members);
  }
}
