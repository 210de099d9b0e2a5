package io.github.ssosync;

/**
 * The root of every exception this library throws. Unchecked: configuration mistakes and reads that
 * cannot complete are the only reasons to throw; the outcome of each change is a value in the
 * {@link io.github.ssosync.engine.SyncReport}.
 */
public class SsoSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, never containing a secret
   */
  public SsoSyncException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, never containing a secret
   * @param cause the underlying failure
   */
  public SsoSyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
