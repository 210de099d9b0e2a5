package io.github.ssosync;

import java.util.List;

/**
 * Bad configuration: a setting that is missing, malformed or contradicts another. Thrown before
 * anything is read or written. Lists every problem found, each naming its setting, so that one run
 * reports them all.
 */
public final class ConfigurationException extends SsoSyncException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param problems one message per bad setting, each naming the setting and its value
   */
  public ConfigurationException(List<String> problems) {
    super(String.join("; ", requireSome(problems)));
    this.problems = List.copyOf(problems);
  }

  /**
   * @param problem a message that names the bad setting and its value
   */
  public ConfigurationException(String problem) {
    this(List.of(problem));
  }

  /**
   * @param problem a message that names the bad setting and its value
   * @param cause the underlying failure
   */
  public ConfigurationException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  /** Every problem found, one message each. */
  public List<String> problems() {
    return problems;
  }

  private static List<String> requireSome(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    return problems;
  }
}
