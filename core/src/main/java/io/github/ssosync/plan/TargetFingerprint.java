package io.github.ssosync.plan;

import io.github.ssosync.change.Change;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A SHA-256 over a canonical form of the target state a plan acts on: every user and group with
 * their attributes and external ids, and the memberships of the groups the plan changes. A plan
 * applied later is refused when the target's fingerprint differs (someone changed it since the plan
 * was reviewed). Timestamps such as {@code updatedAt} are left out: they change without the state
 * changing.
 */
public final class TargetFingerprint {
  private static final String PREFIX = "sha256:";

  private TargetFingerprint() {}

  /**
   * @param plan a plan
   * @return the target ids of the groups whose memberships the fingerprint covers: every existing
   *     group a change of the plan is about
   */
  public static Set<String> groupsOf(SyncPlan plan) {
    Set<String> ids = new TreeSet<>();
    for (Change c : plan.changes()) {
      boolean aboutGroup =
          switch (c.kind()) {
            case UPDATE_GROUP,
                DELETE_GROUP,
                RETIRE_GROUP,
                ADD_MEMBERSHIP,
                REMOVE_MEMBERSHIP,
                CREATE_GROUP ->
                true;
            default -> false;
          };
      if (aboutGroup && c.subject().targetId() != null) {
        ids.add(c.subject().targetId());
      }
    }
    return ids;
  }

  /**
   * @param target a complete target read
   * @param groupIds the groups whose memberships count (see {@link #groupsOf}); a group among them
   *     whose memberships were not read counts as unread, so a later read of them differs
   * @return {@code sha256:} and 64 hex digits
   */
  public static String of(TargetSnapshot target, Set<String> groupIds) {
    StringBuilder canonical = new StringBuilder();
    List<TargetUser> users = new ArrayList<>(target.users());
    users.sort(Comparator.comparing(TargetUser::id));
    for (TargetUser u : users) {
      canonical.append("U");
      field(canonical, u.id());
      field(canonical, u.userName());
      field(canonical, u.displayName());
      field(canonical, u.givenName());
      field(canonical, u.familyName());
      field(canonical, u.email());
      field(canonical, Boolean.toString(u.active()));
      ids(canonical, u.externalIds());
      canonical.append('\n');
    }
    List<TargetGroup> groups = new ArrayList<>(target.groups());
    groups.sort(Comparator.comparing(TargetGroup::id));
    for (TargetGroup g : groups) {
      canonical.append("G");
      field(canonical, g.id());
      field(canonical, g.displayName());
      field(canonical, g.description());
      ids(canonical, g.externalIds());
      canonical.append('\n');
    }
    TreeMap<String, TreeSet<String>> members = new TreeMap<>();
    for (String id : groupIds) {
      if (target.membershipsRead().contains(id)) {
        members.put(id, new TreeSet<>());
      }
    }
    for (TargetMembership m : target.memberships()) {
      TreeSet<String> of = members.get(m.groupId());
      if (of != null) {
        of.add(m.userId() + '\u0000' + m.id());
      }
    }
    for (String id : new TreeSet<>(groupIds)) {
      canonical.append("M");
      field(canonical, id);
      TreeSet<String> of = members.get(id);
      if (of == null) {
        canonical.append("\u0001unread");
      } else {
        of.forEach(m -> field(canonical, m));
      }
      canonical.append('\n');
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void field(StringBuilder out, @Nullable String value) {
    // A separator no attribute holds, and a distinct mark for null, so no two states collide.
    out.append('\u001f').append(value == null ? "\u0000" : value.replace("\\", "\\\\"));
  }

  private static void ids(StringBuilder out, List<ExternalId> ids) {
    List<String> all = new ArrayList<>();
    ids.forEach(e -> all.add(e.issuer() + '\u001e' + e.id()));
    all.sort(null);
    all.forEach(s -> field(out, s));
  }
}
