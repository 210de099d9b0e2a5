package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.emulators.loopback.Faults;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An Identity Store API error as the service sends it (JSON 1.1): the HTTP status of the error's
 * {@code httpError} trait, a body with {@code __type}, {@code Message}, {@code RequestId} and the
 * shape's own members, and {@code x-amzn-ErrorType} / {@code x-amzn-RequestId} headers.
 *
 * <p>Statuses and members: the service's Smithy model (as generated into aws-sdk-js-v3 {@code
 * clients/client-identitystore/src/schemas/schemas_0.ts}): ValidationException 400,
 * ServiceQuotaExceededException 402, AccessDeniedException 403, ResourceNotFoundException 404
 * ({@code ResourceType}, {@code ResourceId}), ConflictException 409 ({@code Reason}:
 * UNIQUENESS_CONSTRAINT_VIOLATION or CONCURRENT_MODIFICATION), ThrottlingException 429 and
 * InternalServerException 500 (both {@code RetryAfterSeconds}, which the model also binds to the
 * {@code Retry-After} header; botocore's model has it in the body, so both are sent).
 */
final class IdentityStoreError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String type;
  private final transient ObjectNode members = JSON.createObjectNode();
  private final Map<String, String> headers = new HashMap<>();

  private IdentityStoreError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static IdentityStoreError validation(String message) {
    return new IdentityStoreError(400, "ValidationException", message);
  }

  static IdentityStoreError of(int status, String type, String message) {
    return new IdentityStoreError(status, type, message);
  }

  static IdentityStoreError notFound(String resourceType, @Nullable String id, String message) {
    IdentityStoreError e = new IdentityStoreError(404, "ResourceNotFoundException", message);
    e.members.put("ResourceType", resourceType);
    if (id != null) {
      e.members.put("ResourceId", id);
    }
    return e;
  }

  /**
   * @param reason UNIQUENESS_CONSTRAINT_VIOLATION (a unique value is taken; do not retry) or
   *     CONCURRENT_MODIFICATION (another request was changing the object; retry)
   */
  static IdentityStoreError conflict(String reason, String message) {
    IdentityStoreError e = new IdentityStoreError(409, "ConflictException", message);
    e.members.put("Reason", reason);
    return e;
  }

  /** Throttling or an internal error, with the wait the faults ask for. */
  static IdentityStoreError retryAfter(int status, String type, String message, Faults faults) {
    IdentityStoreError e = new IdentityStoreError(status, type, message);
    e.members.put("RetryAfterSeconds", faults.retryAfterSeconds());
    String header = faults.retryAfterHeader();
    if (header != null) {
      e.headers.put("Retry-After", header);
    }
    return e;
  }

  /**
   * An answer of the front door rather than the service (not in the model): a 503 with only the
   * {@code Retry-After} header RFC 9110 §15.6.4 suggests for it.
   */
  static IdentityStoreError unavailable(Faults faults) {
    IdentityStoreError e =
        new IdentityStoreError(503, "ServiceUnavailableException", "Service unavailable");
    String header = faults.retryAfterHeader();
    if (header != null) {
      e.headers.put("Retry-After", header);
    }
    return e;
  }

  static IdentityStoreError of(StoreException e) {
    return switch (e.kind) {
      case NOT_FOUND -> notFound(e.resourceType, e.resourceId, e.getMessage());
      case CONFLICT -> conflict("UNIQUENESS_CONSTRAINT_VIOLATION", e.getMessage());
      case VALIDATION -> validation(e.getMessage());
    };
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  /** The body and headers, with a fresh request id. */
  Map.Entry<String, Map<String, String>> render() {
    ObjectNode out = JSON.createObjectNode();
    String requestId = UUID.randomUUID().toString();
    out.put("__type", type);
    out.put("Message", getMessage());
    out.put("RequestId", requestId);
    out.setAll(members);
    Map<String, String> all = new HashMap<>(headers);
    all.put("x-amzn-ErrorType", type);
    all.put("x-amzn-RequestId", requestId);
    return Map.entry(out.toString(), all);
  }
}
