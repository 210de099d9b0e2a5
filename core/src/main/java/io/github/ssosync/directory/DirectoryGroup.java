package io.github.ssosync.directory;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A group as the directory knows it.
 *
 * @param id the directory's stable id; the anchor that survives renames
 * @param email the group's email, unique in the directory
 * @param name the group's name, not necessarily unique
 * @param description the description, absent or empty when there is none
 */
public record DirectoryGroup(String id, String email, String name, @Nullable String description) {

  /** Validates. */
  public DirectoryGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(name, "name");
  }

  /**
   * @param id stable id
   * @param email group email
   * @param name group name
   * @return a group without description
   */
  public static DirectoryGroup of(String id, String email, String name) {
    return new DirectoryGroup(id, email, name, null);
  }
}
