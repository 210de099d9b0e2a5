package io.github.ssosync.plan;

import io.github.ssosync.change.ObjectRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A disabled user, or an emptied group, that will be deleted on the first run after {@code dueAt},
 * unless it comes back into scope before then.
 *
 * @param subject the user or group
 * @param type whether it is a user or a group
 * @param dueAt when its grace period ends
 */
public record PendingDeletion(ObjectRef subject, Type type, Instant dueAt) {

  /** What waits for deletion. */
  public enum Type {
    /** A disabled user. */
    USER,
    /** A group that left the scope, emptied. */
    GROUP
  }

  /** Validates. */
  public PendingDeletion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
