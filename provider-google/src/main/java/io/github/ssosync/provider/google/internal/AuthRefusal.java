package io.github.ssosync.provider.google.internal;

import io.github.ssosync.ProviderException.Reason;
import java.io.IOException;

/**
 * Google refused to authenticate us for a reason a person must fix (a missing role, a wrong
 * audience, delegation not authorised): the message says what to change, in one line, and holds no
 * token, key or signed request. {@link GoogleErrors} passes it on as it is.
 */
public final class AuthRefusal extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why: permission denied, invalid configuration, or unauthenticated. */
  private final Reason reason;

  /**
   * @param reason the reason to report
   * @param message what was refused and how to fix it
   */
  public AuthRefusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The reason to report. */
  public Reason reason() {
    return reason;
  }
}
