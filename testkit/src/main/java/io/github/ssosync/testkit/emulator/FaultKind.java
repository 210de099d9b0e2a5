package io.github.ssosync.testkit.emulator;

/** A fault an emulator can inject, each rendered in its own API's error form. */
public enum FaultKind {
  /**
   * The API's throttling error (Google: 403 userRateLimitExceeded or 429; AWS: ThrottlingException;
   * SCIM: 429).
   */
  THROTTLE,
  /** HTTP 500. */
  SERVER_ERROR,
  /** HTTP 503. */
  UNAVAILABLE,
  /** The connection is closed without a response. */
  RESET,
  /** The response comes only after a long delay (longer than any sane read timeout). */
  SLOW,
  /** HTTP 401: the credentials are refused. */
  UNAUTHORIZED
}
