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
 * @param holder for a create refused because its name is taken, the object holding the name
 */
public record ChangeResult(
    boolean applied,
    @Nullable String targetId,
    @Nullable ProviderException error,
    @Nullable NameHolder holder) {

  /** Validates: a failure needs its error, a success has none; only a conflict names a holder. */
  public ChangeResult {
    if (applied == (error != null)) {
      throw new IllegalArgumentException("a failed result needs an error, an applied one none");
    }
    if (holder != null && (error == null || error.reason() != ProviderException.Reason.CONFLICT)) {
      throw new IllegalArgumentException("only a CONFLICT failure names the holder of a name");
    }
  }

  /**
   * A result that names no holder.
   *
   * @param applied see {@link #applied()}
   * @param targetId see {@link #targetId()}
   * @param error see {@link #error()}
   */
  public ChangeResult(
      boolean applied, @Nullable String targetId, @Nullable ProviderException error) {
    this(applied, targetId, error, null);
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

  /**
   * A create refused because another object holds its name. The target looks the holder up and
   * reports it, and decides nothing: the engine asks {@link TargetCapabilities#isOurs} whether the
   * holder is the object the create meant. If it is, the engine sends the same create again with
   * the holder's id as the subject's target id, which the target answers by making that object
   * match the create and reporting {@link #created}; if not, the create fails as a conflict naming
   * the holder.
   *
   * @param holder the object holding the name
   * @param conflict the target's conflict, with reason {@link ProviderException.Reason#CONFLICT}
   * @return failed, naming the holder
   */
  public static ChangeResult nameTaken(NameHolder holder, ProviderException conflict) {
    return new ChangeResult(
        false, null, Objects.requireNonNull(conflict, "conflict"), Objects.requireNonNull(holder));
  }
}
