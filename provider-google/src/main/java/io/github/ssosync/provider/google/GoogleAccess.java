package io.github.ssosync.provider.google;

import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.ssosync.provider.google.internal.GoogleConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a builder of a Google client reaches Google, written once for the Directory source and the
 * Reports change feed: the credentials, the admin a service account acts as, keyless delegation,
 * the customer, the API's root, and timeouts. Embedders configure both the same way.
 *
 * @param <B> the builder
 */
public abstract class GoogleAccess<B extends GoogleAccess<B>> {
  final GoogleConnection connection = new GoogleConnection();
  @Nullable String customerId;
  String rootUrl = "https://admin.googleapis.com/";

  GoogleAccess() {}

  abstract B self();

  /**
   * @param customerId the customer (default {@code my_customer}: the admin's own)
   * @return this builder
   */
  public B customerId(String customerId) {
    this.customerId = customerId;
    return self();
  }

  /**
   * @param rootUrl the Admin SDK's root (default {@code https://admin.googleapis.com/}), for
   *     private endpoints and emulators
   * @return this builder
   */
  public B rootUrl(String rootUrl) {
    this.rootUrl = rootUrl;
    return self();
  }

  /**
   * @param credentials any credentials, scoped and delegated here if they need it
   * @return this builder
   */
  public B credentials(GoogleCredentials credentials) {
    connection.credentials = credentials;
    return self();
  }

  /**
   * @param file a service account's JSON key (its {@code token_uri} is honoured)
   * @return this builder
   */
  public B serviceAccountKey(Path file) {
    connection.keyFile = file;
    return self();
  }

  /**
   * @param file any Google credentials file: a Workload Identity Federation configuration ({@code
   *     external_account}), a service-account key, a user's ({@code authorized_user}) or
   *     impersonated ({@code impersonated_service_account}) application default credentials;
   *     without a key, {@link #serviceAccount} signs the delegation
   * @return this builder
   */
  public B credentialsFile(Path file) {
    connection.credentialsFile = file;
    return self();
  }

  /**
   * @param supplier the AWS credentials and region that federation from AWS signs its requests
   *     with, instead of google-auth's own lookup (environment variables, then the EC2 metadata
   *     server); for ECS, EKS and profile credentials, pass a bridge to the AWS SDK's chain
   * @return this builder
   */
  public B awsCredentials(AwsSecurityCredentialsSupplier supplier) {
    connection.aws = supplier;
    return self();
  }

  /**
   * Uses Application Default Credentials (the environment's service account, or {@code
   * GOOGLE_APPLICATION_CREDENTIALS}).
   *
   * @return this builder
   */
  public B applicationDefaultCredentials() {
    connection.applicationDefault = true;
    return self();
  }

  /**
   * @param email the Workspace admin a service account acts as (domain-wide delegation)
   * @return this builder
   */
  public B delegatedAdmin(String email) {
    connection.delegatedAdmin = email;
    return self();
  }

  /**
   * Signs the delegation as this service account without its key, through IAM Credentials {@code
   * signJwt}, with {@link #credentials} or {@link #applicationDefaultCredentials} (which need
   * {@code roles/iam.serviceAccountTokenCreator} on it). Optional when the credentials impersonate
   * the account (their target is used).
   *
   * @param email the service account authorised for domain-wide delegation
   * @return this builder
   */
  public B serviceAccount(String email) {
    connection.serviceAccount = email;
    return self();
  }

  /**
   * @param tokenUri the OAuth token endpoint keyless delegation uses (default Google's), for
   *     private endpoints and emulators; a key file names its own ({@code token_uri})
   * @param iamCredentialsRoot the IAM Credentials API root (default Google's)
   * @return this builder
   */
  public B authEndpoints(URI tokenUri, URI iamCredentialsRoot) {
    connection.tokenUri = tokenUri;
    connection.iamCredentialsRoot = iamCredentialsRoot;
    return self();
  }

  /**
   * @param timeout connect timeout of every call (default 10 s)
   * @return this builder
   */
  public B connectTimeout(Duration timeout) {
    connection.connectTimeout = timeout;
    return self();
  }

  /**
   * @param timeout read timeout of every call (default 60 s)
   * @return this builder
   */
  public B readTimeout(Duration timeout) {
    connection.readTimeout = timeout;
    return self();
  }
}
