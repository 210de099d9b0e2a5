package io.github.ssosync.format;

import io.github.ssosync.plan.SyncPlan;

/**
 * A plan as text: a table for people at a terminal, Markdown for pull-request comments and CI job
 * summaries, and JSON ({@code ssosync-plan/v1}, documented in the README) for machines, which
 * {@link #read(String)} turns back into the same plan.
 *
 * <pre>{@code
 * String json = PlanFormat.json(engine.plan());
 * // ... reviewed, stored, approved ...
 * SyncReport report = engine.applyReviewed(PlanFormat.read(json), Duration.ofHours(1));
 * }</pre>
 */
public final class PlanFormat {
  /** The plan schema's id, written as {@code "schema"}. */
  public static final String SCHEMA = PlanJsonWriter.PLAN_SCHEMA;

  private PlanFormat() {}

  /**
   * @param plan a plan
   * @return the plan as a table, with a summary, the guard's verdict, pending deletions and
   *     warnings
   */
  public static String table(SyncPlan plan) {
    return PlanTable.render(plan);
  }

  /**
   * @param plan a plan
   * @return the plan as GitHub-flavoured Markdown: summary, table of changes, guard verdict,
   *     warnings; every name and reason escaped
   */
  public static String markdown(SyncPlan plan) {
    return PlanMarkdown.render(plan);
  }

  /**
   * @param plan a plan
   * @return the plan as stable, pretty-printed JSON
   */
  public static String json(SyncPlan plan) {
    return PlanJsonWriter.write(PlanJsonWriter.plan(plan));
  }

  /**
   * Reads a plan written by {@link #json(SyncPlan)}: {@code read(json(plan)).equals(plan)}.
   *
   * @param json the document
   * @return the plan
   * @throws PlanFormatException if the document is not JSON, not {@link #SCHEMA}, or a damaged plan
   */
  public static SyncPlan read(String json) {
    return PlanJsonReader.read(json);
  }
}
