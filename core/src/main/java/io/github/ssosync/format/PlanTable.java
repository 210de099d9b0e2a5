package io.github.ssosync.format;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.internal.Plural;
import io.github.ssosync.plan.GuardVerdict;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanStats;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a plan as a table for people, in the spirit of {@code terraform plan}. */
final class PlanTable {
  private static final int MAX_CELL = 48;

  private PlanTable() {}

  static String render(SyncPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Plan at ").append(time(plan.plannedAt())).append(": ");
    out.append(summary(plan)).append('\n');
    out.append("Run: ").append(plan.basis()).append('\n');
    out.append(stats(plan.stats())).append('\n');
    if (!plan.changes().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"CHANGE", "SUBJECT", "DETAIL", "REASON"});
      for (Change change : plan.changes()) {
        rows.add(
            new String[] {
              label(change.kind()), change.subject().name(), detail(change), change.reason()
            });
      }
      out.append('\n').append(table(rows));
    } else {
      out.append("\nNo changes: the target is in step with the directory.\n");
    }
    GuardVerdict g = plan.guard();
    out.append('\n');
    if (g.blocked()) {
      out.append("BLOCKED by the deletion guard: ").append(g.reason()).append('\n');
    } else {
      out.append(
          String.format(
              "Deletion guard: ok (%d of %d owned objects removed).%n", g.removals(), g.owned()));
    }
    if (!plan.pendingDeletions().isEmpty()) {
      out.append(
          "\nPending deletions (disabled users and emptied groups, deleted after the grace"
              + " period):\n");
      for (PendingDeletion p : plan.pendingDeletions()) {
        out.append("  ")
            .append(p.type() == PendingDeletion.Type.USER ? "user  " : "group ")
            .append(p.subject().name())
            .append(" due ")
            .append(time(p.dueAt()))
            .append('\n');
      }
    }
    if (!plan.warnings().isEmpty()) {
      out.append("\nWarnings:\n");
      for (PlanWarning w : plan.warnings()) {
        out.append("  ")
            .append(w.kind())
            .append(' ')
            .append(w.subject())
            .append(": ")
            .append(w.message())
            .append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The counts line. Memberships a new group is created with (SCIM writes them in the same call)
   * are no change of their own, but they are memberships added all the same.
   */
  static String summary(SyncPlan plan) {
    Map<ChangeKind, Integer> counts = plan.counts();
    long withGroups = 0;
    for (Change c : plan.changes()) {
      if (c instanceof Change.CreateGroup g) {
        withGroups += g.members().size();
      }
    }
    return String.format(
        "%d to create, %d to update, %d to disable, %d to retire, %d to delete; memberships +%d"
            + " -%d",
        counts.get(ChangeKind.CREATE_USER) + counts.get(ChangeKind.CREATE_GROUP),
        counts.get(ChangeKind.UPDATE_USER) + counts.get(ChangeKind.UPDATE_GROUP),
        counts.get(ChangeKind.DISABLE_USER),
        counts.get(ChangeKind.RETIRE_GROUP),
        counts.get(ChangeKind.DELETE_USER) + counts.get(ChangeKind.DELETE_GROUP),
        counts.get(ChangeKind.ADD_MEMBERSHIP) + withGroups,
        counts.get(ChangeKind.REMOVE_MEMBERSHIP));
  }

  /** The sizes line, "1 user" and "2 users". */
  static String stats(PlanStats s) {
    return String.format(
        "Directory: %s, %s, %s selected. Target: %s (%d ours), %s (%d ours).",
        Plural.of(s.desiredUsers(), "user"),
        Plural.of(s.desiredGroups(), "group"),
        Plural.of(s.desiredMemberships(), "membership"),
        Plural.of(s.targetUsers(), "user"),
        s.ownedUsers(),
        Plural.of(s.targetGroups(), "group"),
        s.ownedGroups());
  }

  /** A time for people: to the second (the plan's JSON keeps the full precision). */
  static String time(java.time.Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  static String label(ChangeKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  static String detail(Change change) {
    switch (change.kind()) {
      case CREATE_USER:
        Change.CreateUser cu = (Change.CreateUser) change;
        StringBuilder created =
            new StringBuilder(cu.attributes().displayName())
                .append(cu.attributes().active() ? "" : " (inactive)");
        // The mapped values travel in the create: a reviewer sees them here.
        cu.attributes()
            .optional()
            .forEach((a, v) -> created.append(", ").append(a.key()).append(' ').append(quote(v)));
        if (cu.attributes().manager() != null) {
          created.append(", manager ").append(quote(cu.attributes().manager().name()));
        }
        return created.toString();
      case UPDATE_USER:
        return changes(((Change.UpdateUser) change).changes());
      case UPDATE_GROUP:
        return changes(((Change.UpdateGroup) change).changes());
      case CREATE_GROUP:
        List<ObjectRef> members = ((Change.CreateGroup) change).members();
        return members.isEmpty() ? "" : "with " + members.size() + " members";
      case ADD_MEMBERSHIP:
        return "+ " + ((Change.AddMembership) change).user().name();
      case REMOVE_MEMBERSHIP:
        return "- " + ((Change.RemoveMembership) change).user().name();
      case DISABLE_USER:
        Change.DisableUser d = (Change.DisableUser) change;
        java.time.Instant userDue = d.deleteAfter();
        return userDue == null ? "" : "delete after " + time(userDue);
      case RETIRE_GROUP:
        Change.RetireGroup r = (Change.RetireGroup) change;
        java.time.Instant groupDue = r.deleteAfter();
        return "emptied; " + (groupDue == null ? "kept" : "delete after " + time(groupDue));
      case DELETE_USER:
      case DELETE_GROUP:
      default:
        return "";
    }
  }

  private static String changes(List<AttributeChange> changes) {
    return changes.stream()
        .map(c -> c.attribute() + ": " + quote(c.before()) + " -> " + quote(c.after()))
        .collect(Collectors.joining(", "));
  }

  private static String quote(@org.jspecify.annotations.Nullable String value) {
    return value == null ? "(unset)" : '"' + value + '"';
  }

  private static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], Math.min(MAX_CELL, row[i].length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        String cell = row[i];
        if (i < columns - 1) {
          if (cell.length() > MAX_CELL) {
            cell = cell.substring(0, MAX_CELL - 1) + "…";
          }
          out.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
        } else {
          out.append(cell);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
