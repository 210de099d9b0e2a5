package io.github.ssosync.emulators.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An S3 REST error as the service sends it: the HTTP status and an XML body {@code
 * <Error><Code/><Message/>…<RequestId/><HostId/></Error>} (S3 API reference, "Error responses":
 * "REST error response"), with the code's own elements ({@code Key}, {@code BucketName}, {@code
 * Condition}). Responses to {@code HEAD} carry no body; clients read the status alone.
 */
final class S3Error extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Map<String, String> elements = new LinkedHashMap<>();

  S3Error(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Adds an element after {@code Message}, such as {@code Key} or {@code Condition}. */
  S3Error with(String element, String value) {
    elements.put(element, value);
    return this;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String xml() {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
    element(b, "Code", code);
    element(b, "Message", getMessage());
    elements.forEach((k, v) -> element(b, k, v));
    element(b, "RequestId", requestId());
    element(b, "HostId", "emulator");
    return b.append("</Error>").toString();
  }

  static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  }

  private static void element(StringBuilder b, String name, String value) {
    b.append('<').append(name).append('>').append(escape(value)).append("</").append(name);
    b.append('>');
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  // --- the errors used, with the codes and statuses of the reference's list of error codes ---

  static S3Error noSuchKey(String key) {
    return new S3Error(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
  }

  static S3Error noSuchBucket(String bucket) {
    return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist.")
        .with("BucketName", bucket);
  }

  static S3Error preconditionFailed(String condition) {
    return new S3Error(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold")
        .with("Condition", condition);
  }

  static S3Error conditionalConflict() {
    return new S3Error(
        409,
        "ConditionalRequestConflict",
        "A conflicting conditional operation is currently in progress against this resource."
            + " Please try again.");
  }

  static S3Error invalidArgument(String message, String name, String value) {
    return new S3Error(400, "InvalidArgument", message)
        .with("ArgumentName", name)
        .with("ArgumentValue", value);
  }

  static S3Error invalidRequest(String message) {
    return new S3Error(400, "InvalidRequest", message);
  }
}
