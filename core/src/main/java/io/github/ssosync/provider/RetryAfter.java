package io.github.ssosync.provider;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer "try again after this long". A provider puts it as the cause of the {@link
 * io.github.ssosync.ProviderException} it throws for a throttled or unavailable call; the {@link
 * ApiFamily} then waits that long instead of its own backoff, and holds back every other call of
 * the family as long, so that the other threads do not run into the same wall.
 */
public final class RetryAfter extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Duration delay;

  /**
   * @param delay how long the server asked us to wait
   */
  public RetryAfter(Duration delay) {
    super("retry after " + delay, null, false, false);
    this.delay = delay;
  }

  /** How long the server asked us to wait. */
  public Duration delay() {
    return delay;
  }

  /**
   * Parses an HTTP {@code Retry-After} value in either of its forms (RFC 9110 §10.2.3): a number of
   * seconds, or an HTTP-date (judged against the system clock).
   *
   * @param header the header's value, possibly absent
   * @return the delay (zero for a date already past), or null when absent, unreadable or longer
   *     than an hour
   */
  public static @Nullable Duration parse(@Nullable String header) {
    return RetryAfterHeader.parse(header, Instant.now());
  }

  /**
   * As {@link #parse(String)}, with the time the response arrived.
   *
   * @param header the header's value, possibly absent
   * @param now when the response arrived, against which an HTTP-date is judged
   * @return the delay (zero for a date already past), or null when absent, unreadable or longer
   *     than an hour
   */
  public static @Nullable Duration parse(@Nullable String header, Instant now) {
    return RetryAfterHeader.parse(header, now);
  }

  /**
   * @param header the header's value, possibly absent
   * @return a {@link RetryAfter} for the header, or null when it gives no usable delay
   */
  public static @Nullable RetryAfter fromHeader(@Nullable String header) {
    Duration delay = parse(header);
    return delay == null ? null : new RetryAfter(delay);
  }
}
