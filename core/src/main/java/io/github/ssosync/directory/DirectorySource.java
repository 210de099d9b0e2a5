package io.github.ssosync.directory;

import java.util.Map;

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
   * API calls made so far, by {@code family.operation} (for example {@code google.users.list}).
   * Sources that do not count return an empty map.
   */
  default Map<String, Long> apiCalls() {
    return Map.of();
  }

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
