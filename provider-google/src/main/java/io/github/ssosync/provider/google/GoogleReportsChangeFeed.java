package io.github.ssosync.provider.google;

import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.feed.DirectoryChangeFeed;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.google.internal.AuditEvents;
import io.github.ssosync.provider.google.internal.GoogleConnection;
import io.github.ssosync.provider.google.internal.GoogleErrors;
import io.github.ssosync.provider.google.internal.ReportsApi;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Google Workspace's directory changes from the Admin SDK Reports API: the audit events of the
 * {@code admin} application (users created, renamed, suspended, deleted, changed; groups created,
 * renamed, deleted; members added and removed by admins) and of {@code groups_enterprise} (the same
 * group changes, plus those a group's owner makes in Google Groups and dynamic groups' membership
 * changes, which the admin log does not carry). See {@code AuditEvents} (internal) for what each
 * event names, and which events make the feed give up with a {@link FeedGapException}.
 *
 * <p>What it cannot see, and what covers it: events later than {@link #overlap()} (Google warns
 * that "in rare cases" events are delayed beyond their lag or not reported at all: Admin Help,
 * "Data retention and lag times"), which the scheduled full reconcile catches; windows reaching
 * back further than Google keeps events (180 days), which throw.
 */
public final class GoogleReportsChangeFeed implements DirectoryChangeFeed {
  /** The scope the delegated admin's token needs (activities.list reference). */
  public static final List<String> SCOPES =
      List.of("https://www.googleapis.com/auth/admin.reports.audit.readonly");

  /**
   * Default overlap: admin log events arrive in "near real time (couple of minutes)" (Admin Help,
   * "Data retention and lag times", table "Lag times"); Groups Enterprise entries "usually appear
   * within half an hour" in the audit page (Cloud Identity Help, Groups log events). Thirty minutes
   * covers both with room.
   */
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(30);

  /**
   * How far back activities.list answers: "all activities in the last 180 days" when startTime is
   * older (activities.list reference, endTime); Admin log events are kept 6 months (Admin Help,
   * Data retention). A window reaching further back cannot be vouched for.
   */
  public static final Duration RETENTION = Duration.ofDays(180);

  /** The applications read, in this order. */
  static final List<String> APPLICATIONS = List.of("admin", "groups_enterprise");

  /** activities.list's largest page (maxResults, "1 to 1000", default 1000). */
  static final int PAGE = 1000;

  private static final String FAMILY = "google-reports";

  private final ReportsApi reports;
  private final ApiFamily family;
  private final Duration overlap;
  private final Clock clock;
  private final @Nullable String customerId;

  private GoogleReportsChangeFeed(
      ReportsApi reports,
      ApiFamily family,
      Duration overlap,
      Clock clock,
      @Nullable String customerId) {
    this.reports = reports;
    this.family = family;
    this.overlap = overlap;
    this.clock = clock;
    this.customerId = customerId;
  }

  /**
   * The Reports API family, preset with its name ({@code google-reports}) and a conservative 10
   * requests a second: the Reports API's limits page ("Limits and quotas") publishes no figure and
   * answers an exceeded quota with 503 or 429, which the family retries with backoff. Change it,
   * build, and give it to {@link Builder#reportsApi}.
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder reportsApi() {
    return ApiFamily.builder(FAMILY).requestsPerSecond(10);
  }

  /** A builder; credentials (as for {@link GoogleDirectorySource}) and the admin are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "google-reports";
  }

  @Override
  public Duration overlap() {
    return overlap;
  }

  /**
   * Reads both applications' events in {@code [from - overlap, to)}, every page.
   *
   * @throws FeedGapException if the window starts before Google's retention, or an event changed
   *     the directory without naming what
   */
  @Override
  public DirectoryChanges changes(Instant from, Instant to) {
    Instant start = from.minus(overlap);
    Instant oldest = clock.instant().minus(RETENTION);
    if (start.isBefore(oldest)) {
      throw new FeedGapException(
          "Google keeps audit events for 180 days; the window from "
              + start
              + " reaches back further");
    }
    if (!start.isBefore(to)) {
      return DirectoryChanges.none();
    }
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (String application : APPLICATIONS) {
      String token = null;
      do {
        ReportsApi.Page page = page(application, start, to, token);
        if (page.items != null) {
          for (ReportsApi.Item a : page.items) {
            AuditEvents.collect(a, users, groups);
          }
        }
        token = page.nextPageToken;
      } while (token != null && !token.isEmpty());
    }
    return new DirectoryChanges(users, groups);
  }

  private ReportsApi.Page page(
      String application, Instant start, Instant end, @Nullable String pageToken) {
    String what = "activities.list " + application + " [" + start + ", " + end + ")";
    return family.call(
        "activities.list",
        what,
        () -> {
          try {
            return reports.list(
                application, start.toString(), end.toString(), PAGE, pageToken, customerId);
          } catch (IOException e) {
            throw GoogleErrors.translate(what, e);
          }
        });
  }

  /** Calls made so far: {@code google-reports.activities.list}. */
  @Override
  public Map<String, Long> apiCalls() {
    return family.calls();
  }

  /**
   * Builds a {@link GoogleReportsChangeFeed}; {@link #build()} reports every bad setting at once.
   */
  public static final class Builder extends GoogleAccess<Builder> {
    private @Nullable HttpRequestFactory requests;
    private @Nullable ApiFamily reportsApi;
    private Duration overlap = DEFAULT_OVERLAP;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param requests a ready request factory of the Google HTTP client, which brings its own
     *     transport and credentials (the root URL is still {@link #rootUrl})
     * @return this builder
     */
    public Builder requestFactory(HttpRequestFactory requests) {
      this.requests = requests;
      return this;
    }

    /**
     * @param reportsApi quota, retries and counting, built from {@link
     *     GoogleReportsChangeFeed#reportsApi()}
     * @return this builder
     */
    public Builder reportsApi(ApiFamily reportsApi) {
      this.reportsApi = reportsApi;
      return this;
    }

    /**
     * @param overlap how far before each window's start to read again (default {@link
     *     GoogleReportsChangeFeed#DEFAULT_OVERLAP})
     * @return this builder
     */
    public Builder overlap(Duration overlap) {
      this.overlap = overlap;
      return this;
    }

    /**
     * @param clock what the retention is measured against (default the system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @return the feed
     * @throws ConfigurationException naming every bad setting
     */
    public GoogleReportsChangeFeed build() {
      List<String> problems = new ArrayList<>();
      boolean resolve = connection.check(requests != null, "requestFactory", problems);
      if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
        problems.add("overlap \"" + overlap + "\": must be between 0 and 7 days");
      }
      if (customerId != null && customerId.isBlank()) {
        problems.add("customerId: must not be empty");
      }
      if (reportsApi != null && !reportsApi.name().equals(FAMILY)) {
        problems.add(
            "reportsApi: the family is named \""
                + reportsApi.name()
                + "\", not \""
                + FAMILY
                + "\"; build it from GoogleReportsChangeFeed.reportsApi()");
      }
      String root = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
      GoogleConnection.checkRoot("rootUrl", root, "https://admin.googleapis.com/", problems);
      GoogleCredentials resolved = resolve ? connection.resolve(SCOPES, problems) : null;
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      HttpRequestFactory factory =
          requests != null
              ? requests
              : new NetHttpTransport().createRequestFactory(connection.initializer(resolved));
      return new GoogleReportsChangeFeed(
          new ReportsApi(factory, root),
          reportsApi != null ? reportsApi : GoogleReportsChangeFeed.reportsApi().build(),
          overlap,
          clock,
          customerId);
    }
  }
}
