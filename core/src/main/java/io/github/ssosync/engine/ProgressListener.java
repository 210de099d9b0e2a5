package io.github.ssosync.engine;

import io.github.ssosync.provider.ReadCounts;

/**
 * Hears how a sync progresses, for a progress bar or a log line. Called from the engine's threads;
 * implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = (phase, done, total) -> {};

  /**
   * @param phase the current phase
   * @param done units of work done in the phase (changes, in {@link SyncPhase#APPLY})
   * @param total units of work in the phase, or -1 when unknown
   */
  void onProgress(SyncPhase phase, long done, long total);

  /**
   * What this run has read so far, during {@link SyncPhase#READ}: about twice a second while the
   * read lasts, and once when it ends (the final counts). Sources and targets that do not count
   * report zeros.
   *
   * @param directory users, groups and member lists read from the directory
   * @param target users, groups and member lists read from the target
   */
  default void onRead(ReadCounts directory, ReadCounts target) {}
}
