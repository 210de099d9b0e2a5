/**
 * Change feeds: what changed in the directory, and what anyone else changed in the target, between
 * two instants. An incremental run re-reads only the objects a feed names, on top of the state the
 * last run left (see {@link io.github.ssosync.state}); whenever a feed cannot vouch for its whole
 * window it says so, with a {@link io.github.ssosync.feed.FeedGapException} or any exception, and
 * the run is a full reconcile instead.
 *
 * <p>The contract every feed keeps: <em>a change it does not report must not exist</em>. A feed
 * that may have missed something (events older than its retention, a page it could not read, a
 * record it does not understand) throws; it never returns a partial answer.
 */
@NullMarked
package io.github.ssosync.feed;

import org.jspecify.annotations.NullMarked;
