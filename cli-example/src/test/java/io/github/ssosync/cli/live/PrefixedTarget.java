package io.github.ssosync.cli.live;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A store shared with real people seen through a unique prefix: every user name, email, group name
 * and anchor written gets the prefix, and reads show only objects that carry it, with the prefix
 * taken off. A test run against a real tenant can therefore create, read, change and remove only
 * its own objects, and sees the store as empty when it starts, as the contract suites expect.
 */
public final class PrefixedTarget implements IdentityTarget {
  /** Every prefix starts with this, so that leftovers of an interrupted run can be found. */
  public static final String PREFIX_ROOT = "ssosync-live-";

  private final IdentityTarget inner;
  private final String prefix;

  /**
   * @param inner the real target
   * @param prefix the prefix, starting with {@link #PREFIX_ROOT}
   */
  public PrefixedTarget(IdentityTarget inner, String prefix) {
    if (!prefix.startsWith(PREFIX_ROOT)) {
      throw new IllegalArgumentException("prefix must start with " + PREFIX_ROOT);
    }
    this.inner = inner;
    this.prefix = prefix;
  }

  /** A fresh prefix: {@code ssosync-live-} and 8 random hex digits and a dash. */
  public static String newPrefix() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return PREFIX_ROOT + HexFormat.of().formatHex(bytes) + "-";
  }

  /** The prefix. */
  public String prefix() {
    return prefix;
  }

  @Override
  public TargetCapabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public TargetSnapshot read(TargetScope scope) {
    TargetSnapshot all =
        inner.read(g -> ours(g.displayName()) && scope.includesMembershipsOf(in(g)));
    List<TargetUser> users =
        all.users().stream().filter(u -> ours(u.userName())).map(this::in).toList();
    List<TargetGroup> groups =
        all.groups().stream().filter(g -> ours(g.displayName())).map(this::in).toList();
    Set<String> userIds = users.stream().map(TargetUser::id).collect(Collectors.toSet());
    Set<String> groupIds = groups.stream().map(TargetGroup::id).collect(Collectors.toSet());
    List<TargetMembership> memberships =
        all.memberships().stream()
            .filter(m -> groupIds.contains(m.groupId()) && userIds.contains(m.userId()))
            .toList();
    Set<String> read =
        all.membershipsRead().stream().filter(groupIds::contains).collect(Collectors.toSet());
    return new TargetSnapshot(users, groups, memberships, read, all.capabilities());
  }

  @Override
  public List<ChangeResult> apply(List<Change> changes) {
    return inner.apply(changes.stream().map(this::out).toList());
  }

  @Override
  public Map<String, Long> apiCalls() {
    return inner.apiCalls();
  }

  /** Removes every object under the prefix, memberships going with their groups and users. */
  public void removeAll() {
    TargetSnapshot s = read(TargetScope.allGroups());
    List<Change> deletes = new ArrayList<>();
    for (TargetGroup g : s.groups()) {
      deletes.add(
          new Change.DeleteGroup(
              ObjectRef.existing(g.id(), null, g.displayName()), "live test cleanup"));
    }
    for (TargetUser u : s.users()) {
      deletes.add(
          new Change.DeleteUser(
              ObjectRef.existing(u.id(), null, u.userName()), "live test cleanup"));
    }
    if (!deletes.isEmpty()) {
      apply(deletes);
    }
  }

  @Override
  public void close() {
    inner.close();
  }

  // ------------------------------------------------------------------ outgoing

  private Change out(Change c) {
    if (c instanceof Change.CreateUser x) {
      return new Change.CreateUser(ref(x.user()), out(x.attributes()), x.reason());
    } else if (c instanceof Change.UpdateUser x) {
      return new Change.UpdateUser(
          ref(x.user()), out(x.attributes()), outChanges(x.changes(), false), x.reason());
    } else if (c instanceof Change.DisableUser x) {
      return new Change.DisableUser(ref(x.user()), x.deleteAfter(), x.reason());
    } else if (c instanceof Change.DeleteUser x) {
      return new Change.DeleteUser(ref(x.user()), x.reason());
    } else if (c instanceof Change.CreateGroup x) {
      return new Change.CreateGroup(
          ref(x.group()),
          out(x.attributes()),
          x.members().stream().map(this::ref).toList(),
          x.reason());
    } else if (c instanceof Change.UpdateGroup x) {
      return new Change.UpdateGroup(
          ref(x.group()), out(x.attributes()), outChanges(x.changes(), true), x.reason());
    } else if (c instanceof Change.DeleteGroup x) {
      return new Change.DeleteGroup(ref(x.group()), x.reason());
    } else if (c instanceof Change.RetireGroup x) {
      return new Change.RetireGroup(ref(x.group()), p(x.externalId()), x.deleteAfter(), x.reason());
    } else if (c instanceof Change.AddMembership x) {
      return new Change.AddMembership(ref(x.group()), ref(x.user()), x.reason());
    } else if (c instanceof Change.RemoveMembership x) {
      return new Change.RemoveMembership(
          ref(x.group()), ref(x.user()), x.membershipId(), x.reason());
    }
    throw new IllegalArgumentException("unknown change " + c.kind());
  }

  private ObjectRef ref(ObjectRef r) {
    return new ObjectRef(r.targetId(), r.sourceId() == null ? null : p(r.sourceId()), p(r.name()));
  }

  private UserAttributes out(UserAttributes a) {
    return new UserAttributes(
        p(a.userName()),
        a.givenName(),
        a.familyName(),
        a.displayName(),
        p(a.email()),
        a.active(),
        a.externalId() == null ? null : p(a.externalId()));
  }

  private GroupAttributes out(GroupAttributes a) {
    return new GroupAttributes(
        p(a.displayName()), a.description(), a.externalId() == null ? null : p(a.externalId()));
  }

  private List<AttributeChange> outChanges(List<AttributeChange> changes, boolean group) {
    return changes.stream()
        .map(
            c ->
                prefixed(c.attribute(), group)
                    ? new AttributeChange(c.attribute(), pn(c.before()), pn(c.after()))
                    : c)
        .toList();
  }

  private static boolean prefixed(String attribute, boolean group) {
    return switch (attribute) {
      case "userName", "emails", "email", "externalId" -> true;
      case "displayName" -> group;
      default -> false;
    };
  }

  // ------------------------------------------------------------------ incoming

  private TargetUser in(TargetUser u) {
    return new TargetUser(
        u.id(),
        strip(u.userName()),
        u.displayName(),
        u.givenName(),
        u.familyName(),
        u.email() == null ? null : strip(u.email()),
        u.active(),
        in(u.externalIds()),
        u.updatedAt());
  }

  private TargetGroup in(TargetGroup g) {
    return new TargetGroup(g.id(), strip(g.displayName()), g.description(), in(g.externalIds()));
  }

  private List<ExternalId> in(List<ExternalId> ids) {
    return ids.stream()
        .filter(e -> ours(e.id()))
        .map(e -> new ExternalId(e.issuer(), strip(e.id())))
        .toList();
  }

  private boolean ours(@Nullable String name) {
    return name != null
        && name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
  }

  private String p(String name) {
    return prefix + name;
  }

  private @Nullable String pn(@Nullable String name) {
    return name == null ? null : p(name);
  }

  private String strip(String name) {
    return ours(name) ? name.substring(prefix.length()) : name;
  }
}
