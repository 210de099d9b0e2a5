package io.github.ssosync.provider.aws.internal;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * The one way the providers set up an AWS SDK client they build themselves: the region, the
 * credentials (the SDK's default chain unless given), an optional endpoint override, and the SDK's
 * own retries turned off (an {@link io.github.ssosync.provider.ApiFamily} retries, and two retry
 * loops would multiply), with a per-attempt timeout when one is given. The HTTP transport is the
 * SDK's default sync client.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * @param <B> the client builder's type
   * @param builder a service client builder, such as {@code S3Client.builder()}
   * @param region the region
   * @param credentials the credentials, or null for the default chain
   * @param endpoint an endpoint override (private endpoints, emulators), or null
   * @param attemptTimeout the most one try may take, or null for the SDK's default
   * @return the builder, configured
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      @Nullable AwsCredentialsProvider credentials,
      @Nullable URI endpoint,
      @Nullable Duration attemptTimeout) {
    return configure(builder, region, credentials, endpoint, attemptTimeout, null);
  }

  /**
   * @param <B> the client builder's type
   * @param builder a service client builder
   * @param region the region
   * @param credentials the credentials, or null for the default chain
   * @param endpoint an endpoint override, or null
   * @param attemptTimeout the most one try may take, or null for the SDK's default
   * @param interceptor an interceptor to add (say, one tagging writes), or null
   * @return the builder, configured
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      @Nullable AwsCredentialsProvider credentials,
      @Nullable URI endpoint,
      @Nullable Duration attemptTimeout,
      @Nullable ExecutionInterceptor interceptor) {
    return located(builder, region, credentials, endpoint)
        .overrideConfiguration(
            o -> {
              o.retryStrategy(AwsRetryStrategy.doNotRetry());
              if (attemptTimeout != null) {
                o.apiCallAttemptTimeout(attemptTimeout);
              }
              if (interceptor != null) {
                o.addExecutionInterceptor(interceptor);
              }
            });
  }

  /**
   * The region, credentials and endpoint alone, for a one-off call the SDK may retry itself (the
   * identity store's discovery).
   *
   * @param <B> the client builder's type
   * @param builder a service client builder
   * @param region the region
   * @param credentials the credentials, or null for the default chain
   * @param endpoint an endpoint override, or null
   * @return the builder, configured
   */
  public static <B extends AwsClientBuilder<B, ?>> B located(
      B builder,
      String region,
      @Nullable AwsCredentialsProvider credentials,
      @Nullable URI endpoint) {
    builder
        .region(Region.of(region))
        .credentialsProvider(
            credentials != null ? credentials : DefaultCredentialsProvider.builder().build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }
}
