package io.github.ssosync.state;

import io.github.ssosync.SsoSyncException;

/**
 * Another run committed state since this one loaded it: this run's state is not written (the
 * other's stands). Safe: the objects this run wrote carry a run tag the stored state does not hold,
 * so the next run reads them again.
 */
public final class StateConflictException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which store, and what was expected
   */
  public StateConflictException(String message) {
    super(message);
  }
}
