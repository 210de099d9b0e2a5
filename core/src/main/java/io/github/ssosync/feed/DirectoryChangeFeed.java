package io.github.ssosync.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What changed in a directory between two instants: the SPI a directory change feed implements (for
 * Google, the Admin SDK Reports API's admin activity events).
 *
 * <p>Events reach a feed late (Google documents lag times for its audit events), so a run asks from
 * the instant the last run read through, and the feed reaches back {@link #overlap()} before it: an
 * event that happened in the last window but arrived after that window was read is picked up by the
 * next one. An event that arrives later than the overlap is what the scheduled full reconcile
 * catches.
 */
public interface DirectoryChangeFeed {

  /**
   * A stable name for the feed, the key of its cursor in the stored state (for example {@code
   * google-reports}).
   */
  String name();

  /** How far before {@code from} the feed reads, to cover the events' documented lag. */
  Duration overlap();

  /**
   * The users and groups that changed in {@code [from - overlap, to)}.
   *
   * @param from where the last run's window ended
   * @param to where this window ends (the run's start)
   * @return every user and group changed in the window; never a partial answer
   * @throws FeedGapException if the feed cannot vouch for the window
   * @throws io.github.ssosync.ProviderException if the feed could not be read
   */
  DirectoryChanges changes(Instant from, Instant to);

  /** API calls made so far, by {@code family.operation}; empty when the feed does not count. */
  default Map<String, Long> apiCalls() {
    return Map.of();
  }
}
