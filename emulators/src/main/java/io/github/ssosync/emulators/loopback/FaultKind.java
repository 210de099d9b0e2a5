package io.github.ssosync.emulators.loopback;

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
  /** The connection is closed without a response; the request is not served. */
  RESET,
  /**
   * The request is served (a write takes effect), then the connection drops half-way through the
   * response: the client cannot know whether its write happened.
   */
  TRUNCATED,
  /**
   * The request is served, the headers and half the body go out, then nothing more while the
   * connection stays open: only a timeout that covers the whole response ends the wait.
   */
  STALLED,
  /** The response comes only after a long delay (longer than any sane read timeout). */
  SLOW,
  /** HTTP 401: the credentials are refused. */
  UNAUTHORIZED,
  /**
   * Another request was changing the same object, so this one was not applied and may be tried
   * again: the Identity Store API's ConflictException with Reason CONCURRENT_MODIFICATION (HTTP
   * 409). An API without such an answer renders it as its server error.
   */
  CONCURRENT_MODIFICATION
}
