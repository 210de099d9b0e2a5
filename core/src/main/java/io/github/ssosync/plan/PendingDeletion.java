package io.github.ssosync.plan;

import io.github.ssosync.change.ObjectRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A disabled user that will be deleted on the first run after {@code dueAt}, unless it comes back
 * into scope before then.
 *
 * @param user the user
 * @param dueAt when its grace period ends
 */
public record PendingDeletion(ObjectRef user, Instant dueAt) {
  /** Validates. */
  public PendingDeletion {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
