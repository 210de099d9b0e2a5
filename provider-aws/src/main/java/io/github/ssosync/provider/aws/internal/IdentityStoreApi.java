package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.internal.CallCounter;
import io.github.ssosync.internal.RateLimiter;
import io.github.ssosync.internal.Retrier;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * The Identity Store API client behind the family's rate limiter (20 requests a second for all
 * Identity Store APIs of an account) and retries; counts each attempt.
 */
public final class IdentityStoreApi {
  private final IdentitystoreClient client;
  private final String identityStoreId;
  private final RateLimiter limiter;
  private final Retrier retrier;
  private final CallCounter calls;

  /**
   * @param client the SDK client (its own retries off, so that ours are the only ones)
   * @param identityStoreId the store
   * @param limiter the family's limiter
   * @param retrier the retry policy
   * @param calls the call counter
   */
  public IdentityStoreApi(
      IdentitystoreClient client,
      String identityStoreId,
      RateLimiter limiter,
      Retrier retrier,
      CallCounter calls) {
    this.client = client;
    this.identityStoreId = identityStoreId;
    this.limiter = limiter;
    this.retrier = retrier;
    this.calls = calls;
  }

  /** The identity store's id. */
  public String identityStoreId() {
    return identityStoreId;
  }

  /**
   * @param <T> the response type
   * @param operation the API operation, such as {@code ListUsers}
   * @param what names the call and its object for messages
   * @param call the call
   * @return the response
   */
  public <T> T call(String operation, String what, Function<IdentitystoreClient, T> call) {
    return retrier.call(
        limiter,
        what,
        () -> {
          calls.increment("identitystore." + operation);
          try {
            return call.apply(client);
          } catch (SdkException e) {
            throw AwsErrors.translate(what, e);
          }
        });
  }

  /** Closes the SDK client. */
  public void close() {
    client.close();
  }
}
