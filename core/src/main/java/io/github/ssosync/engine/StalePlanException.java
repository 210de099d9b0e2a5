package io.github.ssosync.engine;

import io.github.ssosync.SsoSyncException;

/**
 * A reviewed plan that {@link SyncEngine#applyReviewed} refused, before writing anything: it is
 * older than the age limit, carries no target fingerprint, or the target changed since it was made.
 */
public final class StalePlanException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why the plan was refused and what to do
   */
  public StalePlanException(String message) {
    super(message);
  }
}
