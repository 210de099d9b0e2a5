package io.github.ssosync.plan;

import org.jspecify.annotations.Nullable;

/**
 * The deletion guard's verdict on a plan.
 *
 * @param blocked whether the plan removes more than the guard allows
 * @param removals how many objects the plan disables or deletes
 * @param owned how many target objects the engine owns
 * @param reason why the plan is blocked, listing what it would remove; absent when not blocked
 */
public record GuardVerdict(boolean blocked, int removals, int owned, @Nullable String reason) {}
