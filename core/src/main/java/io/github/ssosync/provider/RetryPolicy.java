package io.github.ssosync.provider;

import io.github.ssosync.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an {@link ApiFamily} retries a call that failed for a retryable reason (throttling, 5xx,
 * resets): up to {@code maxAttempts} tries in all, waiting between tries a random backoff that
 * doubles from {@code initialBackoff} up to {@code maxBackoff}, or what the server asked for in
 * {@code Retry-After} when it did.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder()
 *     .maxAttempts(10)
 *     .initialBackoff(Duration.ofMillis(500))
 *     .maxBackoff(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * @param maxAttempts tries in all, the first one included; at least 1 (1: never retry)
 * @param initialBackoff the upper bound of the first backoff; positive
 * @param maxBackoff the cap on any one backoff; at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  private static final RetryPolicy DEFAULT = builder().build();

  /**
   * Validates; {@link #builder()} reads better.
   *
   * @throws ConfigurationException naming every bad setting
   */
  public RetryPolicy {
    List<String> problems = problems(maxAttempts, initialBackoff, maxBackoff);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /** Six tries, backoff from 200 ms up to 20 s: rides out a throttled minute. */
  public static RetryPolicy defaults() {
    return DEFAULT;
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The wait after a failed try when the server gave no {@code Retry-After}.
   *
   * @param attempt the try that just failed, from 1
   * @return a random delay between half and all of min(maxBackoff, initialBackoff * 2^(attempt-1)):
   *     jitter spreads the threads that failed together, the lower half keeps them from retrying at
   *     once
   */
  public Duration backoff(int attempt) {
    long cap = initialBackoff.toNanos() << Math.min(Math.max(attempt, 1) - 1, 20);
    cap = Math.min(cap, maxBackoff.toNanos());
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  private static List<String> problems(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    List<String> problems = new ArrayList<>();
    if (maxAttempts < 1) {
      problems.add("maxAttempts \"" + maxAttempts + "\": must be at least 1");
    }
    if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
      problems.add("initialBackoff \"" + initialBackoff + "\": must be positive");
    }
    if (maxBackoff == null
        || (initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0)) {
      problems.add(
          "maxBackoff \"" + maxBackoff + "\": must be at least initialBackoff " + initialBackoff);
    }
    return problems;
  }

  /** Builds a {@link RetryPolicy}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(20);

    private Builder() {}

    /**
     * @param maxAttempts tries in all, the first one included (default 6)
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * @param initialBackoff the upper bound of the first backoff (default 200 ms)
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /**
     * @param maxBackoff the cap on any one backoff (default 20 s)
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /**
     * @return the policy
     * @throws ConfigurationException naming every bad setting
     */
    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }
  }
}
