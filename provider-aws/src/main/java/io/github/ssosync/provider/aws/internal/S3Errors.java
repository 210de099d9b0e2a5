package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.state.StateConflictException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3's answers to the state store, translated: conflicts, and failures that name the state. */
public final class S3Errors {
  private S3Errors() {}

  /**
   * 412, 409 and (to If-Match) 404 mean another run got there first (see {@code S3StateStore}).
   *
   * @param e what S3 answered
   * @param location the state's {@code s3://} location
   * @param expected the version the save expected
   * @return the conflict, or null when the error is not one
   */
  public static @Nullable StateConflictException conflict(
      S3Exception e, String location, @Nullable String expected) {
    int status = e.statusCode();
    String since = expected == null ? "found none" : "loaded version " + expected;
    if (status == 412) {
      return new StateConflictException(
          "the state "
              + location
              + " was saved by another run since this run "
              + since
              + " (S3 412 PreconditionFailed): this run's state is not saved");
    }
    if (status == 409) {
      return new StateConflictException(
          "another run was saving the state "
              + location
              + " at the same time (S3 409 ConditionalRequestConflict): this run's state is not"
              + " saved");
    }
    if (status == 404 && expected != null && !(e instanceof NoSuchBucketException)) {
      return new StateConflictException(
          "the state "
              + location
              + " was deleted since this run "
              + since
              + ": this run's state is not saved");
    }
    return null;
  }

  /**
   * @param what the call
   * @param location the state's {@code s3://} location
   * @param kms whether the state is encrypted with a KMS key (for the permissions to name)
   * @param e what the SDK threw
   * @return the failure, naming the location
   */
  public static ProviderException translate(
      String what, String location, boolean kms, SdkException e) {
    if (e instanceof NoSuchBucketException) {
      return new ProviderException(
          ProviderException.Reason.NOT_FOUND,
          what + ": the bucket of " + location + " does not exist (--state, SSOSYNC_STATE)");
    }
    if (e instanceof S3Exception s && s.awsErrorDetails() != null) {
      String code = String.valueOf(s.awsErrorDetails().errorCode());
      // S3's REST codes (API reference, "List of error codes"), which the Identity Store's
      // translation does not know.
      switch (code) {
        case "AccessDenied" -> {
          return new ProviderException(
              ProviderException.Reason.PERMISSION_DENIED,
              what
                  + " "
                  + location
                  + ": AccessDenied (the role needs s3:GetObject and s3:PutObject on the object"
                  + (!kms ? "" : ", and kms:GenerateDataKey and kms:Decrypt on the key")
                  + ")");
        }
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken" -> {
          return new ProviderException(
              ProviderException.Reason.UNAUTHENTICATED,
              what + " " + location + ": " + code + " (the AWS credentials are refused)");
        }
        default -> {
          // below
        }
      }
    }
    return AwsErrors.translate(what + " " + location, e);
  }
}
