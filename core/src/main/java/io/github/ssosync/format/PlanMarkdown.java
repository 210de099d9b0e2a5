package io.github.ssosync.format;

import io.github.ssosync.change.Change;
import io.github.ssosync.plan.GuardVerdict;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;

/**
 * Renders a plan as GitHub-flavoured Markdown, for pull-request comments and CI job summaries
 * ({@code $GITHUB_STEP_SUMMARY}). Every value from the directory or the target is escaped: a name
 * holding {@code |} would otherwise split a table cell, and a backtick would open a code span.
 */
final class PlanMarkdown {
  private PlanMarkdown() {}

  static String render(SyncPlan plan) {
    StringBuilder out = new StringBuilder();
    GuardVerdict g = plan.guard();
    out.append("### ssosync plan").append(g.blocked() ? " — BLOCKED" : "").append("\n\n");
    out.append("**")
        .append(PlanTable.summary(plan))
        .append("** (planned at ")
        .append(PlanTable.time(plan.plannedAt()))
        .append(")\n\n");
    out.append("Run: ").append(cell(plan.basis().toString())).append("\n\n");
    out.append(PlanTable.stats(plan.stats())).append("\n\n");
    if (g.blocked()) {
      out.append("> [!CAUTION]\n> **Blocked by the deletion guard:** ")
          .append(cell(String.valueOf(g.reason())))
          .append("\n\n");
    } else {
      out.append(
          String.format(
              "Deletion guard: ok (%d of %d owned objects removed).%n%n", g.removals(), g.owned()));
    }
    if (plan.changes().isEmpty()) {
      out.append("No changes: the target is in step with the directory.\n");
    } else {
      out.append("| Change | Subject | Detail | Reason |\n|---|---|---|---|\n");
      for (Change c : plan.changes()) {
        out.append("| ")
            .append(PlanTable.label(c.kind()))
            .append(" | ")
            .append(cell(c.subject().name()))
            .append(" | ")
            .append(cell(PlanTable.detail(c)))
            .append(" | ")
            .append(cell(c.reason()))
            .append(" |\n");
      }
    }
    if (!plan.pendingDeletions().isEmpty()) {
      out.append("\n**Pending deletions** (deleted after the grace period):\n\n");
      for (PendingDeletion p : plan.pendingDeletions()) {
        out.append("- ")
            .append(p.type() == PendingDeletion.Type.USER ? "user " : "group ")
            .append(cell(p.subject().name()))
            .append(" due ")
            .append(PlanTable.time(p.dueAt()))
            .append('\n');
      }
    }
    if (!plan.warnings().isEmpty()) {
      out.append("\n**Warnings:**\n\n");
      for (PlanWarning w : plan.warnings()) {
        out.append("- ")
            .append(w.kind())
            .append(' ')
            .append(cell(w.subject()))
            .append(": ")
            .append(cell(w.message()))
            .append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Text safe inside a table cell or list item: pipes and backticks escaped (GFM tables, code
   * spans), HTML's {@code <}, {@code >} and {@code &} as entities (GitHub renders inline HTML),
   * other Markdown punctuation escaped, line breaks as spaces.
   */
  static String cell(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '|', '`', '\\', '*', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
