package io.github.ssosync;

import java.util.Objects;

/**
 * A credential (a bearer token, a key file's contents) that must never reach a log, an exception
 * message, a plan or a report. {@link #toString()} hides the value; only {@link #reveal()} gives it
 * out, at the one place that sends it.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret; must not be empty
   * @return the wrapped secret
   * @throws ConfigurationException if the value is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new ConfigurationException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The secret value. Call it only where the value is sent, never to log or print it. */
  public String reveal() {
    return value;
  }

  /** Always {@code "****"}, whatever the value. */
  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
