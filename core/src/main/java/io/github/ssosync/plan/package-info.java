/**
 * The pure {@link io.github.ssosync.plan.Planner}, which turns a directory snapshot, a target
 * snapshot and a policy into a reviewable {@link io.github.ssosync.plan.SyncPlan}.
 */
@NullMarked
package io.github.ssosync.plan;

import org.jspecify.annotations.NullMarked;
