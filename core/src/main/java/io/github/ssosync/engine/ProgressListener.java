package io.github.ssosync.engine;

import io.github.ssosync.provider.ReadCounts;
import java.util.List;
import java.util.Objects;

/**
 * Hears how a sync progresses, for a progress bar, a log line or metrics. Called from the engine's
 * threads; implementations must be quick and thread-safe.
 *
 * <p>A run that applies ({@link SyncEngine#sync()}, {@link SyncEngine#apply}, {@link
 * SyncEngine#applyReviewed}) ends with exactly one of {@link #onReport} (it got as far as a report,
 * whatever its status) or {@link #onFailure} (it threw: a read, a configuration or a stale plan);
 * {@link SyncEngine#plan()} ends with neither. {@link RunMeasures} turns either into the measures a
 * metrics listener publishes.
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
   * The run ended with a report (after {@link SyncPhase#DONE}). The default does nothing. A
   * listener that throws here is logged; the run's report stands.
   *
   * @param report what the run did
   */
  default void onReport(SyncReport report) {}

  /**
   * The run ended without a report: it threw {@code failure}, which the engine's caller receives
   * next. The default does nothing.
   *
   * @param failure what the run threw
   */
  default void onFailure(RuntimeException failure) {}

  /**
   * One listener that tells each of these, in order.
   *
   * @param listeners the listeners
   * @return a listener that forwards every call to each of them
   */
  static ProgressListener all(ProgressListener... listeners) {
    List<ProgressListener> each = List.of(listeners);
    each.forEach(l -> Objects.requireNonNull(l, "listener"));
    return new ProgressListener() {
      @Override
      public void onProgress(SyncPhase phase, long done, long total) {
        each.forEach(l -> l.onProgress(phase, done, total));
      }

      @Override
      public void onReport(SyncReport report) {
        each.forEach(l -> l.onReport(report));
      }

      @Override
      public void onFailure(RuntimeException failure) {
        each.forEach(l -> l.onFailure(failure));
      }

      @Override
      public void onRead(ReadCounts directory, ReadCounts target) {
        each.forEach(l -> l.onRead(directory, target));
      }
    };
  }

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
