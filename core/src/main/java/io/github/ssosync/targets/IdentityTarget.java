package io.github.ssosync.targets;

import io.github.ssosync.change.Change;
import java.util.List;
import java.util.Map;

/**
 * An identity store to keep in step with a directory. The SPI a target implements.
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #apply} from several threads at
 * once, each with its own list of changes.
 */
public interface IdentityTarget extends AutoCloseable {

  /** What this target can do. Constant for the target's lifetime. */
  TargetCapabilities capabilities();

  /**
   * Reads every user and group, and the memberships of the groups the scope includes.
   *
   * @param scope which groups' memberships to read
   * @return a complete snapshot
   * @throws io.github.ssosync.ProviderException if the read could not complete after retries
   */
  TargetSnapshot read(TargetScope scope);

  /**
   * Reads the target now, from the view a previous run left and the objects a change feed says
   * someone else changed since: only those are read again, plus the memberships of groups the scope
   * now includes and the view does not hold. The answer must equal what {@link #read} would return.
   * Targets implement it with {@link TargetRefresh#read}.
   *
   * @param previous the target as the previous run left it
   * @param changes the objects changed since (and those the previous run failed on)
   * @param scope which groups' memberships to read
   * @return the complete snapshot
   * @throws UnsupportedOperationException if the target cannot read incrementally (the default);
   *     the engine then reads in full
   * @throws io.github.ssosync.ProviderException if the read could not complete after retries
   */
  default TargetSnapshot readChanged(
      TargetSnapshot previous, io.github.ssosync.feed.TargetChanges changes, TargetScope scope) {
    throw new UnsupportedOperationException("this target reads only in full");
  }

  /**
   * Tags the writes that follow with a run's id, so that a {@link
   * io.github.ssosync.feed.TargetChangeFeed} can tell them from others' (for IAM Identity Center,
   * in the user agent CloudTrail records). The engine calls it once at the start of each run that
   * keeps state, before any write.
   *
   * @param runId the run's id: letters, digits and {@code -}, at most 36 characters
   * @return whether the target tags its writes; if not (the default), a feed cannot tell our writes
   *     from others', so every object we wrote is read again next run
   */
  default boolean tagWrites(String runId) {
    return false;
  }

  /**
   * Applies changes and returns one result for each, in the same order. Every reference in the
   * changes is resolved (has a target id), except the subject of a create. The engine never puts
   * changes that depend on each other in one call, except membership changes of the same group,
   * which a target may batch.
   *
   * <p>A change that fails is reported as {@link ChangeResult#failed}; it must not stop the others.
   * Throwing fails every change of the call.
   *
   * <p>A create refused because another object holds its name is reported as {@link
   * ChangeResult#nameTaken}, naming the holder; the target does not decide whether the holder is
   * ours. The engine decides with {@link TargetCapabilities#isOurs}; when it is, the engine sends
   * the same create with the holder's id as the subject's target id, which the target answers by
   * making that object match the create (or leaving it, when it already does) and reporting {@link
   * ChangeResult#created} with that id.
   *
   * @param changes the changes to apply
   * @return one result per change, in order
   */
  List<ChangeResult> apply(List<Change> changes);

  /**
   * API calls made so far, by {@code family.operation} (for example {@code scim.PatchGroup}).
   * Targets that do not count return an empty map.
   */
  default Map<String, Long> apiCalls() {
    return Map.of();
  }

  /**
   * The calls of {@link #apiCalls()} that the service throttled, by {@code family.operation}.
   * Targets that do not count return an empty map.
   */
  default Map<String, Long> apiThrottles() {
    return Map.of();
  }

  /**
   * Users, groups and member lists read so far, over the target's life, for progress: the engine
   * polls it while it reads (see {@link io.github.ssosync.engine.ProgressListener#onRead}). Targets
   * that do not count return {@link io.github.ssosync.provider.ReadCounts#NONE}.
   */
  default io.github.ssosync.provider.ReadCounts readCounts() {
    return io.github.ssosync.provider.ReadCounts.NONE;
  }

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
