package io.github.ssosync.testkit;

import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.provider.CallCounter;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.QuerySyntaxException;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A directory in memory that answers queries in the project's query language (Google's search
 * syntax, {@link UserQuery} and {@link GroupQuery}), the way {@code GoogleDirectorySource} does:
 * matched users and groups, every group nested in the matched ones, and every user they reference.
 * The reference implementation of {@link DirectorySource}; the content can be swapped between
 * reads.
 */
public final class InMemoryDirectorySource implements DirectorySource {
  private final AtomicReference<DirectoryContent> content;
  private final CallCounter calls = new CallCounter();

  /**
   * @param content the directory
   */
  public InMemoryDirectorySource(DirectoryContent content) {
    this.content = new AtomicReference<>(content);
  }

  /**
   * @param content the directory from now on
   */
  public void setContent(DirectoryContent content) {
    this.content.set(content);
  }

  /** The directory. */
  public DirectoryContent content() {
    return content.get();
  }

  @Override
  public DirectorySnapshot read(DirectoryQuery query) {
    calls.increment("memory.read");
    DirectoryContent c = content.get();
    Map<String, DirectoryUser> users = new LinkedHashMap<>();
    Map<String, DirectoryUser> byId = new LinkedHashMap<>();
    c.users().forEach(u -> byId.put(u.id(), u));
    Set<String> matchedUsers = new LinkedHashSet<>();
    for (String q : query.userQueries()) {
      Predicate<DirectoryUser> p =
          q.equals(DirectoryQuery.ALL) ? u -> true : parse(() -> UserQuery.parse(q))::matches;
      for (DirectoryUser u : c.users()) {
        if (p.test(u)) {
          matchedUsers.add(u.id());
          users.put(u.id(), u);
        }
      }
    }
    Set<String> matchedGroups = new LinkedHashSet<>();
    for (String q : query.groupQueries()) {
      Predicate<DirectoryGroup> p;
      if (q.equals(DirectoryQuery.ALL)) {
        p = g -> true;
      } else {
        GroupQuery parsed = parse(() -> GroupQuery.parse(q));
        p = g -> parsed.matches(g, c.members().getOrDefault(g.id(), List.of()));
      }
      for (DirectoryGroup g : c.groups()) {
        if (p.test(g)) {
          matchedGroups.add(g.id());
        }
      }
    }
    Map<String, DirectoryGroup> groupsById = new LinkedHashMap<>();
    c.groups().forEach(g -> groupsById.put(g.id(), g));
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    Deque<String> pending = new ArrayDeque<>(matchedGroups);
    while (!pending.isEmpty()) {
      String id = pending.pop();
      if (members.containsKey(id) || !groupsById.containsKey(id)) {
        continue;
      }
      List<DirectoryMember> direct = c.members().getOrDefault(id, List.of());
      members.put(id, direct);
      for (DirectoryMember m : direct) {
        if (m.type() == MemberType.GROUP) {
          pending.push(m.id());
        } else if (m.type() == MemberType.USER && byId.containsKey(m.id())) {
          users.putIfAbsent(m.id(), byId.get(m.id()));
        }
      }
    }
    List<DirectoryGroup> groups = members.keySet().stream().map(groupsById::get).toList();
    return new DirectorySnapshot(
        List.copyOf(users.values()), groups, members, matchedUsers, matchedGroups);
  }

  @Override
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (QuerySyntaxException e) {
      throw new ProviderException(ProviderException.Reason.INVALID, e.getMessage(), e);
    }
  }
}
