package io.github.ssosync.provider.aws;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.aws.internal.AwsClients;
import io.github.ssosync.provider.aws.internal.AwsErrors;
import io.github.ssosync.provider.aws.internal.TrailEvents;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * What others changed in IAM Identity Center, from CloudTrail's event history ({@code
 * LookupEvents}): one lookup per event source ({@code identitystore.amazonaws.com}, {@code
 * identitystore-scim.amazonaws.com}, {@code sso-directory.amazonaws.com}), paged at 50 (the API's
 * maximum) through {@link #cloudTrailApi()} at 2 requests a second (LookupEvents API reference:
 * "limited to two per second, per account, per Region").
 *
 * <pre>{@code
 * TargetChangeFeed feed = CloudTrailChangeFeed.builder()
 *     .region("eu-west-1")
 *     .identityStoreId("d-1234567890")
 *     .build();
 * }</pre>
 *
 * <p>Skipped: reads, failed calls, writes tagged with one of the given runs (see {@link
 * IdentityCenterTarget#tagWrites}), calls on another identity store. A write it cannot place (an
 * event name it does not know, an id it cannot find, any console write under {@code sso-directory})
 * and a window reaching past the 90 days CloudTrail keeps are a {@link FeedGapException}: the run
 * then reconciles in full.
 *
 * <p>Cost: every event of the sources in the window is read, reads included (CloudTrail has one
 * lookup attribute per request, so the source and the read/write flag cannot both be asked for):
 * after a full reconcile, its reads are paged through once, 50 an API call.
 */
public final class CloudTrailChangeFeed implements TargetChangeFeed {
  private static final String FAMILY = "cloudtrail";
  private static final int PAGE = 50;

  /** CloudTrail's event history: "the last 90 days" (LookupEvents API reference). */
  static final Duration HISTORY = Duration.ofDays(90);

  /**
   * How far inside the 90 days a window must start, so that its oldest events do not age out while
   * the lookup pages.
   */
  static final Duration HISTORY_MARGIN = Duration.ofHours(1);

  private final CloudTrailClient client;
  private final boolean ownsClient;
  private final ApiFamily family;
  private final @Nullable String identityStoreId;
  private final Duration overlap;
  private final Clock clock;

  private CloudTrailChangeFeed(Builder b, CloudTrailClient client, ApiFamily family) {
    this.client = client;
    this.ownsClient = b.client == null;
    this.family = family;
    this.identityStoreId = b.identityStoreId;
    this.overlap = b.overlap;
    this.clock = b.clock;
  }

  /** A builder; a region (or a ready client) is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The CloudTrail API family, preset with its name ({@code cloudtrail}) and quota: 2 LookupEvents
   * requests a second per account and region (LookupEvents API reference).
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder cloudTrailApi() {
    return ApiFamily.builder(FAMILY).requestsPerSecond(2);
  }

  @Override
  public String name() {
    return "aws-cloudtrail";
  }

  @Override
  public Duration overlap() {
    return overlap;
  }

  @Override
  public TargetChanges changes(Instant from, Instant to, Set<String> ownRuns) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the window ends (" + to + ") before it starts " + from);
    }
    Instant start = from.minus(overlap);
    Instant oldest = clock.instant().minus(HISTORY).plus(HISTORY_MARGIN);
    if (start.isBefore(oldest)) {
      throw new FeedGapException(
          "the window starts at "
              + start
              + ", beyond the 90 days of CloudTrail's event history (with an hour's margin)");
    }
    TrailEvents events = new TrailEvents(ownRuns, identityStoreId);
    for (String source : TrailEvents.SOURCES) {
      for (Event e : lookup(source, start, to)) {
        events.add(
            e.eventSource() == null ? source : e.eventSource(),
            e.eventName(),
            "true".equalsIgnoreCase(e.readOnly()),
            e.cloudTrailEvent() == null ? "{}" : e.cloudTrailEvent());
      }
    }
    return events.changes();
  }

  private List<Event> lookup(String source, Instant start, Instant end) {
    List<Event> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      String what = "CloudTrail LookupEvents of " + source;
      LookupEventsResponse page =
          family.call(
              "LookupEvents",
              what,
              () -> {
                try {
                  return client.lookupEvents(
                      r ->
                          r.lookupAttributes(
                                  a ->
                                      a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                                          .attributeValue(source))
                              .startTime(start)
                              .endTime(end)
                              .maxResults(PAGE)
                              .nextToken(next));
                } catch (SdkException x) {
                  throw AwsErrors.translate(what, x);
                }
              });
      out.addAll(page.events());
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  /** LookupEvents calls made so far, as {@code cloudtrail.LookupEvents}. */
  @Override
  public Map<String, Long> apiCalls() {
    return family.calls();
  }

  /** Closes the CloudTrail client if the feed built it. */
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /** Builds a {@link CloudTrailChangeFeed}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private @Nullable CloudTrailClient client;
    private @Nullable String region;
    private @Nullable URI endpoint;
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private @Nullable String identityStoreId;
    private @Nullable ApiFamily api;
    private Duration overlap = DEFAULT_OVERLAP;
    private Duration readTimeout = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();

    /**
     * CloudTrail "typically delivers logs within an average of about 5 minutes of an API call. This
     * time is not guaranteed" (AWS CloudTrail user guide, "Getting and viewing your CloudTrail log
     * files"; the guide quoted 15 minutes before March 2023): the older, longer figure. A longer
     * overlap only re-reads events; an event delivered later than it is missed until the scheduled
     * full reconcile.
     */
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(15);

    private Builder() {}

    /**
     * @param client a ready CloudTrail client (its retry settings are the embedder's)
     * @return this builder
     */
    public Builder cloudTrailClient(CloudTrailClient client) {
      this.client = client;
      return this;
    }

    /**
     * @param region the region of the IAM Identity Center instance, whose events CloudTrail keeps
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * @param endpoint a CloudTrail endpoint (private endpoints, emulators)
     * @return this builder
     */
    public Builder cloudTrailEndpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * @param provider AWS credentials (default: the SDK's default chain)
     * @return this builder
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = provider;
      return this;
    }

    /**
     * @param id the identity store whose events count ({@code d-...}); events naming another store
     *     are skipped (default: every store of the account)
     * @return this builder
     */
    public Builder identityStoreId(String id) {
      this.identityStoreId = id;
      return this;
    }

    /**
     * @param family the CloudTrail quota, retry policy and call counting, built from {@link
     *     CloudTrailChangeFeed#cloudTrailApi()}
     * @return this builder
     */
    public Builder cloudTrailApi(ApiFamily family) {
      this.api = family;
      return this;
    }

    /**
     * @param overlap how far before the last window's end to read again, for events delivered late
     *     (default {@link #DEFAULT_OVERLAP}); 0 to 24 hours
     * @return this builder
     */
    public Builder overlap(Duration overlap) {
      this.overlap = overlap;
      return this;
    }

    /**
     * @param timeout the most one call may take (default 60 s)
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * @param clock the clock the 90-day history is measured by (default the system's)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the feed
     * @throws ConfigurationException naming every bad setting
     */
    public CloudTrailChangeFeed build() {
      List<String> problems = new ArrayList<>();
      if (client == null && (region == null || region.isBlank())) {
        problems.add(
            "region: required (or give cloudTrailClient); the region of the IAM Identity Center"
                + " instance, e.g. eu-west-1 (SSOSYNC_REGION)");
      }
      if (api != null && !api.name().equals(FAMILY)) {
        problems.add(
            "cloudTrailApi: the family is named \""
                + api.name()
                + "\", not \"cloudtrail\"; build it from CloudTrailChangeFeed.cloudTrailApi()");
      }
      if (overlap == null || overlap.isNegative() || overlap.compareTo(Duration.ofDays(1)) > 0) {
        problems.add("overlap \"" + overlap + "\": must be between 0 and 24 hours");
      }
      if (identityStoreId != null && !identityStoreId.matches("d-[0-9a-f]{10}|[0-9a-f-]{36}")) {
        problems.add(
            "identityStoreId \""
                + identityStoreId
                + "\": not an identity store id such as d-1234567890");
      }
      if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
        problems.add("readTimeout \"" + readTimeout + "\": must be positive");
      }
      if (clock == null) {
        problems.add("clock: must not be null");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      CloudTrailClient sdk =
          client != null
              ? client
              : AwsClients.configure(
                      CloudTrailClient.builder(),
                      region,
                      credentialsProvider,
                      endpoint,
                      readTimeout,
                      null)
                  .build();
      return new CloudTrailChangeFeed(
          this, sdk, api != null ? api : CloudTrailChangeFeed.cloudTrailApi().build());
    }
  }
}
