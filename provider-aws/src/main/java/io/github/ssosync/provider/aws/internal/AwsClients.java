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
 * How every SDK client the providers build is set up, once: the region, the credentials (the SDK's
 * default chain unless given), an endpoint override, the SDK's own retries off (an {@link
 * io.github.ssosync.provider.ApiFamily} retries, so that the two do not multiply) and a timeout for
 * each attempt.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * @param <B> the client builder
   * @param builder a service client's builder
   * @param region the region
   * @param credentials credentials, or null for the SDK's default chain
   * @param endpoint an endpoint override (private endpoints, emulators), or null
   * @param attemptTimeout the most one attempt may take
   * @param interceptor an interceptor to add, or null
   * @return the builder, set up
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      @Nullable AwsCredentialsProvider credentials,
      @Nullable URI endpoint,
      Duration attemptTimeout,
      @Nullable ExecutionInterceptor interceptor) {
    builder
        .region(Region.of(region))
        .credentialsProvider(
            credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(
            o -> {
              o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(attemptTimeout);
              if (interceptor != null) {
                o.addExecutionInterceptor(interceptor);
              }
            });
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }
}
