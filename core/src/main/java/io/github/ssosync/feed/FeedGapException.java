package io.github.ssosync.feed;

import io.github.ssosync.SsoSyncException;

/**
 * A change feed cannot vouch for the window it was asked about: its events do not reach back that
 * far, it saw a record it does not understand, or a named object cannot be placed. The run falls
 * back to a full reconcile and the plan says why, with this message.
 */
public final class FeedGapException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why the feed cannot vouch for the window, for the plan
   */
  public FeedGapException(String message) {
    super(message);
  }
}
