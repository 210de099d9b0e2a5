package io.github.ssosync.targets;

import java.util.List;
import java.util.Objects;

/**
 * The object that holds the name a create asked for, as a target reports it with the create's
 * conflict ({@link ChangeResult#nameTaken}). The target says only who holds the name; whether the
 * holder is the object the create meant (made by a create whose answer was lost, or by a run at the
 * same time) is decided once, by the engine, with {@link TargetCapabilities#isOurs}.
 *
 * @param targetId the holder's id in the target
 * @param name the holder's name exactly as the target keeps it ({@code userName} or {@code
 *     displayName})
 * @param externalIds the holder's external ids, where our anchor would be
 */
public record NameHolder(String targetId, String name, List<ExternalId> externalIds) {
  /** Validates and copies. */
  public NameHolder {
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(name, "name");
    externalIds = List.copyOf(externalIds);
  }
}
