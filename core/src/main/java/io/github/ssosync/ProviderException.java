package io.github.ssosync;

import org.jspecify.annotations.Nullable;

/**
 * A failure reported by a directory or identity store, translated at the provider boundary so that
 * no SDK exception type crosses the SPI. Carries a {@link Reason} the engine and callers can act
 * on, and whether trying again may help.
 */
public final class ProviderException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /** Why a provider call failed, independent of any SDK. */
  public enum Reason {
    /** The API's quota or rate limit was exceeded. Retryable. */
    THROTTLED(true),
    /** The service failed or could not be reached (5xx, connection reset, timeout). Retryable. */
    UNAVAILABLE(true),
    /** The object already exists, or was modified concurrently. */
    CONFLICT(false),
    /** The object does not exist (any more). */
    NOT_FOUND(false),
    /** The credentials are missing, expired or refused. */
    UNAUTHENTICATED(false),
    /** The credentials are valid but lack a permission. */
    PERMISSION_DENIED(false),
    /** The request was rejected as invalid (a value the API does not accept). */
    INVALID(false),
    /** Anything else. */
    UNKNOWN(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether a failure for this reason may succeed when tried again later. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;

  /**
   * @param reason why the call failed
   * @param message what failed, naming the operation and object, never containing a secret
   */
  public ProviderException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * @param reason why the call failed
   * @param message what failed, naming the operation and object, never containing a secret
   * @param cause the SDK's exception; keep it only when its message cannot contain a secret
   */
  public ProviderException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the call failed. */
  public Reason reason() {
    return reason;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return reason.retryable();
  }
}
