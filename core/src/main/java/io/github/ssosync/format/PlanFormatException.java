package io.github.ssosync.format;

import io.github.ssosync.SsoSyncException;

/** A plan document that cannot be read back: not JSON, another schema, or a damaged plan. */
public final class PlanFormatException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, with the JSON path where it applies
   */
  public PlanFormatException(String message) {
    super(message);
  }
}
