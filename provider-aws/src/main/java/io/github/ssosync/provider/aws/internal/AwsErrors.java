package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.internal.Retrier;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ThrottlingException;

/** Translates AWS SDK exceptions into {@link ProviderException}s; no SDK type crosses the SPI. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * @param what the call, naming its object
   * @param e what the SDK threw
   * @return the translated exception
   */
  public static ProviderException translate(String what, SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code =
          s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      String message =
          s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
      String text = what + ": " + code + ": " + message;
      if (e instanceof ThrottlingException t
          || code.equals("ThrottlingException")
          || s.isThrottlingException()) {
        Duration hint = retryAfter(s);
        return new ProviderException(
            Reason.THROTTLED, text, hint == null ? null : new Retrier.RetryAfter(hint));
      }
      if (e instanceof ResourceNotFoundException nf) {
        String type = nf.resourceTypeAsString();
        if ("IDENTITY_STORE".equals(type)) {
          return new ProviderException(
              Reason.NOT_FOUND,
              what
                  + ": identity store not found; check identityStoreId and the region ("
                  + message
                  + ")");
        }
        return new ProviderException(Reason.NOT_FOUND, text);
      }
      if (e instanceof ConflictException c) {
        return new ProviderException(
            Reason.CONFLICT,
            text + (c.reasonAsString() == null ? "" : " (" + c.reasonAsString() + ")"));
      }
      return switch (code) {
        case "ValidationException" -> new ProviderException(Reason.INVALID, text);
        case "AccessDeniedException" -> new ProviderException(Reason.PERMISSION_DENIED, text);
        case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException" ->
            new ProviderException(Reason.UNAUTHENTICATED, text);
        default ->
            s.statusCode() >= 500
                ? new ProviderException(Reason.UNAVAILABLE, text)
                : new ProviderException(Reason.UNKNOWN, text);
      };
    }
    if (e instanceof SdkClientException) {
      return new ProviderException(Reason.UNAVAILABLE, what + ": " + e.getMessage());
    }
    return new ProviderException(Reason.UNKNOWN, what + ": " + e.getMessage());
  }

  private static @Nullable Duration retryAfter(AwsServiceException s) {
    if (s instanceof ThrottlingException t && t.retryAfterSeconds() != null) {
      return Duration.ofSeconds(t.retryAfterSeconds());
    }
    if (s.awsErrorDetails() != null && s.awsErrorDetails().sdkHttpResponse() != null) {
      return s.awsErrorDetails()
          .sdkHttpResponse()
          .firstMatchingHeader("Retry-After")
          .map(Retrier::parseRetryAfter)
          .orElse(null);
    }
    return null;
  }
}
