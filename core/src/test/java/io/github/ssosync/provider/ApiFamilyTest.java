package io.github.ssosync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiFamilyTest {
  private static final RetryPolicy FAST =
      RetryPolicy.builder()
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(1))
          .maxBackoff(Duration.ofMillis(5))
          .build();
  private final ApiFamily fast =
      ApiFamily.builder("test").requestsPerSecond(100_000).retryPolicy(FAST).build();

  @Test
  void retriesRetryableFailuresUntilSuccess() {
    AtomicInteger tries = new AtomicInteger();
    String result =
        fast.call(
            "Op",
            "op",
            () -> {
              if (tries.incrementAndGet() < 3) {
                throw new ProviderException(Reason.THROTTLED, "slow down");
              }
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(tries).hasValue(3);
  }

  @Test
  void givesUpAfterMaxAttemptsAndNeverRetriesPermanentFailures() {
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(
            () ->
                fast.call(
                    "Op",
                    "op",
                    () -> {
                      tries.incrementAndGet();
                      throw new ProviderException(Reason.UNAVAILABLE, "503");
                    }))
        .hasMessage("503");
    assertThat(tries).hasValue(4);
    tries.set(0);
    assertThatThrownBy(
            () ->
                fast.call(
                    "Op",
                    "op",
                    () -> {
                      tries.incrementAndGet();
                      throw new ProviderException(Reason.CONFLICT, "taken");
                    }))
        .hasMessage("taken");
    assertThat(tries).hasValue(1);
  }

  @Test
  void honoursRetryAfterAndPausesTheLimiterForEveryone() {
    ApiFamily family = ApiFamily.builder("test").requestsPerSecond(1000).retryPolicy(FAST).build();
    AtomicInteger tries = new AtomicInteger();
    long start = System.nanoTime();
    family.call(
        "Op",
        "op",
        () -> {
          if (tries.incrementAndGet() == 1) {
            throw new ProviderException(
                Reason.THROTTLED, "throttled", new RetryAfter(Duration.ofMillis(300)));
          }
          return null;
        });
    // The hint (300 ms) is far above the backoff cap (5 ms): only the hint explains the wait.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void backoffGrowsAndIsCapped() {
    RetryPolicy r =
        RetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .build();
    for (int i = 0; i < 50; i++) {
      assertThat(r.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(r.backoff(8)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }
  }

  @Test
  void retryAfterIsReadInBothOfItsHttpForms() {
    // RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds.
    Instant now = Instant.parse("2015-10-21T07:27:30Z");
    assertThat(RetryAfter.parse("2", now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse(" 120 ", now)).isEqualTo(Duration.ofMinutes(2));
    // The date form, in all three formats a recipient must accept (RFC 9110 §5.6.7).
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wednesday, 21-Oct-15 07:28:00 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed Oct 21 07:28:00 2015", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now)).isEqualTo(Duration.ZERO);
    // A date already past means now; nonsense and absurdly long hints are not believed.
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 09:28:00 GMT", now)).isNull();
    assertThat(RetryAfter.parse("7200", now)).isNull();
    assertThat(RetryAfter.parse("-1", now)).isNull();
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse("Wed, 31 Feb 2015 07:28:00 GMT", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
  }

  @Test
  void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePast() {
    // RFC 9110 §5.6.7, for the obsolete RFC 850 form.
    Instant now = Instant.parse("2080-01-01T00:00:00Z");
    assertThat(RetryAfter.parse("Tuesday, 01-Jan-80 00:00:10 GMT", now))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryAfter.parse("Friday, 01-Jan-31 00:00:10 GMT", now))
        .as("2131 is more than 50 years ahead: 2031, long past")
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void theLimiterSpacesCallsToItsRate() {
    RateLimiter limiter = RateLimiter.perSecond(100);
    long start = System.nanoTime();
    for (int i = 0; i < 21; i++) {
      limiter.acquire();
    }
    // 21 permits at 100/s cannot be handed out in less than 20 intervals of 10 ms.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void noWindowOfOneSecondSeesMoreThanTheQuotaEvenWithArrivalJitter() {
    // The spacing, not the clock: slots handed out back to back, each arrival moved by up to
    // half the allowed jitter either way, and every one-second window counted.
    double quota = 20;
    long interval = RateLimiter.perSecond(quota).interval().toNanos();
    java.util.Random random = new java.util.Random(1);
    long half = RateLimiter.ARRIVAL_JITTER.toNanos() / 2;
    long[] arrivals = new long[2_000];
    for (int i = 0; i < arrivals.length; i++) {
      arrivals[i] = i * interval + (long) ((random.nextDouble() * 2 - 1) * half);
    }
    java.util.Arrays.sort(arrivals);
    int most = 0;
    for (int first = 0, last = 0; first < arrivals.length; first++) {
      while (last < arrivals.length && arrivals[last] - arrivals[first] < 1_000_000_000L) {
        last++;
      }
      most = Math.max(most, last - first);
    }
    assertThat(most).isLessThanOrEqualTo((int) quota);
    // And the headroom costs no more than the jitter allows: within 5% of the quota.
    assertThat(1e9 / interval).isGreaterThan(quota * 0.95);
  }

  @Test
  void countsEveryTryUnderTheFamilysName() {
    AtomicInteger tries = new AtomicInteger();
    fast.call(
        "ListUsers",
        "list",
        () -> {
          if (tries.incrementAndGet() < 3) {
            throw new ProviderException(Reason.UNAVAILABLE, "503");
          }
          return "ok";
        });
    fast.call("GetUser", "get", () -> "ok");
    assertThat(fast.calls())
        .containsExactly(entry("test.GetUser", 1L), entry("test.ListUsers", 3L));
  }

  @Test
  void aRetryAfterHoldsBackTheFamilysOtherCallers() throws Exception {
    ApiFamily family = ApiFamily.builder("test").requestsPerSecond(1000).retryPolicy(FAST).build();
    java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
    Thread first =
        new Thread(
            () ->
                family.call(
                    "Op",
                    "op",
                    () -> {
                      if (refused.getCount() > 0) {
                        refused.countDown();
                        throw new ProviderException(
                            Reason.THROTTLED, "throttled", new RetryAfter(Duration.ofMillis(400)));
                      }
                      return null;
                    }));
    first.start();
    refused.await();
    long refusedAt = System.nanoTime();
    // Time for the refused thread to tell the family (it does so as soon as its try has thrown).
    Thread.sleep(100);
    family.call("Other", "other", () -> null);
    // Another thread's call, never refused itself, waits out the server's hint: without the
    // pause it would go at once, the family's spacing being a millisecond.
    assertThat(Duration.ofNanos(System.nanoTime() - refusedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(390));
    first.join();
  }

  @Test
  void theBuildersNameEveryBadSetting() {
    assertThatThrownBy(() -> ApiFamily.builder("Identity Store").requestsPerSecond(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("name \"Identity Store\": must be a lower-case word")
        .hasMessageContaining("requestsPerSecond \"0.0\": must be a positive, finite number");
    assertThatThrownBy(() -> ApiFamily.builder("scim").build())
        .hasMessage("requestsPerSecond: must be set (the family's quota)");
    assertThatThrownBy(
            () ->
                ApiFamily.builder("scim")
                    .requestsPerSecond(Double.POSITIVE_INFINITY)
                    .retryPolicy(null)
                    .build())
        .hasMessageContaining("requestsPerSecond \"Infinity\"")
        .hasMessageContaining("retryPolicy: must not be null");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .maxAttempts(0)
                    .initialBackoff(Duration.ZERO)
                    .maxBackoff(Duration.ofMillis(-1))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxAttempts \"0\": must be at least 1")
        .hasMessageContaining("initialBackoff \"PT0S\": must be positive")
        .hasMessageContaining("maxBackoff \"PT-0.001S\": must be at least initialBackoff");
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults())
        .isEqualTo(new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(20)));
  }
}
