package io.github.ssosync.internal;

import io.github.ssosync.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an operation through a {@link RateLimiter}, retrying retryable {@link ProviderException}s
 * (throttling, 5xx, resets) with exponential backoff and jitter, and honouring the server's {@code
 * Retry-After} when it gives one. A {@code Retry-After} also pauses the limiter, so that the other
 * threads slow down too instead of running into the same wall.
 *
 * @param maxAttempts tries in all, at least 1
 * @param baseDelay the first backoff's upper bound
 * @param maxDelay the cap on any one backoff
 */
public record Retrier(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  /** Six tries, backoff from 200 ms up to 20 s. */
  public static final Retrier DEFAULT =
      new Retrier(6, Duration.ofMillis(200), Duration.ofSeconds(20));

  /** Validates. */
  public Retrier {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
  }

  /**
   * A failure that says how long to wait before trying again.
   *
   * <p>Providers throw it (or a {@link ProviderException} whose cause it is) when the server sent
   * {@code Retry-After}.
   */
  public static final class RetryAfter extends RuntimeException {
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
  }

  /**
   * Runs {@code call}, retrying retryable failures.
   *
   * @param <T> the result type
   * @param limiter the API family's limiter; acquired before every try
   * @param what names the call in logs and in the final exception
   * @param call the call; throws {@link ProviderException} on failure
   * @return the call's result
   * @throws ProviderException the last failure, once retries are used up or it is not retryable
   */
  public <T> T call(@Nullable RateLimiter limiter, String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      if (limiter != null) {
        limiter.acquire();
      }
      try {
        return call.get();
      } catch (ProviderException e) {
        if (!e.retryable() || attempt >= maxAttempts) {
          throw e;
        }
        Duration hinted = retryAfterOf(e);
        Duration delay = hinted != null ? hinted : backoff(attempt);
        if (hinted != null && limiter != null) {
          limiter.pause(hinted);
        }
        log.debug(
            "{} failed ({}), try {} of {} in {} ms",
            what,
            e.reason(),
            attempt + 1,
            maxAttempts,
            delay.toMillis());
        RateLimiter.sleep(delay.toNanos());
      }
    }
  }

  /**
   * @param attempt the try that just failed, from 1
   * @return a random delay between half and all of min(maxDelay, baseDelay * 2^(attempt-1)): jitter
   *     spreads the threads that failed together, the lower half keeps them from retrying at once
   */
  public Duration backoff(int attempt) {
    long cap = baseDelay.toNanos() << Math.min(attempt - 1, 20);
    cap = Math.min(cap, maxDelay.toNanos());
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  private static @Nullable Duration retryAfterOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryAfter r) {
        return r.delay();
      }
    }
    return null;
  }

  /**
   * Parses an HTTP {@code Retry-After} value in either of its forms (RFC 9110 §10.2.3): a number of
   * seconds, or an HTTP-date (judged against the system clock).
   *
   * @param header the header's value, possibly absent
   * @return the delay (zero for a date already past), or null when absent, unreadable or longer
   *     than an hour
   */
  public static @Nullable Duration parseRetryAfter(@Nullable String header) {
    return RetryAfterHeader.parse(header, Instant.now());
  }

  /**
   * As {@link #parseRetryAfter(String)}, with the time the response arrived.
   *
   * @param header the header's value, possibly absent
   * @param now when the response arrived, against which an HTTP-date is judged
   * @return the delay (zero for a date already past), or null when absent, unreadable or longer
   *     than an hour
   */
  public static @Nullable Duration parseRetryAfter(@Nullable String header, Instant now) {
    return RetryAfterHeader.parse(header, now);
  }
}
