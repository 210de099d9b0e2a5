package io.github.ssosync.plan;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.internal.NamePatterns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The last stage of planning: gives each change its {@link ApplyStep}. The name-claims stage plans
 * a create or rename onto a taken name only when the holder is deleted in the same plan, so such a
 * delete runs first and the claimant depends on it.
 */
final class ApplyOrder {
  private ApplyOrder() {}

  static List<ApplyStep> of(List<Change> changes) {
    // Folded name -> index of the delete that frees it, users and groups apart.
    Map<String, Integer> userDeletes = new HashMap<>();
    Map<String, Integer> groupDeletes = new HashMap<>();
    Map<String, Integer> userCreates = new HashMap<>(); // source id -> index
    Map<String, Integer> groupCreates = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      switch (c.kind()) {
        case DELETE_USER -> userDeletes.put(NamePatterns.fold(c.subject().name()), i);
        case DELETE_GROUP -> groupDeletes.put(NamePatterns.fold(c.subject().name()), i);
        case CREATE_USER -> putSource(userCreates, c.subject(), i);
        case CREATE_GROUP -> putSource(groupCreates, c.subject(), i);
        default -> {}
      }
    }
    java.util.Set<Integer> freeing = new java.util.HashSet<>();
    List<TreeSet<Integer>> deps = new ArrayList<>();
    for (Change c : changes) {
      TreeSet<Integer> d = new TreeSet<>();
      String claimed = claimedName(c);
      if (claimed != null) {
        Integer delete =
            (c instanceof Change.CreateUser || c instanceof Change.UpdateUser
                    ? userDeletes
                    : groupDeletes)
                .get(NamePatterns.fold(claimed));
        if (delete != null) {
          d.add(delete);
          freeing.add(delete);
        }
      }
      if (c instanceof Change.AddMembership a) {
        addSource(d, groupCreates, a.group());
        addSource(d, userCreates, a.user());
      } else if (c instanceof Change.CreateGroup g) {
        g.members().forEach(m -> addSource(d, userCreates, m));
      } else if (c instanceof Change.CreateUser u && u.attributes().manager() != null) {
        // A manager created in this run is created first (an earlier wave of the same phase).
        addSource(d, userCreates, u.attributes().manager());
      } else if (c instanceof Change.UpdateUser u) {
        addSource(d, userCreates, u.user());
        if (u.attributes().manager() != null) {
          addSource(d, userCreates, u.attributes().manager());
        }
      }
      deps.add(d);
    }
    List<ApplyStep> steps = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      int phase = freeing.contains(i) ? ApplyStep.FREE_NAME : phase(c);
      if (c instanceof Change.UpdateUser
          && !deps.get(i).isEmpty()
          && linksCreated(c, changes, deps.get(i))) {
        phase = ApplyStep.USER_CREATES; // links a user to a manager created in this run
      }
      steps.add(new ApplyStep(phase, List.copyOf(deps.get(i))));
    }
    return steps;
  }

  private static boolean linksCreated(Change c, List<Change> changes, TreeSet<Integer> deps) {
    for (int d : deps) {
      if (changes.get(d).kind() == ChangeKind.CREATE_USER) {
        return true;
      }
    }
    return false;
  }

  private static int phase(Change c) {
    return switch (c.kind()) {
      case UPDATE_USER -> ApplyStep.USER_UPDATES;
      case CREATE_USER -> ApplyStep.USER_CREATES;
      case UPDATE_GROUP -> ApplyStep.GROUP_UPDATES;
      case CREATE_GROUP -> ApplyStep.GROUP_CREATES;
      case ADD_MEMBERSHIP, REMOVE_MEMBERSHIP -> ApplyStep.MEMBERSHIPS;
      case DISABLE_USER, RETIRE_GROUP, DELETE_USER, DELETE_GROUP -> ApplyStep.REMOVALS;
    };
  }

  /** The name a create takes or a rename moves to, or null. */
  private static @Nullable String claimedName(Change c) {
    if (c instanceof Change.CreateUser u) {
      return u.attributes().userName();
    }
    if (c instanceof Change.CreateGroup g) {
      return g.attributes().displayName();
    }
    List<AttributeChange> diffs =
        c instanceof Change.UpdateUser u
            ? u.changes()
            : c instanceof Change.UpdateGroup g ? g.changes() : List.of();
    String attribute = c instanceof Change.UpdateUser ? "userName" : "displayName";
    for (AttributeChange a : diffs) {
      if (a.attribute().equals(attribute) && a.after() != null) {
        return a.after();
      }
    }
    return null;
  }

  private static void putSource(Map<String, Integer> creates, ObjectRef ref, int index) {
    if (ref.sourceId() != null) {
      creates.put(ref.sourceId(), index);
    }
  }

  private static void addSource(TreeSet<Integer> deps, Map<String, Integer> creates, ObjectRef r) {
    if (!r.resolved() && r.sourceId() != null) {
      Integer create = creates.get(r.sourceId());
      if (create != null) {
        deps.add(create);
      }
    }
  }
}
