package io.github.ssosync.provider.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.DirectoryScopes;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.google.internal.DirectoryApi;
import io.github.ssosync.provider.google.internal.DirectoryReader;
import io.github.ssosync.provider.google.internal.GoogleConnection;
import io.github.ssosync.provider.google.internal.ModelMapping;
import io.github.ssosync.provider.google.internal.SelectionCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Google Workspace as a {@link DirectorySource}, read through the Admin SDK Directory API with
 * read-only scopes.
 *
 * <pre>{@code
 * DirectorySource google = GoogleDirectorySource.builder()
 *     .applicationDefaultCredentials()          // federated from AWS, metadata server, gcloud
 *     .serviceAccount("ssosync@my-project.iam.gserviceaccount.com")   // signs, keyless
 *     .delegatedAdmin("admin@example.com")      // domain-wide delegation
 *     .build();
 * }</pre>
 *
 * <p>Without a key the delegation is signed by the service account through the IAM Credentials API
 * ({@link DelegatedCredentials}); a key file ({@link Builder#serviceAccountKey}) signs it itself.
 *
 * <p>Every list is paged to the end at the API's largest page (500 users, 200 groups, 200 members)
 * with partial responses; member lists are read in parallel; every call goes through the Directory
 * API's {@link ApiFamily} (2,400 queries a minute by default, the API's quota; see {@link
 * #directoryApi()}) and is retried with backoff on throttling (403 {@code
 * userRateLimitExceeded}/{@code quotaExceeded}, 429) and 5xx, which the Google client does not
 * retry itself. A read that still fails throws: it never returns part of the directory. The one
 * thing a read skips, with a warning in the snapshot naming it, is a member Google will not show: a
 * user or nested group of another organisation, for which Google answers 403 "Not Authorized to
 * access this resource/api" rather than 404.
 *
 * <p>Queries use Google's search syntax ({@link io.github.ssosync.query.UserQuery}, {@link
 * io.github.ssosync.query.GroupQuery}); one Google would refuse fails before any call. Because
 * Google's search index lags (up to 36 hours), {@link #stillSelected} confirms by id what a query
 * result left out before the engine removes it.
 */
public final class GoogleDirectorySource implements DirectorySource {
  /** The read-only scopes the service account needs, to authorise in the Admin console. */
  public static final List<String> SCOPES =
      List.of(
          DirectoryScopes.ADMIN_DIRECTORY_USER_READONLY,
          DirectoryScopes.ADMIN_DIRECTORY_GROUP_READONLY,
          DirectoryScopes.ADMIN_DIRECTORY_GROUP_MEMBER_READONLY);

  /** The name of the Directory API family, the prefix of its call counts. */
  private static final String FAMILY = "google";

  private final DirectoryReader reader;
  private final SelectionCheck selection;
  private final ApiFamily directoryApi;

  private GoogleDirectorySource(
      DirectoryReader reader, SelectionCheck selection, ApiFamily directoryApi) {
    this.reader = reader;
    this.selection = selection;
    this.directoryApi = directoryApi;
  }

  /**
   * The Admin SDK Directory API family, preset with its name ({@code google}) and quota: 2,400
   * queries a minute per user, i.e. 40 a second (Admin SDK Directory API limits and quotas). Change
   * the quota or the retry policy, build, and give it to {@link Builder#directoryApi(ApiFamily)}.
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder directoryApi() {
    return ApiFamily.builder(FAMILY).requestsPerSecond(40);
  }

  /** A builder; credentials (one of four ways) and the delegated admin are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public DirectorySnapshot read(DirectoryQuery query) {
    return reader.read(query);
  }

  /**
   * Reads incrementally: the users and groups {@code changes} names are read again by key ({@code
   * users.get} and {@code groups.get}, in parallel, with the same fields and projection as a full
   * read), with the member lists of the named groups; the rest is taken from {@code previous} (see
   * {@link io.github.ssosync.directory.Selection#readChanged}).
   */
  @Override
  public DirectorySnapshot readChanged(
      DirectoryQuery query,
      DirectorySnapshot previous,
      io.github.ssosync.feed.DirectoryChanges changes) {
    return io.github.ssosync.directory.Selection.readChanged(
        query, previous, changes, reader.lookup(query));
  }

