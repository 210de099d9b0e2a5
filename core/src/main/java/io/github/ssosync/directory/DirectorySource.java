package io.github.ssosync.directory;

import java.util.Map;
import java.util.Set;

/**
 * A directory of users and groups to sync from. The SPI a source implements.
 *
 * <p>The one rule that matters: {@link #read} returns a complete snapshot or throws. A page that
 * failed to load must never look like a user who left, because the engine would remove them.
 */
public interface DirectorySource extends AutoCloseable {

  /**
   * Reads everything the query selects: matched users, matched groups, every group nested in them
   * (transitively) and the direct members of each of those groups.
   *
   * @param query what to select
   * @return the complete snapshot
   * @throws io.github.ssosync.ProviderException if any part of the read failed after retries; the
   *     message names the query or group that failed
   */
  DirectorySnapshot read(DirectoryQuery query);

  /**
   * Confirms, by a consistent read of each object by id, which of these users and groups still
   * exist <em>and</em> are still selected by the query, although {@link #read} did not return them.
   * The engine asks this before it plans to disable, retire or delete an object that a search query
   * could have missed.
   *
   * <p>Why: a directory whose list calls are served by a search index can lag behind its own
   * objects. Google documents that users and groups may take up to 36 hours to appear in {@code
   * users.list}/{@code groups.list} results with a {@code query}; a user missing from such a result
   * is not proof that the user left. Sources whose reads are consistent return an empty set (the
   * default): every candidate is confirmed gone.
   *
   * @param query the query the snapshot was read for
   * @param userIds directory ids of users the plan would remove
   * @param groupIds directory ids of groups the plan would remove
   * @return the ids, among those given, of objects that exist and that the query selects
   * @throws io.github.ssosync.ProviderException if a confirmation could not be read; the engine
   *     then removes nothing
   */
  default Set<String> stillSelected(
      DirectoryQuery query, Set<String> userIds, Set<String> groupIds) {
    return Set.of();
  }

  /**
   * Reads what the query selects now, from the snapshot a previous read of the same query returned
   * and the users and groups a change feed says changed since: only those are read again (and any
   * group or user they newly bring into the selection). The answer must equal what {@link #read}
   * would return. Sources implement it with {@link Selection#readChanged}.
   *
   * @param query what to select; the same query {@code previous} was read for
   * @param previous the previous read
   * @param changes the users and groups changed since, by key
   * @return the complete snapshot
   * @throws UnsupportedOperationException if the source cannot read incrementally (the default), or
   *     not for this query (say, one whose clauses it cannot evaluate on a single object); the
   *     engine then reads in full
   * @throws io.github.ssosync.ProviderException if any part of the read failed after retries
   */
  default DirectorySnapshot readChanged(
      DirectoryQuery query,
      DirectorySnapshot previous,
      io.github.ssosync.feed.DirectoryChanges changes) {
    throw new UnsupportedOperationException("this source reads only in full");
  }

  /**
   * API calls made so far, by {@code family.operation} (for example {@code google.users.list}).
   * Sources that do not count return an empty map.
   */
  default Map<String, Long> apiCalls() {
    return Map.of();
  }

  /**
   * The calls of {@link #apiCalls()} that the service throttled, by {@code family.operation}.
   * Sources that do not count return an empty map.
   */
  default Map<String, Long> apiThrottles() {
    return Map.of();
  }

  /**
   * Users, groups and member lists read so far, over the source's life, for progress: the engine
   * polls it while it reads (see {@link io.github.ssosync.engine.ProgressListener#onRead}). Sources
   * that do not count return {@link io.github.ssosync.provider.ReadCounts#NONE}.
   */
  default io.github.ssosync.provider.ReadCounts readCounts() {
    return io.github.ssosync.provider.ReadCounts.NONE;
  }

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
