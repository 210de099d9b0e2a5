package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.feed.DirectoryChanges;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What an admin activity log would name for one change of a directory's content. */
final class ContentDiff {
  private ContentDiff() {}

  static DirectoryChanges between(DirectoryContent before, DirectoryContent after) {
    Map<String, DirectoryUser> oldUsers = new HashMap<>();
    before.users().forEach(u -> oldUsers.put(u.id(), u));
    Map<String, DirectoryUser> newUsers = new HashMap<>();
    after.users().forEach(u -> newUsers.put(u.id(), u));
    Set<String> userKeys = new HashSet<>();
    Set<String> ids = new HashSet<>(oldUsers.keySet());
    ids.addAll(newUsers.keySet());
    for (String id : ids) {
      DirectoryUser o = oldUsers.get(id);
      DirectoryUser n = newUsers.get(id);
      if (!Objects.equals(o, n)) {
        if (o != null) {
          userKeys.add(o.primaryEmail());
        }
        if (n != null) {
          userKeys.add(n.primaryEmail());
        }
      }
    }
    Map<String, DirectoryGroup> oldGroups = new HashMap<>();
    before.groups().forEach(g -> oldGroups.put(g.id(), g));
    Map<String, DirectoryGroup> newGroups = new HashMap<>();
    after.groups().forEach(g -> newGroups.put(g.id(), g));
    Set<String> deletedUsers = new HashSet<>(oldUsers.keySet());
    deletedUsers.removeAll(newUsers.keySet());
    Set<String> deletedGroups = new HashSet<>(oldGroups.keySet());
    deletedGroups.removeAll(newGroups.keySet());
    Set<String> groupKeys = new HashSet<>();
    Set<String> gids = new HashSet<>(oldGroups.keySet());
    gids.addAll(newGroups.keySet());
    for (String id : gids) {
      DirectoryGroup o = oldGroups.get(id);
      DirectoryGroup n = newGroups.get(id);
      boolean changed = !Objects.equals(o, n);
      if (!changed && n != null) {
        // Member lists, less members deleted outright (no event names their groups).
        changed =
            !kept(before.members().getOrDefault(id, List.of()), deletedUsers, deletedGroups)
                .equals(new HashSet<>(after.members().getOrDefault(id, List.of())));
      }
      if (changed) {
        if (o != null) {
          groupKeys.add(o.email());
        }
        if (n != null) {
          groupKeys.add(n.email());
        }
      }
    }
    return new DirectoryChanges(userKeys, groupKeys);
  }

  private static Set<DirectoryMember> kept(
      List<DirectoryMember> members, Set<String> deletedUsers, Set<String> deletedGroups) {
    Set<DirectoryMember> out = new HashSet<>();
    for (DirectoryMember m : members) {
      Set<String> deleted = m.type() == MemberType.GROUP ? deletedGroups : deletedUsers;
      if (!deleted.contains(m.id())) {
        out.add(m);
      }
    }
    return out;
  }
}
