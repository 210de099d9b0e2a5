/**
 * What an incremental run starts from: the {@link io.github.ssosync.state.SyncState} the last run
 * left (its directory and target views and the feeds' cursors), kept in a {@link
 * io.github.ssosync.state.StateStore} (a local file, or an S3 object written conditionally so that
 * two runs never both commit).
 *
 * <p>State is an optimisation, never a source of truth: a run whose state is missing, unreadable,
 * too old, written by another version or for another policy reconciles in full.
 */
@NullMarked
package io.github.ssosync.state;

import org.jspecify.annotations.NullMarked;
