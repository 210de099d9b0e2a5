package io.github.ssosync.provider.aws;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.Secret;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.aws.internal.AwsClients;
import io.github.ssosync.provider.aws.internal.AwsErrors;
import io.github.ssosync.provider.aws.internal.ChangeWriter;
import io.github.ssosync.provider.aws.internal.IdentityCenterLimits;
import io.github.ssosync.provider.aws.internal.IdentityStoreApi;
import io.github.ssosync.provider.aws.internal.IdentityStoreReader;
import io.github.ssosync.provider.aws.internal.IdentityStoreUserAttributes;
import io.github.ssosync.provider.aws.internal.IdentityStoreWriter;
import io.github.ssosync.provider.aws.internal.RunTag;
import io.github.ssosync.provider.aws.internal.ScimClient;
import io.github.ssosync.provider.aws.internal.ScimWriter;
import io.github.ssosync.provider.aws.internal.UserAddresses;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetRefresh;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClientBuilder;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;

/**
 * AWS IAM Identity Center as an {@link IdentityTarget}.
 *
 * <pre>{@code
 * IdentityTarget aws = IdentityCenterTarget.builder()
 *     .region("eu-west-1")                                  // identity store id discovered
 *     .scimEndpoint(URI.create("https://scim.eu-west-1.amazonaws.com/abc/scim/v2/"))
 *     .scimToken(Secret.of(token))
 *     .build();
 * }</pre>
 *
 * <p>Reads go through the Identity Store API: every user and group, and the memberships of the
 * groups a plan can touch only, paged at 100. Writes go through SCIM by default ({@link
 * WriteMode#SCIM}: anchors and disabling; memberships as PATCHes of up to 100; new groups with up
 * to 100 members inline) or the Identity Store API ({@link WriteMode#IDENTITY_STORE}). Each API
 * family ({@link #identityStoreApi()}, {@link #scimApi()}) has its own quota (20 requests a second
 * by default, the documented quota) and retries throttling and 5xx with backoff, honouring {@code
 * Retry-After}; the AWS SDK's own retries are turned off so that they do not multiply ours. A
 * delete of something already gone, or adding a membership that exists, counts as done; a 409 on a
 * create is reported with the object holding the name ({@link
 * io.github.ssosync.targets.ChangeResult#nameTaken}), and the engine takes that object only when
 * the capabilities say it is ours: in SCIM mode when it carries our anchor, in Identity Store mode
 * when its name is exactly the one asked for.
 *
 * <p>Mapped user attributes: SCIM mode writes every attribute IAM Identity Center keeps, the
 * enterprise extension's too (read back through ListUsers with the {@code
 * aws:identitystore:enterprise} extension, in the same calls); Identity Store mode writes all but
 * the enterprise extension's, which UpdateUser cannot address. A user's one address is written
 * whole, its unmapped parts as last read kept; creates carry every mapped attribute, so mapping
 * costs no extra call.
 */
public final class IdentityCenterTarget implements IdentityTarget {
  /** IAM Identity Center's SCIM endpoint takes at most 100 members in a group create. */
  private static final int SCIM_INLINE_MEMBERS = 100;

  private static final String IDENTITY_STORE_FAMILY = "identitystore";
  private static final String SCIM_FAMILY = "scim";

  /** The values IAM Identity Center accepts (see {@link IdentityCenterLimits} for the sources). */
  private static final AttributeLimits LIMITS = IdentityCenterLimits.LIMITS;

  private final IdentityStoreApi identityStore;
  private final IdentityStoreReader reader;
  private final ChangeWriter writer;
  private final @Nullable ScimClient scim;
  private final TargetCapabilities capabilities;
  private final List<ApiFamily> families;
  private final boolean ownsClient;
  private final @Nullable RunTag runTag;
  private volatile boolean verified;

