package io.github.ssosync.emulators.loopback;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Faults, latency and quota an emulator applies to requests, decided per operation name (such as
 * {@code users.list} or {@code AWSIdentityStore.ListUsers}). Thread-safe; seeded, so a failing test
 * replays the same faults.
 */
public final class Faults {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /**
   * {@code remaining[0]}: faults left to inject; {@code remaining[1]}: matching calls to let
   * through first.
   */
  private record Rule(Predicate<String> operation, FaultKind kind, int[] remaining) {}

  private final List<Rule> rules = new ArrayList<>();
  private Random random = new Random(0);
  private double throttleFraction;
  private Predicate<String> throttleScope = op -> true;
  private Duration latency = Duration.ZERO;
  private Duration slowDelay = Duration.ofSeconds(30);
  private int retryAfterSeconds = 1;
  private RetryAfterForm retryAfterForm = RetryAfterForm.SECONDS;
  private long injected;
  private double quotaPerSecond;
  private long quotaWindowStart;
  private int quotaUsed;

  /**
   * Throttles a fraction of all requests, chosen by a seeded random.
   *
   * @param fraction between 0 and 1
   * @param seed the random seed
   * @return this
   */
  public synchronized Faults throttle(double fraction, long seed) {
    return throttle(fraction, seed, op -> true);
  }

