package io.github.ssosync.cli.internal;

/** The CLI's exit codes. */
public final class ExitCode {
  /** Done: every change applied, or nothing to do. */
  public static final int OK = 0;

  /** Some changes failed or were skipped; the report says which and why. */
  public static final int CHANGES_FAILED = 1;

  /** Bad configuration: a flag, a variable or a file. Nothing was read or written. */
  public static final int BAD_CONFIGURATION = 2;

  /** The deletion guard blocked the plan; nothing was written (see --allow-deletes). */
  public static final int BLOCKED = 3;

  /** The directory or the identity store could not be read; nothing was written. */
  public static final int UNREACHABLE = 4;

  /**
   * The identity store refused our credentials part-way (an expired or revoked SCIM token, say):
   * the changes before the refusal were applied, the rest skipped. Rotate the credentials and run
   * again; the next run finishes the work.
   */
  public static final int STOPPED = 5;

  /**
   * {@code apply} refused the plan before writing anything: it is older than {@code
   * --max-plan-age}, or the identity store changed since the plan was made. Make a new plan.
   */
  public static final int STALE_PLAN = 6;

  /**
   * The sync ran and every change applied (as exit 0 would say), but {@code --plan-out} or {@code
   * --report-out} could not be written afterwards. Distinct from 2, which promises that nothing was
   * read or written: here the identity store was written. A run with failed changes keeps its own
   * code (1, 3, 5) and says on stderr which file is missing.
   */
  public static final int OUTPUT_NOT_WRITTEN = 7;

  private ExitCode() {}
}