  private IdentityCenterTarget(
      IdentityStoreApi identityStore,
      IdentityStoreReader reader,
      ChangeWriter writer,
      @Nullable ScimClient scim,
      TargetCapabilities capabilities,
      List<ApiFamily> families,
      boolean ownsClient,
      @Nullable RunTag runTag) {
    this.runTag = runTag;
    this.identityStore = identityStore;
    this.reader = reader;
    this.writer = writer;
    this.scim = scim;
    this.capabilities = capabilities;
    this.families = families;
    this.ownsClient = ownsClient;
  }

  /** A builder; a region (or a ready client) is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Identity Store API family, preset with its name ({@code identitystore}) and quota: 20
   * requests a second for all Identity Store APIs of an account (IAM Identity Center quotas,
   * "Identity Store API throttle limits"). Change the quota or the retry policy, build, and give it
   * to {@link Builder#identityStoreApi(ApiFamily)}.
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder identityStoreApi() {
    return ApiFamily.builder(IDENTITY_STORE_FAMILY).requestsPerSecond(20);
  }

  /**
   * The SCIM API family, preset with its name ({@code scim}) and quota: 20 requests a second (IAM
   * Identity Center SCIM implementation guide, "Constraints"). Change the quota or the retry
   * policy, build, and give it to {@link Builder#scimApi(ApiFamily)}.
   *
   * @return a builder of the family
   */
  public static ApiFamily.Builder scimApi() {
    return ApiFamily.builder(SCIM_FAMILY).requestsPerSecond(20);
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Reads the store. The first read of a SCIM-mode target also checks, with one SCIM call, that the
   * endpoint is SCIM and accepts the token, so that such mistakes stop the run before any write.
   */
  @Override
  public TargetSnapshot read(TargetScope scope) {
    verify();
    return reader.read(scope, capabilities);
  }

  /**
   * Reads again only what changed: users with DescribeUser, groups with DescribeGroup (an id the
   * store no longer knows is a deletion), and the member lists of changed groups with
   * ListGroupMemberships, mapped exactly as {@link #read} maps them. Checks the SCIM endpoint and
   * token once, as {@link #read} does.
   */
  @Override
  public TargetSnapshot readChanged(
      TargetSnapshot previous, TargetChanges changes, TargetScope scope) {
    verify();
    return TargetRefresh.read(previous, changes, scope, reader);
  }

  /**
   * Tags every later write with {@code ssosync-run/<runId>} in its User-Agent, which CloudTrail
   * records: the Identity Store client through an SDK interceptor, SCIM through its header.
   *
   * @return true, unless the target was given a ready Identity Store client (its interceptors are
   *     the embedder's, so its calls cannot carry the tag)
   */
  @Override
  public boolean tagWrites(String runId) {
    if (runTag == null) {
      return false;
    }
    runTag.set(runId);
    return true;
  }

  private void verify() {
    if (!verified && scim != null) {
      scim.call("ListUsers", "check the SCIM endpoint and token", "GET", "Users?count=1", null);
      verified = true;
    }
  }

  @Override
  public List<ChangeResult> apply(List<Change> changes) {
    if (!changes.isEmpty() && changes.stream().allMatch(IdentityCenterTarget::membership)) {
      return writer.applyMemberships(changes);
    }
    List<ChangeResult> results = new ArrayList<>(changes.size());
    for (Change c : changes) {
      results.add(writer.apply(c));
    }
    return results;
  }

  /** Users, groups and member lists listed so far. */
  @Override
  public io.github.ssosync.provider.ReadCounts readCounts() {
    return reader.readCounts();
  }

  /** Calls made so far: {@code identitystore.<Operation>} and {@code scim.<Operation>}. */
  @Override
  public Map<String, Long> apiCalls() {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (ApiFamily f : families) {
      f.calls().forEach((k, v) -> out.merge(k, v, Long::sum));
    }
    return out;
  }

  /** Throttled calls so far, counted as in {@link #apiCalls()}. */
  @Override
  public Map<String, Long> apiThrottles() {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (ApiFamily f : families) {
      f.throttles().forEach((k, v) -> out.merge(k, v, Long::sum));
    }
    return out;
  }

  @Override
  public void close() {
    if (ownsClient) {
      identityStore.close();
    }
  }

  private static boolean membership(Change c) {
    return c.kind() == ChangeKind.ADD_MEMBERSHIP || c.kind() == ChangeKind.REMOVE_MEMBERSHIP;
  }

  /** Builds an {@link IdentityCenterTarget}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private @Nullable IdentitystoreClient client;
    private @Nullable String region;
    private @Nullable URI identityStoreEndpoint;
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private @Nullable String identityStoreId;
    private @Nullable SsoAdminClient ssoAdmin;
    private @Nullable URI ssoAdminEndpoint;
    private @Nullable URI scimEndpoint;
    private @Nullable Secret scimToken;
    private @Nullable WriteMode writeMode;
    private @Nullable ApiFamily identityStoreApi;
    private @Nullable ApiFamily scimApi;
    private @Nullable HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int concurrency = 4;
    private @Nullable String anchorIssuer;

    private Builder() {}

    /**
     * @param client a ready Identity Store client (its retry settings are the embedder's)
     * @return this builder
     */
    public Builder identityStoreClient(IdentitystoreClient client) {
      this.client = client;
      return this;
    }

    /**
     * @param region the region of the IAM Identity Center instance
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * @param endpoint an Identity Store endpoint (private endpoints, emulators); the SDK also
     *     honours {@code AWS_ENDPOINT_URL_IDENTITYSTORE} and {@code AWS_ENDPOINT_URL}
     * @return this builder
     */
    public Builder identityStoreEndpoint(URI endpoint) {
      this.identityStoreEndpoint = endpoint;
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
     * @param id the identity store id ({@code d-...}); found with SSO Admin {@code ListInstances}
     *     when not given
     * @return this builder
     */
    public Builder identityStoreId(String id) {
      this.identityStoreId = id;
      return this;
    }

    /**
     * @param client a ready SSO Admin client, for discovering the identity store id
     * @return this builder
     */
    public Builder ssoAdminClient(SsoAdminClient client) {
      this.ssoAdmin = client;
      return this;
    }

    /**
     * @param endpoint an SSO Admin endpoint, for discovery
     * @return this builder
     */
    public Builder ssoAdminEndpoint(URI endpoint) {
      this.ssoAdminEndpoint = endpoint;
      return this;
    }

    /**
     * @param endpoint the SCIM endpoint from the IAM Identity Center console, ending in {@code
     *     /scim/v2/}; plain http only for loopback hosts
     * @return this builder
     */
    public Builder scimEndpoint(URI endpoint) {
      this.scimEndpoint = endpoint;
      return this;
    }

    /**
     * @param token the SCIM bearer token
     * @return this builder
     */
    public Builder scimToken(Secret token) {
      this.scimToken = token;
      return this;
    }

    /**
     * @param mode how to write (default: SCIM, which needs {@link #scimEndpoint} and {@link
     *     #scimToken}); {@link WriteMode#IDENTITY_STORE} only when chosen here
     * @return this builder
     */
    public Builder writeMode(WriteMode mode) {
      this.writeMode = mode;
      return this;
    }

    /**
     * @param family the Identity Store API's quota, retry policy and call counting, built from
     *     {@link IdentityCenterTarget#identityStoreApi()} (default: that preset as it is)
     * @return this builder
     */
    public Builder identityStoreApi(ApiFamily family) {
      this.identityStoreApi = family;
      return this;
    }

    /**
     * @param family the SCIM API's quota, retry policy and call counting, built from {@link
     *     IdentityCenterTarget#scimApi()} (default: that preset as it is)
     * @return this builder
     */
    public Builder scimApi(ApiFamily family) {
      this.scimApi = family;
      return this;
    }

    /**
     * @param client the HTTP client for SCIM (default: a JDK client with the connect timeout)
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = client;
      return this;
    }

    /**
     * @param timeout connect timeout (default 10 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
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
     * @param concurrency how many membership lists are read at once (default 4)
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * @param issuer the issuer under which the store shows SCIM external ids; by default any issuer
     *     counts when the id equals the directory's id
     * @return this builder
     */
    public Builder anchorIssuer(String issuer) {
      this.anchorIssuer = issuer;
      return this;
    }

    /**
     * Validates, discovers the identity store id if needed, and builds.
     *
     * @return the target
     * @throws ConfigurationException naming every bad setting
     */
    public IdentityCenterTarget build() {
      List<String> problems = new ArrayList<>();
      WriteMode mode = writeMode(problems);
      if (scimEndpoint != null) {
        checkScimEndpoint(scimEndpoint, problems);
      }
      if (client == null && (region == null || region.isBlank())) {
        problems.add(
            "region: required (or give identityStoreClient); the region of the IAM Identity Center instance, e.g. eu-west-1");
      }
      checkFamily("identityStoreApi", identityStoreApi, IDENTITY_STORE_FAMILY, problems);
      checkFamily("scimApi", scimApi, SCIM_FAMILY, problems);
      if (identityStoreId != null
          && !identityStoreId.matches(
              "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|d-[0-9a-z]{4,}")) {
        problems.add(
            "identityStoreId \""
                + identityStoreId
                + "\": not an identity store id such as d-1234567890");
      }
      if (concurrency < 1 || concurrency > 64) {
        problems.add("concurrency \"" + concurrency + "\": must be between 1 and 64");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      boolean owns = client == null;
      // Only a client built here carries the run tag (an interceptor); a ready one is the
      // embedder's to configure.
      RunTag tag = new RunTag();
      IdentitystoreClient sdk = client != null ? client : identityStoreClient(tag);
      String storeId = identityStoreId != null ? identityStoreId : discover();
      ApiFamily storeFamily =
          identityStoreApi != null
              ? identityStoreApi
              : IdentityCenterTarget.identityStoreApi().build();
      IdentityStoreApi api = new IdentityStoreApi(sdk, storeId, storeFamily);
      // The reader records each user's address, so that writers replace it whole without losing
      // the parts the mapping does not own.
      UserAddresses addresses = new UserAddresses();
      if (mode == WriteMode.IDENTITY_STORE) {
        return new IdentityCenterTarget(
            api,
            new IdentityStoreReader(api, concurrency, false, addresses),
            new IdentityStoreWriter(api, addresses),
            null,
            TargetCapabilities.builder()
                .limits(LIMITS)
                .userAttributes(IdentityStoreUserAttributes.WRITES)
                .build(),
            List.of(storeFamily),
            owns,
            owns ? tag : null);
      }
      URI base =
          scimEndpoint.toString().endsWith("/") ? scimEndpoint : URI.create(scimEndpoint + "/");
      HttpClient http =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
      ApiFamily scimFamily = scimApi != null ? scimApi : IdentityCenterTarget.scimApi().build();
      ScimClient scim = new ScimClient(http, base, scimToken, scimFamily, readTimeout, tag);
      // SCIM writes every attribute, the enterprise extension's too: ask ListUsers for it.
      return new IdentityCenterTarget(
          api,
          new IdentityStoreReader(api, concurrency, true, addresses),
          new ScimWriter(scim, api, addresses),
          scim,
          scimCapabilities(anchorIssuer),
          List.of(storeFamily, scimFamily),
          owns,
          owns ? tag : null);
    }

    /** SCIM keeps anchors (under any issuer unless one is named) and can disable users. */
    private static TargetCapabilities scimCapabilities(@Nullable String issuer) {
      TargetCapabilities.Builder caps =
          TargetCapabilities.builder()
              .storesAnchors(true)
              .canDisableUsers(true)
              .maxMembersOnGroupCreate(SCIM_INLINE_MEMBERS)
              .limits(LIMITS)
              .allUserAttributes();
      if (issuer != null) {
        caps.anchorIssuer(issuer);
      }
      return caps.build();
    }

    /** A family is the one its setting names, so that counts and quotas go where they belong. */
    private static void checkFamily(
        String setting, @Nullable ApiFamily family, String name, List<String> problems) {
      if (family != null && !family.name().equals(name)) {
        problems.add(
            setting
                + ": the family is named \""
                + family.name()
                + "\", not \""
                + name
                + "\"; build it from IdentityCenterTarget."
                + setting
                + "()");
      }
    }

    /**
     * SCIM needs both the endpoint and the token; one without the other is a mistake (a token
     * secret that failed to load, say), never a reason to fall back to the Identity Store API,
     * which cannot anchor or disable. The Identity Store write mode is used only when asked for.
     */
    private @Nullable WriteMode writeMode(List<String> problems) {
      if (scimEndpoint != null && scimToken == null) {
        problems.add(
            "scimEndpoint is set but scimToken is not: SCIM writes need both (ssosync's --endpoint"
                + " and --access-token); give the token, or drop the endpoint and choose"
                + " writeMode(IDENTITY_STORE)");
      } else if (scimEndpoint == null && scimToken != null) {
        problems.add(
            "scimToken is set but scimEndpoint is not: SCIM writes need both (ssosync's"
                + " --access-token and --endpoint); give the endpoint from the IAM Identity Center"
                + " console");
      } else if (scimEndpoint == null && writeMode != WriteMode.IDENTITY_STORE) {
        problems.add(
            "scimEndpoint and scimToken are not set: give both to write through SCIM (anchors,"
                + " disabling), or choose writeMode(IDENTITY_STORE) to write through the Identity"
                + " Store API (no anchors: renames become new objects; users cannot be disabled)");
      }
      return writeMode != null
          ? writeMode
          : (scimEndpoint != null && scimToken != null ? WriteMode.SCIM : null);
    }

    private IdentitystoreClient identityStoreClient(RunTag tag) {
      return AwsClients.configure(
              IdentitystoreClient.builder(),
              region,
              credentialsProvider,
              identityStoreEndpoint,
              readTimeout,
              tag.interceptor())
          .build();
    }

    private String discover() {
      SsoAdminClient admin = ssoAdmin;
      boolean own = admin == null;
      if (admin == null) {
        SsoAdminClientBuilder b =
            AwsClients.located(
                SsoAdminClient.builder(), region, credentialsProvider, ssoAdminEndpoint);
        admin = b.build();
      }
      try {
        List<InstanceMetadata> instances = admin.listInstances(r -> r.maxResults(10)).instances();
        if (instances.isEmpty()) {
          throw new ConfigurationException(
              "identityStoreId: not given, and no IAM Identity Center instance was found in "
                  + region);
        }
        if (instances.size() > 1) {
          throw new ConfigurationException(
              "identityStoreId: not given, and "
                  + instances.size()
                  + " IAM Identity Center instances were found; name one");
        }
        return instances.get(0).identityStoreId();
      } catch (SdkException e) {
        ProviderException p =
            AwsErrors.translate("discover the identity store (sso:ListInstances)", e);
        throw new ConfigurationException(
            "identityStoreId: not given, and discovery failed: " + p.getMessage(), p);
      } finally {
        if (own) {
          admin.close();
        }
      }
    }

    private static void checkScimEndpoint(URI uri, List<String> problems) {
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null) {
        problems.add(
            "scimEndpoint \""
                + uri
                + "\": not an absolute URL such as https://scim.eu-west-1.amazonaws.com/.../scim/v2/");
        return;
      }
      if (scheme.equals("http")) {
        boolean loopback;
        try {
          loopback = InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
          loopback = false;
        }
        if (!loopback) {
          problems.add(
              "scimEndpoint \""
                  + uri
                  + "\": must use https (plain http only for loopback test endpoints); the token would travel in clear");
        }
      } else if (!scheme.equals("https")) {
        problems.add("scimEndpoint \"" + uri + "\": must be an https URL");
      }
    }
  }
}
