package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A SCIM error as IAM Identity Center sends it. The status codes are the SCIM guide's error tables
 * (ValidationException 400, also for unsupported operations; UnauthorizedException 401;
 * AccessDeniedException 403; ResourceNotFoundException 404; ConflictException 409;
 * ThrottlingException 429; InternalServerException 500). The body is the shape users have captured
 * from the service (slashdevops/idp-scim-sync#30): {@code schema} (sic, not {@code schemas}),
 * {@code detail}, {@code status} as a string, {@code exceptionRequestId}, {@code timeStamp}; no
 * {@code scimType}, not even on a 409 for a taken name (RFC 7644 §3.3 asks for "uniqueness"; the
 * service does not send it, so a client must not depend on it).
 */
final class ScimError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME_STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  final int status;

  ScimError(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  /** A request the service refuses: unparsable, against its schema, or unsupported. */
  static ScimError invalid(String detail) {
    return new ScimError(400, detail);
  }

  static ScimError of(StoreException e) {
    return switch (e.kind) {
      case NOT_FOUND -> new ScimError(404, e.getMessage());
      case CONFLICT -> new ScimError(409, e.getMessage());
      case VALIDATION -> invalid(e.getMessage());
    };
  }

  /** The error's name as CloudTrail's {@code errorCode} shows it (SCIM guide's error tables). */
  String type() {
    return switch (status) {
      case 401 -> "UnauthorizedException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 409 -> "ConflictException";
      case 429 -> "ThrottlingException";
      case 500 -> "InternalServerException";
      default -> "ValidationException";
    };
  }

  String body() {
    ObjectNode out = JSON.createObjectNode();
    out.putArray("schema").add("urn:ietf:params:scim:api:messages:2.0:Error");
    out.put("detail", getMessage());
    out.put("status", String.valueOf(status));
    out.put("exceptionRequestId", UUID.randomUUID().toString());
    out.put("timeStamp", TIME_STAMP.format(LocalDateTime.now(ZoneOffset.UTC)));
    return out.toString();
  }
}
