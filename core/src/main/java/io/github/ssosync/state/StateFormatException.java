package io.github.ssosync.state;

import io.github.ssosync.SsoSyncException;

/**
 * Stored bytes are not a state this version can read: another format, another version, or not a
 * state at all. The run reconciles in full and its state replaces the stored one.
 */
public final class StateFormatException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was found instead
   */
  public StateFormatException(String message) {
    super(message);
  }

  /**
   * @param message what was found instead
   * @param cause the parser's failure
   */
  public StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
