package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.provider.RetryAfter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.ConflictExceptionReason;
import software.amazon.awssdk.services.identitystore.model.InternalServerException;
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
      if (e instanceof ThrottlingException
          || code.equals("ThrottlingException")
          || s.isThrottlingException()) {
        Duration hint =
            retryAfter(s, e instanceof ThrottlingException t ? t.retryAfterSeconds() : null);
        return new ProviderException(
            Reason.THROTTLED, text, hint == null ? null : new RetryAfter(hint));
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
        if (c.reason() == ConflictExceptionReason.CONCURRENT_MODIFICATION) {
          // "The requested resource was being concurrently modified by another request" (API
          // model, ConflictException.Reason): the request was not applied and may succeed when
          // tried again. A retryable reason, so that it is retried with backoff and never read
          // as "already a member" or "the name is taken", which only a uniqueness conflict means.
          return new ProviderException(
              Reason.UNAVAILABLE,
              text + " (CONCURRENT_MODIFICATION: another request was changing it; try again)");
        }
        return new ProviderException(
            Reason.CONFLICT,
            text + (c.reasonAsString() == null ? "" : " (" + c.reasonAsString() + ")"));
      }
      if (e instanceof InternalServerException i) {
        Duration hint = retryAfter(i, i.retryAfterSeconds());
        return new ProviderException(
            Reason.UNAVAILABLE, text, hint == null ? null : new RetryAfter(hint));
      }
      return switch (code) {
        case "ValidationException" -> new ProviderException(Reason.INVALID, text);
        case "AccessDeniedException" -> new ProviderException(Reason.PERMISSION_DENIED, text);
        case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException" ->
            new ProviderException(Reason.UNAUTHENTICATED, text);
        default -> {
          if (s.statusCode() < 500) {
            yield new ProviderException(Reason.UNKNOWN, text);
          }
          Duration hint = retryAfter(s, null);
          yield new ProviderException(
              Reason.UNAVAILABLE, text, hint == null ? null : new RetryAfter(hint));
        }
      };
    }
    if (e instanceof SdkClientException) {
      return new ProviderException(Reason.UNAVAILABLE, what + ": " + e.getMessage());
    }
    return new ProviderException(Reason.UNKNOWN, what + ": " + e.getMessage());
  }

  /**
   * The wait the service asked for: {@code RetryAfterSeconds} of ThrottlingException and
   * InternalServerException (API model; the SDK reads it from the body), else the {@code
   * Retry-After} header in either HTTP form.
   */
  private static @Nullable Duration retryAfter(
      AwsServiceException s, @Nullable Integer retryAfterSeconds) {
    if (retryAfterSeconds != null && retryAfterSeconds >= 0) {
      return Duration.ofSeconds(retryAfterSeconds);
    }
    if (s.awsErrorDetails() != null && s.awsErrorDetails().sdkHttpResponse() != null) {
      return s.awsErrorDetails()
          .sdkHttpResponse()
          .firstMatchingHeader("Retry-After")
          .map(RetryAfter::parse)
          .orElse(null);
    }
    return null;
  }
}
