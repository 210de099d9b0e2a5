package io.github.ssosync.change;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of a target group.
 *
 * @param displayName the unique display name
 * @param description the description; absent when the directory has none (IAM Identity Center
 *     rejects empty strings)
 * @param externalId the anchor: the directory's stable id
 */
public record GroupAttributes(
    String displayName, @Nullable String description, @Nullable String externalId) {

  /** Validates. */
  public GroupAttributes {
    Objects.requireNonNull(displayName, "displayName");
  }
}
