package io.github.ssosync.state;

import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.feed.TargetChanges;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a run leaves for the next one to start from.
 *
 * @param writtenBy the library version that wrote it; another version's state is not trusted (its
 *     views may have been computed by other rules), so the next run is full
 * @param writtenAt when the run that wrote it started
 * @param lastFullAt when the last full reconcile started (the schedule's clock)
 * @param policyFingerprint a digest of the policy the views were computed for; another policy
 *     selects other objects, so the next run is full
 * @param directory the directory as the run read it
 * @param target the target as the run left it: what it read, with its own applied changes folded in
 * @param cursors by feed name, the instant each feed has been read through
 * @param ownRuns run tags whose writes {@code target} holds, with when each run started; a target
 *     feed skips writes carrying them
 * @param recheck objects a change of the run failed on (or whose outcome is unknown): read again
 *     next run whatever the feeds say
 * @param lastWrites how many changes the run applied: a target feed pages through our own writes to
 *     find others' among them, so after a run that wrote a great many a full read is cheaper
 */
public record SyncState(
    String writtenBy,
    Instant writtenAt,
    Instant lastFullAt,
    String policyFingerprint,
    DirectorySnapshot directory,
    TargetView target,
    Map<String, Instant> cursors,
    Map<String, Instant> ownRuns,
    TargetChanges recheck,
    long lastWrites) {

  /** Validates and copies. */
  public SyncState {
    Objects.requireNonNull(writtenBy, "writtenBy");
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(lastFullAt, "lastFullAt");
    Objects.requireNonNull(policyFingerprint, "policyFingerprint");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(target, "target");
    cursors = Map.copyOf(cursors);
    ownRuns = Map.copyOf(ownRuns);
    Objects.requireNonNull(recheck, "recheck");
    if (lastWrites < 0) {
      throw new IllegalArgumentException("lastWrites: " + lastWrites);
    }
  }
}
