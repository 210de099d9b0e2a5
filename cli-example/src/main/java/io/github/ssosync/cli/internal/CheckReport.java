package io.github.ssosync.cli.internal;

import io.github.ssosync.ProviderException;
import java.io.PrintStream;

/**
 * The lines {@code ssosync check} prints as it goes, each ✔ (passed), ✖ (a problem, with what to
 * fix), – (not checked, and why) or ! (worth knowing), and the exit code they add up to: 2 when any
 * problem is one of configuration, else 4 when any is one of credentials, permissions or reach,
 * else 0.
 */
final class CheckReport {
  private final PrintStream out;
  private int configurationProblems;
  private int accessProblems;

  CheckReport(PrintStream out) {
    this.out = out;
  }

  void pass(String text) {
    out.println("✔ " + text);
  }

  /** A setting is missing or wrong: exit code 2. */
  void configuration(String text) {
    configurationProblems++;
    out.println("✖ " + text);
  }

  /** Credentials, permissions or reach: exit code 4. */
  void access(String text) {
    accessProblems++;
    out.println("✖ " + text);
  }

  void skipped(String text) {
    out.println("– " + text);
  }

  void note(String text) {
    out.println("! " + text);
  }

  /**
   * Reports a provider's refusal under the right heading: an unknown identity store or customer, or
   * a request the service calls invalid, is configuration; everything else (refused credentials,
   * missing permissions, an unreachable service) is access.
   *
   * @param e the translated failure
   * @param text what failed, and what to do
   */
  void failure(ProviderException e, String text) {
    switch (e.reason()) {
      case NOT_FOUND, INVALID -> configuration(text);
      default -> access(text);
    }
  }

  boolean clean() {
    return configurationProblems == 0 && accessProblems == 0;
  }

  int exitCode() {
    if (configurationProblems > 0) {
      return ExitCode.BAD_CONFIGURATION;
    }
    return accessProblems > 0 ? ExitCode.UNREACHABLE : ExitCode.OK;
  }

  void summary() {
    int problems = configurationProblems + accessProblems;
    if (problems == 0) {
      out.println("All checks passed: review the plan (ssosync plan), then sync.");
    } else {
      out.println(
          problems
              + (problems == 1 ? " problem" : " problems")
              + ": fix the ✖ lines above and run ssosync check again.");
    }
  }
}
