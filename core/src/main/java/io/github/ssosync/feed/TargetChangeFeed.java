package io.github.ssosync.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What anyone else changed in a target between two instants: the SPI a target change feed
 * implements (for IAM Identity Center, CloudTrail's management events of the Identity Store and its
 * SCIM endpoint).
 *
 * <p>Our own writes are in the feed too. The engine folds what it wrote into the stored state, so
 * the feed skips the writes of the runs it is told about: a target tags each run's writes (see
 * {@link io.github.ssosync.targets.IdentityTarget#tagWrites}) and the feed recognises the tag. A
 * write it cannot attribute is someone else's, and the object it names is read again: wasteful at
 * worst, never wrong.
 */
public interface TargetChangeFeed {

  /** A stable name for the feed, the key of its cursor in the stored state. */
  String name();

  /** How far before {@code from} the feed reads, to cover its events' delivery lag. */
  Duration overlap();

  /**
   * The objects changed in {@code [from - overlap, to)} by writes not tagged with one of {@code
   * ownRuns}.
   *
   * @param from where the last run's window ended
   * @param to where this window ends (the run's start)
   * @param ownRuns the run tags whose writes the stored state already holds
   * @return every object changed by others in the window; never a partial answer
   * @throws FeedGapException if the feed cannot vouch for the window
   * @throws io.github.ssosync.ProviderException if the feed could not be read
   */
  TargetChanges changes(Instant from, Instant to, Set<String> ownRuns);

  /** API calls made so far, by {@code family.operation}; empty when the feed does not count. */
  default Map<String, Long> apiCalls() {
    return Map.of();
  }
}
