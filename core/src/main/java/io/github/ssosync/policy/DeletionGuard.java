package io.github.ssosync.policy;

/**
 * Stops a plan that would remove (disable, delete or retire) too much: more than {@code
 * maxRemovals} objects, or more than {@code maxPercent} percent of the objects the engine owns once
 * the plan removes at least {@code percentFrom} objects. 0 turns a limit off.
 *
 * <p>Why the percentage waits for a minimum: in a small store one leaver is a large share (one of
 * nine owned objects is 11%), and a guard that blocks every such run is switched off by its users.
 * Okta's import safeguard likewise only applies from a minimum number of affected users.
 *
 * @param maxRemovals most objects one plan may remove; 0 for no limit
 * @param maxPercent most percent of owned objects one plan may remove; 0 for no limit
 * @param percentFrom the least number of removals the percentage limit applies to; 0 or 1 applies
 *     it to every plan
 */
public record DeletionGuard(int maxRemovals, int maxPercent, int percentFrom) {

  /** The default least number of removals the percentage limit applies to: 5. */
  public static final int DEFAULT_PERCENT_FROM = 5;

  /** The default guard: 50 objects, or 10% once a plan removes at least 5. */
  public static final DeletionGuard DEFAULT = new DeletionGuard(50, 10, DEFAULT_PERCENT_FROM);

  /** A guard that never blocks. */
  public static final DeletionGuard OFF = new DeletionGuard(0, 0, 0);

  /**
   * A guard whose percentage applies from {@link #DEFAULT_PERCENT_FROM} removals.
   *
   * @param maxRemovals see {@link #maxRemovals()}
   * @param maxPercent see {@link #maxPercent()}
   */
  public DeletionGuard(int maxRemovals, int maxPercent) {
    this(maxRemovals, maxPercent, DEFAULT_PERCENT_FROM);
  }
}
