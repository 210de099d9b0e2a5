package io.github.ssosync.cli.internal;

import com.google.auth.oauth2.AwsSecurityCredentials;
import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.ExternalAccountSupplierContext;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The AWS credentials Workload Identity Federation signs its {@code GetCallerIdentity} request
 * with, taken from the AWS SDK's default chain (or the credentials the CLI was given):
 * google-auth's own lookup reads only environment variables and the EC2 metadata server, so ECS
 * task roles, EKS web identity and profiles would not work. Temporary credentials keep their
 * session token.
 */
public final class AwsForGoogle implements AwsSecurityCredentialsSupplier {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable AwsCredentialsProvider given;
  private final String region;
  private transient @Nullable AwsCredentialsProvider chain;

  /**
   * @param given the credentials to use, or null for the SDK's default chain
   * @param region the region whose STS endpoint the request names, or null for us-east-1
   */
  public AwsForGoogle(@Nullable AwsCredentialsProvider given, @Nullable String region) {
    this.given = given;
    this.region = region == null ? "us-east-1" : region;
  }

  @Override
  public String getRegion(ExternalAccountSupplierContext context) {
    return region;
  }

  @Override
  public AwsSecurityCredentials getCredentials(ExternalAccountSupplierContext context) {
    AwsCredentials c = provider().resolveCredentials();
    String session = c instanceof AwsSessionCredentials s ? s.sessionToken() : null;
    return new AwsSecurityCredentials(c.accessKeyId(), c.secretAccessKey(), session);
  }

  private synchronized AwsCredentialsProvider provider() {
    if (given != null) {
      return given;
    }
    if (chain == null) {
      chain = DefaultCredentialsProvider.builder().build();
    }
    return chain;
  }

  /** Names the region only. */
  @Override
  public String toString() {
    return "AwsForGoogle[" + region + "]";
  }
}
