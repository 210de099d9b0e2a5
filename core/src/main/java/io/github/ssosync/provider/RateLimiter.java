package io.github.ssosync.provider;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client-side limiter that spaces calls to at most {@code permitsPerSecond}, shared by every
 * thread calling one API family, so that a sync runs at the quota and never above it. Smooth (no
 * burst): a quota such as the Identity Store's 20 requests/second is enforced per second by the
 * service, so a burst of 20 at once followed by 20 more a moment later would be throttled.
 *
 * <p>Calls leave evenly spaced but arrive with jitter (scheduling, connection reuse, the network),
 * so spacing them at exactly the quota lets some one-second windows see one call too many, and each
 * refusal pauses the whole family for its {@code Retry-After}. The spacing therefore leaves room
 * for {@link #ARRIVAL_JITTER}: {@code permitsPerSecond} calls span a second plus that jitter, and
 * no window of one second, however aligned, sees more than {@code permitsPerSecond}.
 */
final class RateLimiter {
  /** How much later or earlier than its slot a call may reach the service without harm. */
  static final Duration ARRIVAL_JITTER = Duration.ofMillis(50);

  private final long intervalNanos;
  private long nextFreeNanos;

  private RateLimiter(double permitsPerSecond) {
    this.intervalNanos =
        (long) ((TimeUnit.SECONDS.toNanos(1) + ARRIVAL_JITTER.toNanos()) / permitsPerSecond);
    this.nextFreeNanos = System.nanoTime();
  }

  /**
   * @param permitsPerSecond calls allowed per second; must be positive
   * @return a limiter
   */
  static RateLimiter perSecond(double permitsPerSecond) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException(
          "permitsPerSecond must be a positive number, was " + permitsPerSecond);
    }
    return new RateLimiter(permitsPerSecond);
  }

  /** Waits until a call may be made, then claims it. */
  void acquire() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextFreeNanos);
      nextFreeNanos = slot + intervalNanos;
      wait = slot - now;
    }
    sleep(wait);
  }

  /**
   * Pushes every caller back, for when the service said to slow down ({@code Retry-After}).
   *
   * @param pause how long no call may be made
   */
  void pause(Duration pause) {
    synchronized (this) {
      nextFreeNanos = Math.max(nextFreeNanos, System.nanoTime() + pause.toNanos());
    }
  }

  /** The spacing between calls. */
  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  static void sleep(long nanos) {
    long deadline = System.nanoTime() + nanos;
    long left = nanos;
    while (left > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the rate limiter");
      }
      left = deadline - System.nanoTime();
    }
  }
}
