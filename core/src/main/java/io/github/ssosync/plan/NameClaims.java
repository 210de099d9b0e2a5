package io.github.ssosync.plan;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.internal.NamePatterns;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The name-claims stage, run after users and again after groups: user names and group display names
 * are unique ignoring case, so a create or rename onto a name an object keeps after this plan is
 * deferred with a warning rather than sent to fail with a conflict. A name freed in the plan (its
 * holder renamed away or deleted) may be taken; {@link ApplyOrder} runs such deletes first.
 */
final class NameClaims {
  private final PlanState s;

  NameClaims(PlanState s) {
    this.s = s;
  }

  /**
   * Makes sure no create or rename claims a name (user names, group display names: unique ignoring
   * case) that an object keeps after this plan. A name held by an object this plan renames away or
   * deletes is free: the engine runs such deletes first. Anything else is deferred with a warning
   * rather than sent to fail with a conflict. Repeats until stable, since a deferred rename keeps
   * its old name.
   */
  void resolve(boolean users) {
    Map<String, String> current = new HashMap<>(); // target id -> folded name
    if (users) {
      s.target.users().forEach(t -> current.put(t.id(), NamePatterns.fold(t.userName())));
    } else {
      s.target.groups().forEach(t -> current.put(t.id(), NamePatterns.fold(t.displayName())));
    }
    String attribute = users ? "userName" : "displayName";
    ChangeKind delete = users ? ChangeKind.DELETE_USER : ChangeKind.DELETE_GROUP;
    Map<String, String> holders;
    boolean dropped;
    do {
      holders = holdersAfterPlan(current, attribute, delete);
      dropped = false;
      for (ListIterator<Change> it = s.changes.listIterator(); it.hasNext(); ) {
        Change c = it.next();
        String claimed = renamedTo(c, attribute);
        String holder = claimed == null ? null : holders.get(NamePatterns.fold(claimed));
        if (holder != null && !holder.equals(c.subject().targetId())) {
          Change rest = withoutRename(c, attribute);
          if (rest == null) {
            it.remove();
          } else {
            it.set(rest);
          }
          s.warnings.add(nameTaken(claimed, holder, "renamed"));
          dropped = true;
        }
      }
    } while (dropped);
    if (users) {
      for (ListIterator<Change> it = s.changes.listIterator(); it.hasNext(); ) {
        if (it.next() instanceof Change.CreateUser create) {
          String holder = holders.get(NamePatterns.fold(create.attributes().userName()));
          if (holder != null) {
            it.remove();
            s.userRefs.remove(create.user().sourceId());
            s.warnings.add(nameTaken(create.attributes().userName(), holder, "created"));
          }
        }
      }
    } else {
      for (Iterator<Map.Entry<String, ObjectRef>> it = s.managedGroupRefs.entrySet().iterator();
          it.hasNext(); ) {
        ObjectRef ref = it.next().getValue();
        String holder = ref.resolved() ? null : holders.get(NamePatterns.fold(ref.name()));
        if (holder != null) {
          it.remove();
          s.warnings.add(nameTaken(ref.name(), holder, "created"));
        }
      }
    }
  }

  /** Folded name -> id of the existing object that still holds it once the plan is applied. */
  private Map<String, String> holdersAfterPlan(
      Map<String, String> current, String attribute, ChangeKind delete) {
    Set<String> leaving = new HashSet<>();
    for (Change c : s.changes) {
      String id = c.subject().targetId();
      if (id != null && (c.kind() == delete || renamedTo(c, attribute) != null)) {
        leaving.add(id);
      }
    }
    Map<String, String> holders = new HashMap<>();
    current.forEach(
        (id, name) -> {
          if (!leaving.contains(id)) {
            holders.put(name, id);
          }
        });
    return holders;
  }

  private static @Nullable String renamedTo(Change c, String nameAttribute) {
    List<AttributeChange> diffs =
        c instanceof Change.UpdateUser u
            ? u.changes()
            : c instanceof Change.UpdateGroup g ? g.changes() : List.of();
    for (AttributeChange a : diffs) {
      if (a.attribute().equals(nameAttribute)
          && a.after() != null
          && !NamePatterns.fold(a.after())
              .equals(NamePatterns.fold(Objects.requireNonNullElse(a.before(), "")))) {
        return a.after();
      }
    }
    return null;
  }

  /** The change without its rename; null when nothing else was left to change. */
  private static @Nullable Change withoutRename(Change c, String nameAttribute) {
    if (c instanceof Change.UpdateUser u) {
      List<AttributeChange> rest =
          u.changes().stream().filter(a -> !a.attribute().equals(nameAttribute)).toList();
      return rest.isEmpty()
          ? null
          : new Change.UpdateUser(u.user(), u.attributes(), rest, u.reason());
    }
    Change.UpdateGroup g = (Change.UpdateGroup) c;
    List<AttributeChange> rest =
        g.changes().stream().filter(a -> !a.attribute().equals(nameAttribute)).toList();
    return rest.isEmpty()
        ? null
        : new Change.UpdateGroup(g.group(), g.attributes(), rest, g.reason());
  }

  private static PlanWarning nameTaken(String name, String holderId, String what) {
    return new PlanWarning(
        PlanWarning.Kind.NAME_TAKEN,
        name,
        "not "
            + what
            + ": the name is held (ignoring case) by s.target object "
            + holderId
            + ", which keeps it; it will be "
            + what
            + " once that object is renamed or removed");
  }
}
