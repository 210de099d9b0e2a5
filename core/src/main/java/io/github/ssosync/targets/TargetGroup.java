package io.github.ssosync.targets;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A group as the target holds it.
 *
 * @param id the target's id
 * @param displayName the unique display name
 * @param description description
 * @param externalIds ids external systems stored on the group (our anchor among them)
 */
public record TargetGroup(
    String id, String displayName, @Nullable String description, List<ExternalId> externalIds) {

  /** Validates and copies. */
  public TargetGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    externalIds = List.copyOf(externalIds);
  }
}
