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
 * @param dependsOn indices (into the plan's changes) of the changes this one needs: a membership or
 *     a group create on the creates of its user and group, a create or rename on the delete that
 *     frees its name; each in an earlier phase
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
}
