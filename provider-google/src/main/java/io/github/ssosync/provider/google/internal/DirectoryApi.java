package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.Directory;
import io.github.ssosync.provider.ApiFamily;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The Directory client with what every call needs: the scope read ({@code customer} or {@code
 * domain}) and the API family (the client-side limiter at the API's quota, retries with backoff for
 * what the Google client does not retry, and call counting).
 *
 * @param directory the client
 * @param customer the customer id, or null when reading by domain
 * @param domain the domain, or null when reading by customer
 * @param family the Directory API family
 */
public record DirectoryApi(
    Directory directory, @Nullable String customer, @Nullable String domain, ApiFamily family) {

  /** One request, as the Google client throws. */
  public interface Call<T> {
    /**
     * @return the response
     * @throws IOException as the client throws
     */
    T run() throws IOException;
  }

  /**
   * Makes a call at the quota, retried while it fails for a retryable reason.
   *
   * @param <T> the response type
   * @param operation the operation, counted on every try as {@code google.operation}, such as
   *     {@code users.get}
   * @param what names the call in messages, such as {@code users.get 1234}
   * @param call the call
   * @return the response
   * @throws io.github.ssosync.ProviderException once retries are used up or the failure is final
   */
  public <T> T call(String operation, String what, Call<T> call) {
    return family.call(
        operation,
        what,
        () -> {
          try {
            return call.run();
          } catch (IOException e) {
            throw GoogleErrors.translate(what, e);
          }
        });
  }
}