  /**
   * Confirms, one {@code users.get} or {@code groups.get} per candidate at the API's rate, which of
   * the users and groups a query result left out still exist and still match the query (evaluated
   * on the object read by id, with the same rules as Google's search). 404, and 403 for an object
   * of another organisation, mean gone; any other failure after retries throws, so that the engine
   * removes nothing.
   *
   * <p>Only what a search could have missed is looked up. Users are looked up only when the user
   * queries are real searches: with no user query, or with {@code *} (a list without a query, which
   * the index does not serve), every user id given is returned as not selected, including users
   * selected as members of a selected group, whose member lists are read directly. Likewise groups
   * with no group query or {@code *}. A group selected by {@code memberKey=} is confirmed with
   * {@code members.hasMember}; an archived user is never selected.
   */
  @Override
  public Set<String> stillSelected(
      DirectoryQuery query, Set<String> userIds, Set<String> groupIds) {
    return selection.stillSelected(query, userIds, groupIds);
  }

  /**
   * Calls made so far: {@code google.users.list}, {@code google.groups.list}, {@code
   * google.members.list}, {@code google.users.get}, {@code google.groups.get}, {@code
   * google.members.hasMember}.
   */
  @Override
  public Map<String, Long> apiCalls() {
    return directoryApi.calls();
  }

  /** Throttled calls so far, counted as in {@link #apiCalls()}. */
  @Override
  public Map<String, Long> apiThrottles() {
    return directoryApi.throttles();
  }

  /** Users and groups listed, and member lists read to their end, so far. */
  @Override
  public io.github.ssosync.provider.ReadCounts readCounts() {
    return reader.readCounts();
  }

  /** Builds a {@link GoogleDirectorySource}; {@link #build()} reports every bad setting at once. */
  public static final class Builder extends GoogleAccess<Builder> {
    private @Nullable Directory directory;
    private @Nullable String domain;
    private @Nullable ApiFamily directoryApi;
    private int concurrency = 8;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param directory a ready Directory client, which brings its own credentials and root URL
     * @return this builder
     */
    public Builder directory(Directory directory) {
      this.directory = directory;
      return this;
    }

    /**
     * @param domain read only this domain instead of the whole customer
     * @return this builder
     */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /**
     * @param directoryApi the Directory API's quota, retry policy and call counting, built from
     *     {@link GoogleDirectorySource#directoryApi()} (default: that preset as it is, 40 calls a
     *     second and {@link io.github.ssosync.provider.RetryPolicy#defaults()})
     * @return this builder
     */
    public Builder directoryApi(ApiFamily directoryApi) {
      this.directoryApi = directoryApi;
      return this;
    }

    /**
     * @param concurrency how many member lists are read at once (default 8)
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * @return the source
     * @throws ConfigurationException naming every bad setting
     */
    public GoogleDirectorySource build() {
      List<String> problems = new ArrayList<>();
      boolean resolve = connection.check(directory != null, "directory", problems);
      if (customerId != null && domain != null) {
        problems.add("customerId and domain: set one, not both");
      }
      if (customerId != null && customerId.isBlank()) {
        problems.add("customerId: must not be empty");
      }
      if (directoryApi != null && !directoryApi.name().equals(FAMILY)) {
        problems.add(
            "directoryApi: the family is named \""
                + directoryApi.name()
                + "\", not \""
                + FAMILY
                + "\"; build it from GoogleDirectorySource.directoryApi()");
      }
      if (concurrency < 1 || concurrency > 64) {
        problems.add("concurrency \"" + concurrency + "\": must be between 1 and 64");
      }
      String root = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
      GoogleConnection.checkRoot("rootUrl", root, "https://admin.googleapis.com/", problems);
      GoogleCredentials resolved = null;
      if (resolve) {
        resolved = connection.resolve(SCOPES, problems);
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      Directory client = directory != null ? directory : client(root, resolved);
      ApiFamily family =
          directoryApi != null ? directoryApi : GoogleDirectorySource.directoryApi().build();
      DirectoryApi api =
          new DirectoryApi(
              client,
              domain == null ? (customerId == null ? "my_customer" : customerId) : null,
              domain,
              family);
      // Domains known to be ours before any read: a 403 about an object at one of them is a
      // missing privilege, never "another organisation's".
      Set<String> ownDomains = new HashSet<>();
      if (domain != null) {
        ownDomains.add(ModelMapping.domainOf("@" + domain));
      }
      String admin = connection.delegatedAdmin;
      if (admin != null && admin.contains("@")) {
        ownDomains.add(ModelMapping.domainOf(admin));
      }
      return new GoogleDirectorySource(
          new DirectoryReader(api, ownDomains, concurrency),
          new SelectionCheck(api, concurrency),
          family);
    }

    private Directory client(String root, @Nullable GoogleCredentials resolved) {
      HttpRequestInitializer initializer = connection.initializer(resolved);
      return new Directory.Builder(
              new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
          .setRootUrl(root)
          .setApplicationName("ssosync-java")
          .build();
    }
  }
}
