package io.github.ssosync.targets;

import io.github.ssosync.ProviderException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one change a target was asked to apply.
 *
 * @param applied whether the change took effect (or already had: a delete of something already gone
 *     counts as applied)
 * @param targetId for a create, the id the target gave the new object
 * @param error why it failed, when it did
 */
public record ChangeResult(
    boolean applied, @Nullable String targetId, @Nullable ProviderException error) {

  /** Validates: a failure needs its error, a success has none. */
  public ChangeResult {
    if (applied == (error != null)) {
      throw new IllegalArgumentException("a failed result needs an error, an applied one none");
    }
  }

  /** Applied; nothing to report back. */
  public static ChangeResult done() {
    return new ChangeResult(true, null, null);
  }

  /**
   * @param targetId the id the target gave the new object
   * @return applied, with the new object's id
   */
  public static ChangeResult created(String targetId) {
    return new ChangeResult(true, Objects.requireNonNull(targetId, "targetId"), null);
  }

  /**
   * @param error why the change failed
   * @return failed
   */
  public static ChangeResult failed(ProviderException error) {
    return new ChangeResult(false, null, Objects.requireNonNull(error, "error"));
  }
}
