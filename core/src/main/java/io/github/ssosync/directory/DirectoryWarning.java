package io.github.ssosync.directory;

import java.util.Objects;

/**
 * Something a source skipped while reading, with the object it concerns: for example a member of
 * another organisation that Google will not show (it answers 403, not 404). The read is still
 * complete for everything else; the plan carries the warning.
 *
 * @param subject the object it concerns (an email or id)
 * @param message what was skipped and why
 */
public record DirectoryWarning(String subject, String message) {

  /** Validates. */
  public DirectoryWarning {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }
}
