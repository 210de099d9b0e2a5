package io.github.ssosync.emulators.aws;

import org.jspecify.annotations.Nullable;

/** Why a store operation failed, mapped by each front-end onto its own error form. */
final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    NOT_FOUND,
    CONFLICT,
    VALIDATION
  }

  final Kind kind;
  final String resourceType;
  final @Nullable String resourceId;

  StoreException(Kind kind, String resourceType, String message) {
    this(kind, resourceType, null, message);
  }

  StoreException(Kind kind, String resourceType, @Nullable String resourceId, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.resourceType = resourceType;
    this.resourceId = resourceId;
  }
}
