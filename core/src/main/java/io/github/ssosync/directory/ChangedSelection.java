package io.github.ssosync.directory;

import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.query.Clause;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The lookup an incremental read runs {@link Selection}'s closure over: a previous read, with the
 * objects a change feed named read again by key.
 *
 * <p>A user or group the feed did not name is selected now exactly when it was selected before:
 * nothing about it changed. One it named is read again and judged in memory. That is exact only for
 * fields a single object's read holds as the list reads do, so a query on any other field (a custom
 * attribute, a manager, {@code memberKey}, a bare word, which Google also compares with fields we
 * do not read) makes every run full. Google's own search may also lag its objects by up to 36 hours
 * (the Directory API's search guides); an object read by key does not, which is why removals are
 * still confirmed ({@link DirectorySource#stillSelected}).
 */
final class ChangedSelection implements Selection.Lookup {

  /** User fields a single read holds exactly as the list read does (FieldValues.of(user)). */
  private static final Set<String> USER_FIELDS =
      Set.of(
          "email", "givenName", "familyName", "name", "isSuspended", "isArchived", "orgUnitPath");

  /** Group fields a single read holds (FieldValues.of(group, members) without memberKey). */
  private static final Set<String> GROUP_FIELDS = Set.of("email", "name");

  private final DirectorySnapshot previous;
  private final Selection.Lookup source;
  private final Map<String, DirectoryUser> freshUsers = new HashMap<>();
  private final Set<String> dirtyUsers = new LinkedHashSet<>();
  private final Map<String, DirectoryGroup> freshGroups = new HashMap<>();
  private final Set<String> dirtyGroups = new LinkedHashSet<>();
  private final Map<String, DirectoryUser> previousUsers = new HashMap<>();
  private final Map<String, DirectoryGroup> previousGroups = new HashMap<>();

  private ChangedSelection(DirectorySnapshot previous, Selection.Lookup source) {
    this.previous = previous;
    this.source = source;
    previous.users().forEach(u -> previousUsers.put(u.id(), u));
    previous.groups().forEach(g -> previousGroups.put(g.id(), g));
  }

  static void requireLocallyEvaluable(Selection.Parsed parsed) {
    parsed
        .users()
        .forEach(
            (text, q) -> q.map(UserQuery::clauses).ifPresent(c -> require(c, USER_FIELDS, text)));
    parsed
        .groups()
        .forEach(
            (text, q) -> q.map(GroupQuery::clauses).ifPresent(c -> require(c, GROUP_FIELDS, text)));
  }

  private static void require(List<Clause> clauses, Set<String> fields, String text) {
    for (Clause c : clauses) {
      if (c.field() == null || !fields.contains(c.field())) {
        throw new UnsupportedOperationException(
            "the query '"
                + text
                + "' uses "
                + (c.field() == null ? "a bare word" : "the field " + c.field())
                + ", which a read of one changed object cannot judge as the search does");
      }
    }
  }

  /** Reads the named objects again and returns the lookup over the result. */
  static Selection.Lookup overlay(
      DirectorySnapshot previous, DirectoryChanges changes, Selection.Lookup source) {
    ChangedSelection s = new ChangedSelection(previous, source);
    s.reread(changes);
    return s;
  }

  private void reread(DirectoryChanges changes) {
    reread(
        changes.userKeys(),
        previousUsers,
        DirectoryUser::id,
        DirectoryUser::primaryEmail,
        source::usersByKey,
        freshUsers,
        dirtyUsers);
    reread(
        changes.groupKeys(),
        previousGroups,
        DirectoryGroup::id,
        DirectoryGroup::email,
        source::groupsByKey,
        freshGroups,
        dirtyGroups);
  }

  /**
   * A key may be an id, the current email or a former one (a rename is named by both). Every object
   * we hold under one of the keys is read again by its id, once however many keys named it; the
   * other keys then find objects we do not hold yet, unless an object just read answers to them
   * already (a rename's new email).
   */
  private static <T> void reread(
      Set<String> keys,
      Map<String, T> held,
      Function<T, String> id,
      Function<T, String> email,
      Function<Set<String>, Map<String, T>> byKey,
      Map<String, T> fresh,
      Set<String> dirty) {
    Map<String, String> heldByEmail = new HashMap<>();
    held.values().forEach(o -> heldByEmail.put(fold(email.apply(o)), id.apply(o)));
    Set<String> heldIds = new LinkedHashSet<>();
    Set<String> others = new LinkedHashSet<>();
    for (String key : keys) {
      String heldId = held.containsKey(key) ? key : heldByEmail.get(fold(key));
      if (heldId != null) {
        heldIds.add(heldId);
      } else {
        others.add(key);
      }
    }
    dirty.addAll(heldIds);
    if (!heldIds.isEmpty()) {
      byKey.apply(heldIds).values().forEach(o -> fresh.put(id.apply(o), o));
    }
    Set<String> answered = new HashSet<>();
    fresh.values().forEach(o -> answered.add(fold(email.apply(o))));
    others.removeIf(k -> fresh.containsKey(k) || answered.contains(fold(k)));
    if (!others.isEmpty()) {
      for (T o : byKey.apply(others).values()) {
        fresh.put(id.apply(o), o);
        dirty.add(id.apply(o));
      }
    }
  }

  private static String fold(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  private boolean userGone(String id) {
    return dirtyUsers.contains(id) && !freshUsers.containsKey(id);
  }

  private boolean groupGone(String id) {
    return dirtyGroups.contains(id) && !freshGroups.containsKey(id);
  }

  @Override
  public List<DirectoryUser> users(String text, Optional<UserQuery> parsed) {
    List<DirectoryUser> out = new ArrayList<>();
    for (DirectoryUser u : previous.users()) {
      if (!dirtyUsers.contains(u.id()) && previous.matchedUserIds().contains(u.id())) {
        out.add(u);
      }
    }
    for (DirectoryUser u : freshUsers.values()) {
      if (parsed.isEmpty() || parsed.get().matches(u)) {
        out.add(u);
      }
    }
    return out;
  }

  @Override
  public List<DirectoryGroup> groups(String text, Optional<GroupQuery> parsed) {
    List<DirectoryGroup> out = new ArrayList<>();
    for (DirectoryGroup g : previous.groups()) {
      if (!dirtyGroups.contains(g.id()) && previous.matchedGroupIds().contains(g.id())) {
        out.add(g);
      }
    }
    for (DirectoryGroup g : freshGroups.values()) {
      if (parsed.isEmpty() || parsed.get().matches(g, List.of())) {
        out.add(g);
      }
    }
    return out;
  }

  @Override
  public Map<String, List<DirectoryMember>> members(List<DirectoryGroup> level, boolean nested) {
    Map<String, List<DirectoryMember>> out = new LinkedHashMap<>();
    List<DirectoryGroup> ask = new ArrayList<>();
    for (DirectoryGroup g : level) {
      List<DirectoryMember> held = previous.members().get(g.id());
      if (held == null || dirtyGroups.contains(g.id())) {
        ask.add(g);
        continue;
      }
      // The directory drops a deleted user or group from every group it was in, without an event
      // per group: drop them here as a list read would.
      List<DirectoryMember> kept = new ArrayList<>(held.size());
      for (DirectoryMember m : held) {
        boolean gone = m.type() == MemberType.GROUP ? groupGone(m.id()) : userGone(m.id());
        if (!gone) {
          kept.add(current(m));
        }
      }
      out.put(g.id(), kept);
    }
    if (!ask.isEmpty()) {
      out.putAll(source.members(ask, nested));
    }
    return out;
  }

  /**
   * A held membership with its member's email as it is now: a member list names each member by its
   * current email, so a user or group renamed since shows its new one in every group it is in,
   * without an event per group (Google logs one RENAME_USER or CHANGE_GROUP_EMAIL).
   */
  private DirectoryMember current(DirectoryMember m) {
    String email = null;
    if (m.type() == MemberType.USER && freshUsers.containsKey(m.id())) {
      email = freshUsers.get(m.id()).primaryEmail();
    } else if (m.type() == MemberType.GROUP && freshGroups.containsKey(m.id())) {
      email = freshGroups.get(m.id()).email();
    }
    return email == null || email.equals(m.email())
        ? m
        : new DirectoryMember(m.id(), email, m.type(), m.role());
  }

  @Override
  public @Nullable DirectoryGroup nestedGroup(DirectoryMember membership) {
    return source.nestedGroup(membership);
  }

  @Override
  public Map<String, DirectoryUser> referencedUsers(List<Selection.Reference> missing) {
    Map<String, DirectoryUser> out = new HashMap<>();
    List<Selection.Reference> ask = new ArrayList<>();
    for (Selection.Reference r : missing) {
      String id = r.member().id();
      DirectoryUser fresh = freshUsers.get(id);
      if (fresh != null) {
        out.put(id, fresh);
      } else if (dirtyUsers.contains(id)) {
        continue; // read again and gone
      } else if (previousUsers.containsKey(id)) {
        out.put(id, previousUsers.get(id));
      } else {
        ask.add(r);
      }
    }
    if (!ask.isEmpty()) {
      out.putAll(source.referencedUsers(ask));
    }
    return out;
  }

  @Override
  public List<DirectoryWarning> warnings() {
    // A warning is about a subject the previous read skipped; one about an object read again is
    // the source's to repeat.
    Set<DirectoryWarning> out = new LinkedHashSet<>();
    for (DirectoryWarning w : previous.warnings()) {
      if (!mentionsReread(w.subject())) {
        out.add(w);
      }
    }
    out.addAll(source.warnings());
    return List.copyOf(out);
  }

  private boolean mentionsReread(String subject) {
    String s = fold(subject);
    for (String id : dirtyUsers) {
      DirectoryUser u = previousUsers.get(id);
      if (s.contains(fold(id)) || (u != null && s.contains(fold(u.primaryEmail())))) {
        return true;
      }
    }
    for (String id : dirtyGroups) {
      DirectoryGroup g = previousGroups.get(id);
      if (s.contains(fold(id)) || (g != null && s.contains(fold(g.email())))) {
        return true;
      }
    }
    return false;
  }
}
