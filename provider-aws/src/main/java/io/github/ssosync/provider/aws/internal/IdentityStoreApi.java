package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.provider.ApiFamily;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * The Identity Store API client, called through its {@link ApiFamily} (20 requests a second for all
 * Identity Store APIs of an account, retries, counting), with the SDK's failures translated.
 */
public final class IdentityStoreApi {
  private final IdentitystoreClient client;
  private final String identityStoreId;
  private final ApiFamily family;

  /**
   * @param client the SDK client (its own retries off, so that ours are the only ones)
   * @param identityStoreId the store
   * @param family the Identity Store API family: quota, retries, call counting
   */
  public IdentityStoreApi(IdentitystoreClient client, String identityStoreId, ApiFamily family) {
    this.client = client;
    this.identityStoreId = identityStoreId;
    this.family = family;
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
    return family.call(
        operation,
        what,
        () -> {
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
