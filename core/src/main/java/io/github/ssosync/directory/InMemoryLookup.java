package io.github.ssosync.directory;

import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link Selection#inMemory}: the selection's questions answered from data held in memory. */
final class InMemoryLookup implements Selection.Lookup {
  private final List<DirectoryUser> users;
  private final List<DirectoryGroup> groups;
  private final Map<String, List<DirectoryMember>> members;
  private final Map<String, DirectoryUser> usersById = new HashMap<>();
  private final Map<String, DirectoryGroup> groupsById = new HashMap<>();

  InMemoryLookup(
      List<DirectoryUser> users,
      List<DirectoryGroup> groups,
      Map<String, List<DirectoryMember>> members) {
    this.users = users;
    this.groups = groups;
    this.members = members;
    users.forEach(u -> usersById.put(u.id(), u));
    groups.forEach(g -> groupsById.put(g.id(), g));
  }

  @Override
  public List<DirectoryUser> users(String text, Optional<UserQuery> parsed) {
    return parsed.map(q -> users.stream().filter(q::matches).toList()).orElse(users);
  }

  @Override
  public List<DirectoryGroup> groups(String text, Optional<GroupQuery> parsed) {
    return parsed
        .map(
            q ->
                groups.stream()
                    .filter(g -> q.matches(g, members.getOrDefault(g.id(), List.of())))
                    .toList())
        .orElse(groups);
  }

  @Override
  public Map<String, List<DirectoryMember>> members(List<DirectoryGroup> level, boolean nested) {
    Map<String, List<DirectoryMember>> out = new LinkedHashMap<>();
    level.forEach(g -> out.put(g.id(), members.getOrDefault(g.id(), List.of())));
    return out;
  }

  /** A nested group is described by its own attributes; one the directory lacks is left out. */
  @Override
  public @Nullable DirectoryGroup nestedGroup(DirectoryMember membership) {
    return groupsById.get(membership.id());
  }

  @Override
  public Map<String, DirectoryUser> referencedUsers(List<Selection.Reference> missing) {
    Map<String, DirectoryUser> out = new LinkedHashMap<>();
    for (Selection.Reference r : missing) {
      DirectoryUser u = usersById.get(r.member().id());
      if (u != null) {
        out.put(u.id(), u);
      }
    }
    return out;
  }

  /** By id, or by primary email in any case (as Google's {@code userKey} takes either). */
  @Override
  public Map<String, DirectoryUser> usersByKey(java.util.Set<String> keys) {
    Map<String, DirectoryUser> out = new LinkedHashMap<>();
    for (String key : keys) {
      DirectoryUser u = usersById.get(key);
      if (u == null) {
        u =
            users.stream()
                .filter(x -> x.primaryEmail().equalsIgnoreCase(key))
                .findFirst()
                .orElse(null);
      }
      if (u != null) {
        out.put(key, u);
      }
    }
    return out;
  }

  /** By id, or by email in any case. */
  @Override
  public Map<String, DirectoryGroup> groupsByKey(java.util.Set<String> keys) {
    Map<String, DirectoryGroup> out = new LinkedHashMap<>();
    for (String key : keys) {
      DirectoryGroup g = groupsById.get(key);
      if (g == null) {
        g = groups.stream().filter(x -> x.email().equalsIgnoreCase(key)).findFirst().orElse(null);
      }
      if (g != null) {
        out.put(key, g);
      }
    }
    return out;
  }
}
