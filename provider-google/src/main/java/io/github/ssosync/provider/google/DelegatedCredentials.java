package io.github.ssosync.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.provider.google.internal.AuthRefusal;
import io.github.ssosync.provider.google.internal.SourceRefusals;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Domain-wide delegation without a service-account key: credentials that act as a Workspace admin
 * through a service account whose key never leaves Google.
 *
 * <p>To refresh, the JWT a key would sign locally (Google, "Using OAuth 2.0 for Server to Server
 * Applications": {@code iss} the service account, {@code sub} the admin, {@code scope}, {@code aud}
 * {@code https://oauth2.googleapis.com/token}, {@code iat}, {@code exp} one hour later) is signed
 * by the IAM Service Account Credentials API ({@code projects/-/serviceAccounts/SA:signJwt}),
 * called with the source credentials, then exchanged at the token endpoint with the JWT-bearer
 * grant. The source is anything that may call {@code signJwt} on the account (it needs {@code
 * roles/iam.serviceAccountTokenCreator} there): Workload Identity Federation from AWS, Application
 * Default Credentials on Google Cloud, a user's credentials on a laptop, impersonated credentials.
 * google-auth's refresh machinery decides when: a new token is fetched in the background before the
 * current one expires, and in the foreground once it is about to.
 *
 * <pre>{@code
 * GoogleCredentials delegated = DelegatedCredentials.builder()
 *     .source(GoogleCredentials.getApplicationDefault())
 *     .serviceAccount("ssosync@my-project.iam.gserviceaccount.com")
 *     .delegatedAdmin("admin@example.com")
 *     .build();
 * }</pre>
 *
 * <p>{@link GoogleDirectorySource.Builder#serviceAccount(String)} builds one for the source's
 * credentials. Refusals say what to fix (a missing role, a wrong audience, delegation not
 * authorised in the Admin console) and never carry a token, key or signed request.
 */
public final class DelegatedCredentials extends GoogleCredentials {
  private static final long serialVersionUID = 1L;

  /** Google's token endpoint, also the {@code aud} of every assertion. */
  public static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  /** The IAM Service Account Credentials API's root. */
  public static final URI IAM_CREDENTIALS_ROOT =
      URI.create("https://iamcredentials.googleapis.com/");

  /** The scope the source needs to call {@code signJwt}. */
  static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** "exp: ... a maximum of 1 hour after the issued time" (Server to Server Applications). */
  private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

  private final GoogleCredentials source;
  private final String serviceAccount;
  private final String delegatedAdmin;
  private final List<String> scopes;
  private final URI tokenUri;
  private final URI iamRoot;
  private final transient HttpTransportFactory transport;

  private DelegatedCredentials(Builder b, GoogleCredentials source) {
    super(null, b.refreshMargin, b.refreshMargin.multipliedBy(5).dividedBy(6));
    this.source = source;
    this.serviceAccount = b.serviceAccount == null ? "" : b.serviceAccount;
    this.delegatedAdmin = b.delegatedAdmin == null ? "" : b.delegatedAdmin;
    this.scopes = List.copyOf(b.scopes);
    this.tokenUri = b.tokenUri;
    this.iamRoot = b.iamRoot;
    this.transport = b.transport;
  }

  /** A builder; the source, service account and admin are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The service account whose system-managed key signs the assertions. */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** The Workspace admin the tokens act for. */
  public String delegatedAdmin() {
    return delegatedAdmin;
  }

  @Override
  public AccessToken refreshAccessToken() throws IOException {
    return exchange(signJwt(claims(Instant.now())));
  }

  private String claims(Instant now) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", serviceAccount);
    claims.put("sub", delegatedAdmin);
    claims.put("scope", String.join(" ", scopes));
    claims.put("aud", GOOGLE_TOKEN_URI.toString());
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
    return claims.toString();
  }

  private String signJwt(String claims) throws IOException {
    GenericUrl url =
        new GenericUrl(
            iamRoot.resolve(
                "v1/projects/-/serviceAccounts/"
                    + URLEncoder.encode(serviceAccount, StandardCharsets.UTF_8)
                    + ":signJwt"));
    Map<String, List<String>> metadata;
    try {
      metadata = source.getRequestMetadata(url.toURI());
    } catch (IOException e) {
      throw SourceRefusals.classify(e, serviceAccount);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("payload", claims);
    HttpRequest request =
        transport
            .create()
            .createRequestFactory()
            .buildPostRequest(
                url, new ByteArrayContent("application/json", JSON.writeValueAsBytes(body)));
    HttpHeaders headers = request.getHeaders();
    metadata.forEach((name, values) -> headers.set(name, values));
    Answer answer = send(request);
    if (answer.status() == 403 || answer.status() == 401) {
      // A token without cloud-platform is refused with this reason (IAM Credentials reference,
      // "Authorization scopes"); on Compute Engine it is the VM's access scopes that lack it.
      boolean scope = answer.body().toString().contains("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
      throw new AuthRefusal(
          answer.status() == 401 ? Reason.UNAUTHENTICATED : Reason.PERMISSION_DENIED,
          "IAM Credentials signJwt on "
              + serviceAccount
              + " was refused ("
              + answer.status()
              + " "
              + answer.body().path("error").path("message").asText("")
              + (scope
                  ? "); the Google credentials' token lacks the cloud-platform scope: on Compute"
                      + " Engine give the VM the access scope cloud-platform (gcloud compute"
                      + " instances set-service-account VM --scopes cloud-platform)"
                  : "); grant the identity of the Google credentials"
                      + " roles/iam.serviceAccountTokenCreator on "
                      + serviceAccount));
    }
    if (answer.status() != 200 || !answer.body().hasNonNull("signedJwt")) {
      throw new IOException(
          "IAM Credentials signJwt on "
              + serviceAccount
              + " failed: HTTP "
              + answer.status()
              + " "
              + answer.body().path("error").path("message").asText(""));
    }
    return answer.body().get("signedJwt").asText();
  }

  private AccessToken exchange(String assertion) throws IOException {
    UrlEncodedContent form =
        new UrlEncodedContent(Map.of("grant_type", JWT_BEARER, "assertion", assertion));
    HttpRequest request =
        transport.create().createRequestFactory().buildPostRequest(new GenericUrl(tokenUri), form);
    Answer answer = send(request);
    String error = answer.body().path("error").asText("");
    String description = answer.body().path("error_description").asText("");
    // Google's token endpoint answers 401 only with unauthorized_client; the JDK may hide the body.
    if (error.equals("unauthorized_client") || (answer.status() == 401 && error.isEmpty())) {
      throw new AuthRefusal(
          Reason.PERMISSION_DENIED,
          "Google refused domain-wide delegation to "
              + delegatedAdmin
              + " (unauthorized_client); in the Admin console (Security, API controls, Domain-wide"
              + " delegation) authorise the client id of "
              + serviceAccount
              + " for "
              + String.join(",", scopes));
    }
    if (error.equals("invalid_grant")) {
      throw new AuthRefusal(
          Reason.PERMISSION_DENIED,
          "Google refused the signed assertion for "
              + delegatedAdmin
              + " (invalid_grant: "
              + description
              + "); the delegated admin must be an existing Workspace admin of the domain");
    }
    if (answer.status() != 200 || !answer.body().hasNonNull("access_token")) {
      throw new IOException(
          "token endpoint: HTTP " + answer.status() + (error.isEmpty() ? "" : " " + error));
    }
    long seconds = answer.body().path("expires_in").asLong(3600);
    return new AccessToken(
        answer.body().get("access_token").asText(),
        java.util.Date.from(Instant.now().plusSeconds(seconds)));
  }

  /** A status and a JSON body (empty when the body is not JSON). */
  private record Answer(int status, JsonNode body) {}

  private static Answer send(HttpRequest request) throws IOException {
    request.setThrowExceptionOnExecuteError(false);
    HttpResponse response = request.execute();
    try {
      JsonNode body;
      try {
        // The JDK hides the body of a 401 to a streamed POST (HttpRetryException): empty then.
        java.io.InputStream content = response.getContent();
        body = content == null ? null : JSON.readTree(content);
      } catch (IOException e) {
        body = null;
      }
      return new Answer(response.getStatusCode(), body == null ? JSON.createObjectNode() : body);
    } finally {
      response.disconnect();
    }
  }

  @Override
  public boolean createScopedRequired() {
    return false;
  }

  @Override
  public GoogleCredentials.Builder toBuilder() {
    throw new UnsupportedOperationException("build a new DelegatedCredentials instead");
  }

  /** Names the account and admin; never the token. */
  @Override
  public String toString() {
    return "DelegatedCredentials[serviceAccount="
        + serviceAccount
        + ", delegatedAdmin="
        + delegatedAdmin
        + "]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /** Builds {@link DelegatedCredentials}; {@link #build()} reports every bad setting at once. */
  public static final class Builder {
    private @Nullable GoogleCredentials source;
    private @Nullable String serviceAccount;
    private @Nullable String delegatedAdmin;
    private Collection<String> scopes = GoogleDirectorySource.SCOPES;
    private URI tokenUri = GOOGLE_TOKEN_URI;
    private URI iamRoot = IAM_CREDENTIALS_ROOT;
    private HttpTransportFactory transport = NetHttpTransport::new;
    private Duration refreshMargin = Duration.ofMinutes(6);

    private Builder() {}

    /**
     * @param source credentials allowed to call {@code signJwt} on the service account; scoped to
     *     {@code cloud-platform} here if they need scopes
     * @return this builder
     */
    public Builder source(GoogleCredentials source) {
      this.source = source;
      return this;
    }

    /**
     * @param email the service account whose client id the Admin console authorises for domain-wide
     *     delegation
     * @return this builder
     */
    public Builder serviceAccount(String email) {
      this.serviceAccount = email;
      return this;
    }

    /**
     * @param email the Workspace admin to act for (the assertion's {@code sub})
     * @return this builder
     */
    public Builder delegatedAdmin(String email) {
      this.delegatedAdmin = email;
      return this;
    }

    /**
     * @param scopes the scopes to ask for (default {@link GoogleDirectorySource#SCOPES})
     * @return this builder
     */
    public Builder scopes(Collection<String> scopes) {
      this.scopes = List.copyOf(scopes);
      return this;
    }

    /**
     * @param uri the token endpoint (default {@link #GOOGLE_TOKEN_URI}), for private endpoints and
     *     emulators; the assertion's {@code aud} stays Google's
     * @return this builder
     */
    public Builder tokenUri(URI uri) {
      this.tokenUri = uri;
      return this;
    }

    /**
     * @param root the IAM Credentials API root (default {@link #IAM_CREDENTIALS_ROOT})
     * @return this builder
     */
    public Builder iamCredentialsRoot(URI root) {
      this.iamRoot = root.toString().endsWith("/") ? root : URI.create(root + "/");
      return this;
    }

    /**
     * @param factory the HTTP transport for the two calls (default {@link NetHttpTransport})
     * @return this builder
     */
    public Builder transportFactory(HttpTransportFactory factory) {
      this.transport = factory;
      return this;
    }

    /**
     * @param margin how long before expiry a new token is fetched in the background (default 6
     *     minutes, google-auth's); callers wait for one only in the last five sixths of it
     * @return this builder
     */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = margin;
      return this;
    }

    /**
     * @return the credentials
     * @throws ConfigurationException naming every missing or bad setting
     */
    public DelegatedCredentials build() {
      List<String> problems = new ArrayList<>();
      if (source == null) {
        problems.add(
            "credentials: required, the credentials that sign as the service account (federated,"
                + " application default or a user's)");
      }
      if (serviceAccount == null || !serviceAccount.contains("@")) {
        problems.add(
            "serviceAccount"
                + (serviceAccount == null ? "" : " \"" + serviceAccount + "\"")
                + ": required without a key, the email of the service account authorised for"
                + " domain-wide delegation, such as ssosync@PROJECT.iam.gserviceaccount.com");
      }
      if (delegatedAdmin == null || !delegatedAdmin.contains("@")) {
        problems.add(
            "delegatedAdmin"
                + (delegatedAdmin == null ? "" : " \"" + delegatedAdmin + "\"")
                + ": required, the Workspace admin the service account acts for (the assertion's"
                + " sub)");
      }
      if (scopes.isEmpty()) {
        problems.add("scopes: at least one");
      }
      if (refreshMargin.isNegative() || refreshMargin.isZero()) {
        problems.add("refreshMargin \"" + refreshMargin + "\": must be positive");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      GoogleCredentials s = java.util.Objects.requireNonNull(source);
      GoogleCredentials scoped =
          s.createScopedRequired() ? s.createScoped(List.of(CLOUD_PLATFORM)) : s;
      return new DelegatedCredentials(this, scoped);
    }
  }
}
