package io.github.ssosync.provider;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls to one API family: the calls that share one quota, such as all Identity Store APIs of
 * an account (20 requests a second) or the Admin SDK Directory API (2,400 queries a minute). An
 * instance bundles the three things every such call needs, so that a provider writes none of them:
 *
 * <ul>
 *   <li>its <b>quota</b>: calls are spaced to at most {@code requestsPerSecond}, smoothly (no
 *       burst), over every thread that calls the family, with room for the jitter with which calls
 *       reach the service, so that no one-second window the service counts sees more than the
 *       quota;
 *   <li>its {@link RetryPolicy}: a call that fails with a {@link ProviderException#retryable()
 *       retryable} failure is tried again after a backoff, or after what the server asked for when
 *       the failure carries a {@link RetryAfter} (which also holds back every other call of the
 *       family for as long);
 *   <li>the <b>counting</b> of its calls, each try counted as {@code name.operation}, for the sync
 *       report.
 * </ul>
 *
 * <p>Build one per family and per quota, and give it to the provider builder that calls the family;
 * providers offer a builder preset with the family's name and documented quota. Two providers given
 * the same instance share its quota and its counts.
 *
 * <pre>{@code
 * ApiFamily identityStore = IdentityCenterTarget.identityStoreApi()
 *     .requestsPerSecond(10)          // leave half the account's quota to other tools
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
 *     .build();
 * }</pre>
 */
public final class ApiFamily {
  private static final Logger log = LoggerFactory.getLogger(ApiFamily.class);

  private final String name;
  private final double requestsPerSecond;
  private final RetryPolicy retryPolicy;
  private final RateLimiter limiter;
  private final CallCounter calls = new CallCounter();
  private final CallCounter throttles = new CallCounter();

  private ApiFamily(String name, double requestsPerSecond, RetryPolicy retryPolicy) {
    this.name = name;
    this.requestsPerSecond = requestsPerSecond;
    this.retryPolicy = retryPolicy;
    this.limiter = RateLimiter.perSecond(requestsPerSecond);
  }

  /**
   * @param name the family's name, the prefix of its call counts, such as {@code identitystore}
   * @return a builder with the default retry policy and no quota yet
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The family's name, the prefix of its call counts. */
  public String name() {
    return name;
  }

  /** The quota calls are spaced to. */
  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** How failed calls are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The spacing between two calls: a second plus the arrival jitter, over the quota. */
  public Duration interval() {
    return limiter.interval();
  }

  /** The calls made so far, by {@code name.operation}, sorted; each try counts. */
  public Map<String, Long> calls() {
    return calls.snapshot();
  }

  /**
   * The tries the service throttled so far ({@link ProviderException.Reason#THROTTLED}), by {@code
   * name.operation}, sorted; each is also counted in {@link #calls()}. A family that keeps being
   * throttled shares its quota with another tool, or is set above it.
   */
  public Map<String, Long> throttles() {
    return throttles.snapshot();
  }

  /**
   * Makes a call at the quota, retried while it fails for a retryable reason.
   *
   * @param <T> the result type
   * @param operation the API operation, counted as {@code name.operation}, such as {@code
   *     ListUsers}
   * @param what names the call and its object in logs, such as {@code ListUsers page 3}
   * @param call one try; throws a {@link ProviderException} on failure (with a {@link RetryAfter}
   *     as its cause when the server said how long to wait)
   * @return the call's result
   * @throws ProviderException the last failure, once the tries are used up or it is not retryable
   */
  public <T> T call(String operation, String what, Supplier<T> call) {
    String counter = name + "." + operation;
    for (int attempt = 1; ; attempt++) {
      limiter.acquire();
      calls.increment(counter);
      try {
        return call.get();
      } catch (ProviderException e) {
        if (e.reason() == ProviderException.Reason.THROTTLED) {
          throttles.increment(counter);
        }
        if (!e.retryable() || attempt >= retryPolicy.maxAttempts()) {
          throw e;
        }
        Duration hinted = retryAfterOf(e);
        Duration delay = hinted != null ? hinted : retryPolicy.backoff(attempt);
        if (hinted != null) {
          limiter.pause(hinted);
        }
        log.debug(
            "{} failed ({}), try {} of {} in {} ms",
            what,
            e.reason(),
            attempt + 1,
            retryPolicy.maxAttempts(),
            delay.toMillis());
        RateLimiter.sleep(delay.toNanos());
      }
    }
  }

  private static @Nullable Duration retryAfterOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryAfter r) {
        return r.delay();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name + " at " + requestsPerSecond + "/s, " + retryPolicy.maxAttempts() + " tries";
  }

  /** Builds an {@link ApiFamily}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private final String name;
    private double requestsPerSecond = Double.NaN;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * @param requestsPerSecond the quota calls are spaced to; positive and finite (a quota per
     *     minute divided by 60)
     * @return this builder
     */
    public Builder requestsPerSecond(double requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * @param retryPolicy how failed calls are retried (default {@link RetryPolicy#defaults()})
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * @return the family, with a fresh quota and counts
     * @throws ConfigurationException naming every bad setting
     */
    public ApiFamily build() {
      List<String> problems = new ArrayList<>();
      if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
        problems.add(
            "name \"" + name + "\": must be a lower-case word such as identitystore or scim");
      }
      if (Double.isNaN(requestsPerSecond)) {
        problems.add("requestsPerSecond: must be set (the family's quota)");
      } else if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        problems.add(
            "requestsPerSecond \"" + requestsPerSecond + "\": must be a positive, finite number");
      }
      if (retryPolicy == null) {
        problems.add("retryPolicy: must not be null");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new ApiFamily(name, requestsPerSecond, retryPolicy);
    }
  }
}