  /**
   * Throttles a fraction of the requests whose operation matches.
   *
   * @param fraction between 0 and 1
   * @param seed the random seed
   * @param operations which operations may be throttled
   * @return this
   */
  public synchronized Faults throttle(double fraction, long seed, Predicate<String> operations) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, was " + fraction);
    }
    this.throttleFraction = fraction;
    this.random = new Random(seed);
    this.throttleScope = operations;
    return this;
  }

  /**
   * Fails the next {@code times} requests of an operation.
   *
   * @param operation the exact operation name
   * @param times how many requests fail
   * @param kind how they fail
   * @return this
   */
  public Faults failNext(String operation, int times, FaultKind kind) {
    return failNext(operation::equals, times, kind);
  }

  /**
   * Fails the next {@code times} requests whose operation matches.
   *
   * @param operations which operations
   * @param times how many requests fail; {@link Integer#MAX_VALUE} for all from now on
   * @param kind how they fail
   * @return this
   */
  public synchronized Faults failNext(Predicate<String> operations, int times, FaultKind kind) {
    rules.add(new Rule(operations, kind, new int[] {times, 0}));
    return this;
  }

  /**
   * Lets {@code succeed} matching requests through, then fails the next {@code times}: a page that
   * fails in the middle of a listing.
   *
   * @param operation the exact operation name
   * @param succeed how many requests succeed first
   * @param times how many fail after them; {@link Integer#MAX_VALUE} for all
   * @param kind how they fail
   * @return this
   */
  public Faults failAfter(String operation, int succeed, int times, FaultKind kind) {
    return failAfter(operation::equals, succeed, times, kind);
  }

  /**
   * Lets {@code succeed} requests whose operation matches through, then fails the next {@code
   * times}: a token that expires part-way through a run.
   *
   * @param operations which operations
   * @param succeed how many requests succeed first
   * @param times how many fail after them; {@link Integer#MAX_VALUE} for all
   * @param kind how they fail
   * @return this
   */
  public synchronized Faults failAfter(
      Predicate<String> operations, int succeed, int times, FaultKind kind) {
    rules.add(new Rule(operations, kind, new int[] {times, succeed}));
    return this;
  }

  /**
   * Fails every request whose operation matches, until {@link #clear()}.
   *
   * @param operations which operations
   * @param kind how they fail
   * @return this
   */
  public Faults failAlways(Predicate<String> operations, FaultKind kind) {
    return failNext(operations, Integer.MAX_VALUE, kind);
  }

  /**
   * Delays every response.
   *
   * @param latency the delay before each response
   * @return this
   */
  public synchronized Faults latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /**
   * @param delay how long a {@link FaultKind#SLOW} response takes (default 30 s)
   * @return this
   */
  public synchronized Faults slowDelay(Duration delay) {
    this.slowDelay = delay;
    return this;
  }

  /**
   * Enforces a quota as the real service does: requests beyond {@code perSecond} in any one-second
   * window are throttled. 0 turns it off.
   *
   * @param perSecond requests allowed per second
   * @return this
   */
  public synchronized Faults quota(double perSecond) {
    this.quotaPerSecond = perSecond;
    this.quotaWindowStart = System.nanoTime();
    this.quotaUsed = 0;
    return this;
  }

  /**
   * @param seconds the {@code Retry-After} sent with throttling faults (default 1; 0 in tests that
   *     throttle a lot)
   * @return this
   */
  public synchronized Faults retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** The {@code Retry-After} sent with throttling faults, in seconds. */
  public synchronized int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** How a throttling (or server) fault tells the client when to try again. */
  public enum RetryAfterForm {
    /** {@code Retry-After: <seconds>}. */
    SECONDS,
    /** {@code Retry-After: <IMF-fixdate>}; RFC 9110 §10.2.3 allows either form. */
    HTTP_DATE,
    /** No {@code Retry-After} header (an API may still say it in its body). */
    ABSENT
  }

  /**
   * @param form how {@code Retry-After} is sent (default {@link RetryAfterForm#SECONDS})
   * @return this
   */
  public synchronized Faults retryAfterForm(RetryAfterForm form) {
    this.retryAfterForm = java.util.Objects.requireNonNull(form, "form");
    return this;
  }

  /** The value of the {@code Retry-After} header to send now, or null to send none. */
  public synchronized @Nullable String retryAfterHeader() {
    return switch (retryAfterForm) {
      case SECONDS -> String.valueOf(retryAfterSeconds);
      case ABSENT -> null;
      case HTTP_DATE -> {
        // IMF-fixdate (RFC 9110 §5.6.7): two-digit day, English names, GMT. Rounded up, so that
        // the wait is never shorter than asked.
        java.time.Instant at =
            java.time.Instant.now()
                .plusSeconds(retryAfterSeconds + 1L)
                .truncatedTo(ChronoUnit.SECONDS);
        yield IMF_FIXDATE.format(at);
      }
    };
  }

  /** Removes every fault, the latency and the quota. */
  public synchronized void clear() {
    rules.clear();
    throttleFraction = 0;
    latency = Duration.ZERO;
    quotaPerSecond = 0;
  }

  /** How many faults (throttling included) were injected so far. */
  public synchronized long injected() {
    return injected;
  }

  /** The latency to add to every response. */
  public synchronized Duration latency() {
    return latency;
  }

  /** How long a slow response takes. */
  public synchronized Duration slowDelay() {
    return slowDelay;
  }

  /**
   * Decides the fate of one request. Called by the emulator once per request.
   *
   * @param operation the request's operation
   * @return the fault to inject, if any
   */
  public synchronized Optional<FaultKind> decide(String operation) {
    Optional<FaultKind> fault = choose(operation);
    if (fault.isPresent()) {
      injected++;
    }
    return fault;
  }

  private Optional<FaultKind> choose(String operation) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.operation().test(operation)) {
        if (rule.remaining()[1] > 0) {
          rule.remaining()[1]--;
          continue;
        }
        if (rule.remaining()[0] != Integer.MAX_VALUE && --rule.remaining()[0] <= 0) {
          it.remove();
        }
        return Optional.of(rule.kind());
      }
    }
    if (quotaPerSecond > 0) {
      long now = System.nanoTime();
      if (now - quotaWindowStart >= 1_000_000_000L) {
        quotaWindowStart = now;
        quotaUsed = 0;
      }
      if (++quotaUsed > quotaPerSecond) {
        return Optional.of(FaultKind.THROTTLE);
      }
    }
    if (throttleFraction > 0
        && throttleScope.test(operation)
        && random.nextDouble() < throttleFraction) {
      return Optional.of(FaultKind.THROTTLE);
    }
    return Optional.empty();
  }
}
