package io.github.ssosync.engine;

import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.provider.ReadCounts;
import io.github.ssosync.targets.IdentityTarget;

/**
 * Tells the listener what this read has read so far, twice a second from a daemon thread, and a
 * last time when the read ends.
 */
final class ReadProgress implements AutoCloseable {
  private final DirectorySource source;
  private final IdentityTarget target;
  private final ProgressListener listener;
  private final ReadCounts sourceBefore;
  private final ReadCounts targetBefore;
  private final java.util.concurrent.ScheduledExecutorService ticker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ssosync-read-progress");
            t.setDaemon(true);
            return t;
          });

  ReadProgress(DirectorySource source, IdentityTarget target, ProgressListener listener) {
    this.source = source;
    this.target = target;
    this.listener = listener;
    this.sourceBefore = source.readCounts();
    this.targetBefore = target.readCounts();
    ticker.scheduleAtFixedRate(this::report, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private void report() {
    listener.onRead(
        source.readCounts().since(sourceBefore), target.readCounts().since(targetBefore));
  }

  /** The read is over: the last counts, after any tick still running. */
  @Override
  public void close() {
    stop();
    try {
      ticker.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    report();
  }

  void stop() {
    ticker.shutdownNow();
  }
}
