/**
 * What to sync and how: {@link io.github.ssosync.policy.SyncPolicy}, immutable and built with a
 * builder that reports every bad setting at once.
 */
@NullMarked
package io.github.ssosync.policy;

import org.jspecify.annotations.NullMarked;
