package io.github.ssosync.plan;

import java.util.List;

/**
 * When a change of a plan is applied: its phase, and the changes it waits for. Every change of a
 * phase finishes before the next phase starts; within a phase changes run in parallel.
 *
 * <p>The phases, in order: {@link #FREE_NAME} (deletes of objects whose name a create or rename of
 * the same plan takes over), {@link #USER_UPDATES} (renames first, so a freed name can be taken),
 * {@link #USER_CREATES}, {@link #GROUP_UPDATES}, {@link #GROUP_CREATES} (after users: a create may
 * carry its first members), {@link #MEMBERSHIPS}, {@link #REMOVALS} (disables, retirements and the
 * other deletes, after the memberships a retirement removes).
 *
 * @param phase the phase, {@code 0..6}
 *     <p>Within a phase, a change that needs another change of the same phase (a user create on the
 *     create of its manager) runs in a later wave: the phase runs wave by wave.
 * @param dependsOn indices (into the plan's changes) of the changes this one needs: a membership or
 *     a group create on the creates of its user and group, a create or rename on the delete that
 *     frees its name, a user create or update on the create of its manager; each in an earlier
 *     phase or, without a cycle, in the same one
 */
public record ApplyStep(int phase, List<Integer> dependsOn) {
  /** Deletes that free a name a create or rename of the same plan takes. */
  public static final int FREE_NAME = 0;

  /** User updates and renames. */
  public static final int USER_UPDATES = 1;

  /** User creates. */
  public static final int USER_CREATES = 2;

  /** Group updates and renames. */
  public static final int GROUP_UPDATES = 3;

  /** Group creates, with their first members. */
  public static final int GROUP_CREATES = 4;

  /** Membership additions and removals. */
  public static final int MEMBERSHIPS = 5;

  /** Disables, retirements and deletes that free no name. */
  public static final int REMOVALS = 6;

  /** How many phases there are. */
  public static final int PHASES = 7;

  /** Validates and copies. */
  public ApplyStep {
    if (phase < 0 || phase >= PHASES) {
      throw new IllegalArgumentException("phase " + phase + ": must be 0.." + (PHASES - 1));
    }
    dependsOn = List.copyOf(dependsOn);
  }

  /**
   * The wave of its phase each change runs in: 0 for a change that needs no change of its own
   * phase, else one more than the latest wave it needs.
   *
   * @param order the apply steps of a plan's changes
   * @return each change's wave
   * @throws IllegalArgumentException if changes of one phase need each other in a cycle
   */
  public static int[] waves(List<ApplyStep> order) {
    int[] wave = new int[order.size()];
    java.util.Arrays.fill(wave, -1);
    int[] state = new int[order.size()]; // 0 new, 1 on the path, 2 done
    for (int i = 0; i < order.size(); i++) {
      wave(order, i, wave, state);
    }
    return wave;
  }

  private static int wave(List<ApplyStep> order, int i, int[] wave, int[] state) {
    if (state[i] == 2) {
      return wave[i];
    }
    if (state[i] == 1) {
      throw new IllegalArgumentException("changes of one phase depend on each other in a cycle");
    }
    state[i] = 1;
    int w = 0;
    for (int d : order.get(i).dependsOn()) {
      if (d >= 0 && d < order.size() && order.get(d).phase() == order.get(i).phase()) {
        w = Math.max(w, wave(order, d, wave, state) + 1);
      }
    }
    state[i] = 2;
    wave[i] = w;
    return w;
  }
}
