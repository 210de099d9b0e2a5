package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Google's identity services as the emulator plays them: the OAuth token endpoint, the Security
 * Token Service (Workload Identity Federation) and the IAM Service Account Credentials API, with
 * the Compute Engine metadata server ({@code MetadataServer}), with the state they share: the VM's
 * service account, service-account keys, workload identity pool providers, the AWS principals whose
 * signed requests are accepted, users' refresh tokens, Token Creator grants, and the access tokens
 * issued (each with its principal, delegated subject, scopes and expiry).
 *
 * <p>Configure it through {@link GoogleDirectoryEmulator#auth()}. Nothing here is a real secret:
 * keys and tokens are made at run time.
 */
public final class GoogleAuth {
  /** The scope IAM Credentials and STS tokens carry. */
  public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Temporary AWS credentials of an assumed role, as STS {@code AssumeRole} (or Lambda) hands them
   * out; {@link #toString()} hides the secret and the session token.
   *
   * @param accessKeyId the access key id ({@code ASIA...}: temporary)
   * @param secretAccessKey the secret key
   * @param sessionToken the session token that must travel with every signed request
   * @param roleArn the role assumed, {@code arn:aws:iam::ACCOUNT:role/NAME}
   * @param assumedRoleArn the session's identity, {@code
   *     arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}
   */
  public record AwsTemporaryCredentials(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      String roleArn,
      String assumedRoleArn) {
    @Override
    public String toString() {
      return "AwsTemporaryCredentials[" + accessKeyId + ", " + assumedRoleArn + "]";
    }
  }

  /** A workload identity pool provider of type AWS. */
  record PoolProvider(String audience, String projectNumber, String pool, String awsAccountId) {
    String poolResource() {
      return "//iam.googleapis.com/projects/"
          + projectNumber
          + "/locations/global/workloadIdentityPools/"
          + pool;
    }
  }

  /** An AWS principal whose signed requests AWS STS would accept. */
  record AwsPrincipal(String secretAccessKey, @Nullable String sessionToken, String arn) {}

  /**
   * An access token the emulator issued.
   *
   * @param members the IAM members it acts as ({@code serviceAccount:...}, {@code user:...}, {@code
   *     principal://...}, {@code principalSet://...})
   * @param subject the Workspace user it is delegated to (domain-wide delegation), or null
   * @param scopes its scopes
   * @param expiry when it stops working
   */
  record Issued(
      Set<String> members, @Nullable String subject, Set<String> scopes, Instant expiry) {}

  /** The service account attached to the emulated VM, and the VM's access scopes. */
  record ComputeEngineAccount(String email, List<String> accessScopes) {}

  private final Supplier<URI> base;
  private final Supplier<URI> httpsBase;
  private volatile @Nullable ComputeEngineAccount computeEngine;

  /**
   * System-managed keys by service account, shared by the emulators of this JVM: making an RSA key
   * costs up to a second, and nothing here is secret.
   */
  private static final Map<String, KeyPair> SYSTEM_KEYS = new ConcurrentHashMap<>();

  private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
  private final Map<String, String> keyOwners = new ConcurrentHashMap<>();
  private final Map<String, PoolProvider> providers = new ConcurrentHashMap<>();
  private final Map<String, AwsPrincipal> awsPrincipals = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final Set<String> grants = ConcurrentHashMap.newKeySet();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger oauthTokens = new AtomicInteger();
  private final AtomicInteger expiredRefusals = new AtomicInteger();
  final Set<String> refusedScopes = ConcurrentHashMap.newKeySet();
  volatile boolean refuseDelegation;
  private volatile Duration lifetime = Duration.ofSeconds(3600);
  private volatile Clock clock = Clock.systemUTC();

  GoogleAuth(Supplier<URI> base, Supplier<URI> httpsBase) {
    this.base = base;
    this.httpsBase = httpsBase;
  }

  // ------------------------------------------------------------------ configuration

  /**
   * @param lifetime how long every access token issued from now on lives (default one hour, as
   *     Google's); a request with an expired token is refused with 401
   * @return this
   */
  public GoogleAuth accessTokenLifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  /**
   * @param clock the clock tokens expire by, and JWT and AWS signature times are checked against
   * @return this
   */
  public GoogleAuth clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Attaches a service account to the emulated Compute Engine VM, whose metadata server ({@link
   * #metadataUri()}) then hands out its access tokens, as {@code gcloud compute instances create
   * --service-account EMAIL --scopes ...} does. The tokens act as {@code serviceAccount:EMAIL}: to
   * sign as another account, grant it {@link #grantTokenCreator} there.
   *
   * @param email the service account's email
   * @param accessScopes the VM's access scopes (Google's default for new VMs in the console is
   *     narrower; IAM Credentials needs {@link #CLOUD_PLATFORM})
   * @return this
   */
  public GoogleAuth computeEngineServiceAccount(String email, String... accessScopes) {
    this.computeEngine = new ComputeEngineAccount(email, List.of(accessScopes));
    return this;
  }

  /**
   * Creates a workload identity pool with an AWS provider, as {@code gcloud iam
   * workload-identity-pools providers create-aws --account-id ...} does.
   *
   * @param projectNumber the Google Cloud project number
   * @param pool the pool id
   * @param provider the provider id
   * @param awsAccountId the AWS account whose identities the provider accepts
   * @return the provider's audience, {@code
   *     //iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/providers/R}
   */
  public String workloadIdentityProvider(
      String projectNumber, String pool, String provider, String awsAccountId) {
    PoolProvider p =
        new PoolProvider(
            "//iam.googleapis.com/projects/"
                + projectNumber
                + "/locations/global/workloadIdentityPools/"
                + pool
                + "/providers/"
                + provider,
            projectNumber,
            pool,
            awsAccountId);
    providers.put(p.audience(), p);
    return p.audience();
  }

  /**
   * Makes temporary credentials of an assumed AWS role, which the emulated AWS STS accepts.
   *
   * @param awsAccountId the account
   * @param role the role name
   * @param session the session name
   * @return the credentials
   */
  public AwsTemporaryCredentials assumeAwsRole(String awsAccountId, String role, String session) {
    String keyId = "ASIA" + random(8).toUpperCase(Locale.ROOT);
    AwsTemporaryCredentials c =
        new AwsTemporaryCredentials(
            keyId,
            random(20),
            "IQoJb3JpZ2luX2VjE" + random(40),
            "arn:aws:iam::" + awsAccountId + ":role/" + role,
            "arn:aws:sts::" + awsAccountId + ":assumed-role/" + role + "/" + session);
    awsPrincipals.put(
        keyId, new AwsPrincipal(c.secretAccessKey(), c.sessionToken(), c.assumedRoleArn()));
    return c;
  }

  /**
   * The IAM member that names every session of an AWS role federated through a pool, the {@code
   * attribute.aws_role} of Google's default AWS attribute mapping ("Configure Workload Identity
   * Federation with AWS": {@code
   * principalSet://.../attribute.aws_role/arn:aws:sts::ACCOUNT:assumed-role/ROLE}).
   *
   * @param audience the provider's audience
   * @param awsAccountId the account
   * @param role the role name
   * @return the member, to give to {@link #grantTokenCreator}
   */
  public String federatedRole(String audience, String awsAccountId, String role) {
    PoolProvider p = providers.get(audience);
    if (p == null) {
      throw new IllegalArgumentException("no such provider: " + audience);
    }
    return "principalSet:"
        + p.poolResource()
        + "/attribute.aws_role/arn:aws:sts::"
        + awsAccountId
        + ":assumed-role/"
        + role;
  }

  /**
   * Grants {@code roles/iam.serviceAccountTokenCreator} on a service account, which carries {@code
   * iam.serviceAccounts.signJwt} and {@code iam.serviceAccounts.getAccessToken}.
   *
   * @param member {@code user:EMAIL}, {@code serviceAccount:EMAIL}, or a federated {@code
   *     principalSet://...} ({@link #federatedRole})
   * @param serviceAccount the service account's email
   * @return this
   */
  public GoogleAuth grantTokenCreator(String member, String serviceAccount) {
    grants.add(member + "|" + serviceAccount.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * @param member as for {@link #grantTokenCreator}
   * @param serviceAccount the service account's email
   * @return this
   */
  public GoogleAuth revokeTokenCreator(String member, String serviceAccount) {
    grants.remove(member + "|" + serviceAccount.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * A user's Application Default Credentials file, as {@code gcloud auth application-default login}
   * writes it, with its {@code token_uri} at this emulator; its refresh token grants cloud-platform
   * access tokens for the user.
   *
   * @param userEmail the user
   * @return the file's JSON
   */
  public String authorizedUserJson(String userEmail) {
    String refresh = "1//emulated-" + random(24);
    refreshTokens.put(refresh, userEmail);
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "authorized_user");
    json.put("client_id", "764086051850-emulated.apps.googleusercontent.com");
    json.put("client_secret", "d-emulated-" + random(6));
    json.put("refresh_token", refresh);
    json.put("token_uri", tokenUri().toString());
    return json.toPrettyString();
  }

  /**
   * A Workload Identity Federation credential configuration for AWS, as {@code gcloud iam
   * workload-identity-pools create-cred-config ... --aws} writes it, with the STS and IAM
   * Credentials URLs at this emulator. The regional verification URL stays AWS's: it is only
   * signed, never called by the client.
   *
   * @param audience the provider's audience
   * @param impersonate the service account to impersonate, or null for direct resource access
   * @return the file's JSON
   */
  public String awsCredentialConfigJson(String audience, @Nullable String impersonate) {
    ObjectNode json = JSON.createObjectNode();
    json.put("universe_domain", "googleapis.com");
    json.put("type", "external_account");
    json.put("audience", audience);
    json.put("subject_token_type", "urn:ietf:params:aws:token-type:aws4_request");
    json.put("token_url", stsUri().toString());
    ObjectNode source = json.putObject("credential_source");
    source.put("environment_id", "aws1");
    source.put("region_url", "http://169.254.169.254/latest/meta-data/placement/availability-zone");
    source.put("url", "http://169.254.169.254/latest/meta-data/iam/security-credentials");
    source.put(
        "regional_cred_verification_url",
        "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15");
    if (impersonate != null) {
      json.put("service_account_impersonation_url", generateAccessTokenUri(impersonate).toString());
    }
    return json.toPrettyString();
  }

  /**
   * The metadata server's root, {@code http://metadata.google.internal}'s stand-in (plain http, as
   * Google's); its host and port are what {@code GCE_METADATA_HOST} would name.
   */
  public URI metadataUri() {
    return base.get();
  }

  /** The OAuth token endpoint, {@code oauth2.googleapis.com/token}'s stand-in. */
  public URI tokenUri() {
    return URI.create(base.get() + "/token");
  }

  /**
   * The Security Token Service's token exchange, {@code sts.googleapis.com/v1/token}'s; https,
   * because google-auth refuses any other token URL for federation (trust it with {@link
   * GoogleDirectoryEmulator#clientSslContext()} or {@link
   * GoogleDirectoryEmulator#trustInThisJvm()}).
   */
  public URI stsUri() {
    return URI.create(httpsBase.get() + "/v1/token");
  }

  /** The IAM Service Account Credentials API root, {@code iamcredentials.googleapis.com}'s. */
  public URI iamCredentialsUri() {
    return URI.create(base.get() + "/");
  }

  /**
   * @param serviceAccount an email
   * @return its {@code generateAccessToken} URL, https as {@link #stsUri()}
   */
  public URI generateAccessTokenUri(String serviceAccount) {
    return URI.create(
        httpsBase.get()
            + "/v1/projects/-/serviceAccounts/"
            + serviceAccount
            + ":generateAccessToken");
  }

  /** Access tokens the OAuth token endpoint has issued. */
  public int tokensIssued() {
    return oauthTokens.get();
  }

  /** Requests refused because their access token had expired. */
  public int expiredTokensRefused() {
    return expiredRefusals.get();
  }

  // ------------------------------------------------------------------ for the endpoints

  Instant now() {
    return clock.instant();
  }

  @Nullable ComputeEngineAccount computeEngineAccount() {
    return computeEngine;
  }

  @Nullable PoolProvider provider(String audience) {
    return providers.get(audience);
  }

  @Nullable AwsPrincipal awsPrincipal(String accessKeyId) {
    return awsPrincipals.get(accessKeyId);
  }

  @Nullable String refreshTokenUser(String refreshToken) {
    return refreshTokens.get(refreshToken);
  }

  boolean mayCreateTokens(Set<String> members, String serviceAccount) {
    String sa = serviceAccount.toLowerCase(Locale.ROOT);
    return members.stream().anyMatch(m -> grants.contains(m + "|" + sa));
  }

  /** Registers the public half of a key a key file carries. */
  void registerKey(String keyId, String serviceAccount, PublicKey key) {
    publicKeys.put(keyId, key);
    keyOwners.put(keyId, serviceAccount.toLowerCase(Locale.ROOT));
  }

  /** The key Google manages for a service account (signJwt signs with it), made on first use. */
  KeyPair systemKey(String serviceAccount) {
    String sa = serviceAccount.toLowerCase(Locale.ROOT);
    KeyPair pair = SYSTEM_KEYS.computeIfAbsent(sa, k -> rsa());
    registerKey(systemKeyId(sa), sa, pair.getPublic());
    return pair;
  }

  static String systemKeyId(String serviceAccount) {
    return HexFormat.of()
            .formatHex(serviceAccount.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .substring(0, 16)
        + "system";
  }

  /** The public key with this id, if it belongs to this service account. */
  @Nullable PublicKey publicKey(String keyId, String serviceAccount) {
    String owner = keyOwners.get(keyId);
    return owner != null && owner.equals(serviceAccount.toLowerCase(Locale.ROOT))
        ? publicKeys.get(keyId)
        : null;
  }

  /** Issues an access token. */
  String issue(Set<String> members, @Nullable String subject, Set<String> scopes, boolean oauth) {
    return issue(members, subject, scopes, oauth, lifetime);
  }

  /** Issues an access token that lives {@code life}. */
  String issue(
      Set<String> members,
      @Nullable String subject,
      Set<String> scopes,
      boolean oauth,
      Duration life) {
    String token = "ya29.emulated-" + random(16);
    tokens.put(
        token, new Issued(Set.copyOf(members), subject, Set.copyOf(scopes), now().plus(life)));
    if (oauth) {
      oauthTokens.incrementAndGet();
    }
    return token;
  }

  Duration lifetime() {
    return lifetime;
  }

  /**
   * The token an {@code Authorization: Bearer} header carries, or null when it is missing or
   * unknown; an expired token is counted and treated as unknown.
   */
  @Nullable Issued bearer(@Nullable String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    Issued issued = tokens.get(authorization.substring(7));
    if (issued == null) {
      return null;
    }
    if (!now().isBefore(issued.expiry())) {
      expiredRefusals.incrementAndGet();
      return null;
    }
    return issued;
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
