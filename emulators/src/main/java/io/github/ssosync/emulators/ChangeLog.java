package io.github.ssosync.emulators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The change events an in-memory source or target records as it changes, for its change feed: what
 * an audit log (Google's Reports API, CloudTrail) would hold. Each event has the instant it
 * happened, the instant it becomes visible (its lag), and the tag of the run that made it, if any.
 *
 * @param <E> what an event names
 */
public final class ChangeLog<E> {

  /**
   * One event.
   *
   * @param at when it happened
   * @param visibleAt when the feed first shows it
   * @param tag the run that made it, or null for a change by anyone else
   * @param change what it names
   */
  public record Event<E>(Instant at, Instant visibleAt, @Nullable String tag, E change) {}

  private final Clock clock;
  private final List<Event<E>> events = new CopyOnWriteArrayList<>();
  private volatile Duration lag = Duration.ZERO;

  /**
   * @param clock when events happen, and what "now" is for their visibility
   */
  public ChangeLog(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param lag how long each event recorded from now on stays invisible to the feed
   */
  public void lag(Duration lag) {
    this.lag = lag;
  }

  /**
   * Records an event happening now.
   *
   * @param tag the run that made it, or null
   * @param change what it names
   */
  public void record(@Nullable String tag, E change) {
    Instant now = clock.instant();
    events.add(new Event<>(now, now.plus(lag), tag, change));
  }

  /**
   * The events that happened in {@code [from, to)}, are visible now, and carry none of the tags.
   *
   * @param from the window's start
   * @param to the window's end
   * @param skipTags tags whose events are left out
   * @return the events, oldest first
   */
  public List<Event<E>> between(Instant from, Instant to, Set<String> skipTags) {
    Instant now = clock.instant();
    List<Event<E>> out = new ArrayList<>();
    for (Event<E> e : events) {
      boolean inWindow = !e.at().isBefore(from) && e.at().isBefore(to);
      boolean visible = !e.visibleAt().isAfter(now);
      if (inWindow && visible && (e.tag() == null || !skipTags.contains(e.tag()))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The number of events recorded. */
  public int size() {
    return events.size();
  }
}
