package io.github.ssosync.policy;

/**
 * Stops a plan that would remove (disable or delete) too much: more than {@code maxRemovals}
 * objects, or more than {@code maxPercent} percent of the objects the engine owns. 0 turns a limit
 * off. The defaults, 50 and 10%, block whichever is smaller.
 *
 * @param maxRemovals most objects one plan may remove; 0 for no limit
 * @param maxPercent most percent of owned objects one plan may remove; 0 for no limit
 */
public record DeletionGuard(int maxRemovals, int maxPercent) {

  /** The default guard: 50 objects or 10%. */
  public static final DeletionGuard DEFAULT = new DeletionGuard(50, 10);

  /** A guard that never blocks. */
  public static final DeletionGuard OFF = new DeletionGuard(0, 0);
}
