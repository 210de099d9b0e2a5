package io.github.ssosync.engine;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one planned change.
 *
 * @param change the change as planned
 * @param status whether it was applied, failed or skipped
 * @param targetId for a create, the id the target gave the new object
 * @param reason for a failure, the provider's reason
 * @param message for a failure or a skip, what happened
 */
public record ChangeOutcome(
    Change change,
    Status status,
    @Nullable String targetId,
    ProviderException.@Nullable Reason reason,
    @Nullable String message) {

  /** What became of a change. */
  public enum Status {
    /** The change took effect. */
    APPLIED,
    /** The target refused or failed the change. */
    FAILED,
    /**
     * The change was not tried: the plan was blocked, the run stopped, or it depended on a change
     * that failed.
     */
    SKIPPED
  }

  /** Validates. */
  public ChangeOutcome {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(status, "status");
  }

  static ChangeOutcome skipped(Change change, String why) {
    return new ChangeOutcome(change, Status.SKIPPED, null, null, why);
  }
}
