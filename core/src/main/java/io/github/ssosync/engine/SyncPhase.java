package io.github.ssosync.engine;

/** The phases of a sync, in order, as reported to a {@link ProgressListener}. */
public enum SyncPhase {
  /** Reading the directory and the target (concurrently). */
  READ,
  /** Planning (pure computation). */
  PLAN,
  /** Applying the plan's changes to the target. */
  APPLY,
  /** Done. */
  DONE
}
