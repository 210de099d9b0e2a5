package io.github.ssosync.engine;

import io.github.ssosync.ProviderException;
import io.github.ssosync.SsoSyncException;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.plan.Planner;
import io.github.ssosync.plan.RunBasis;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.state.SyncState;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the directory and the target at the same time: in full, or, when a stateful run may be
 * incremental, from the last run's state and what the feeds named. An incremental read that a
 * source or target cannot do, or that meets a gap, becomes a full one.
 */
final class BothSides {
  private final DirectorySource source;
  private final IdentityTarget target;
  private final SyncPolicy policy;
  private final ProgressListener listener;
  private final String deadlineText;

  /**
   * @param directory the directory read
   * @param target the target read
   * @param basis full or incremental, and why
   */
  record Read(DirectorySnapshot directory, TargetSnapshot target, RunBasis basis) {
    boolean full() {
      return basis.kind() == RunBasis.Kind.FULL;
    }
  }

  BothSides(
      DirectorySource source,
      IdentityTarget target,
      SyncPolicy policy,
      ProgressListener listener,
      String deadlineText) {
    this.source = source;
    this.target = target;
    this.policy = policy;
    this.listener = listener;
    this.deadlineText = deadlineText;
  }

  /** A source or target that cannot read incrementally; the run reads in full. */
  private static final class NotIncremental extends SsoSyncException {
    private static final long serialVersionUID = 1L;

    NotIncremental(String side, UnsupportedOperationException e) {
      super("the " + side + " cannot read incrementally: " + e.getMessage(), e);
    }
  }

  Read read(long deadlineNanos, StatefulRun.@Nullable Start run) {
    StatefulRun.Start start = run;
    if (run != null && run.incremental()) {
      StatefulRun.Start inc = run;
      SyncState state = Objects.requireNonNull(inc.state());
      TargetCapabilities capabilities = target.capabilities();
      try {
        return both(
            () ->
                incrementally(
                    "directory",
                    () ->
                        source.readChanged(
                            policy.directoryQuery(),
                            state.directory(),
                            Objects.requireNonNull(inc.directoryChanges()))),
            scope ->
                incrementally(
                    "target",
                    () ->
                        target.readChanged(
                            state.target().snapshot(capabilities),
                            StatefulRun.targetChanges(inc),
                            scope)),
            deadlineNanos,
            StatefulRun.basis(inc));
      } catch (NotIncremental | FeedGapException e) {
        start = inc.fullBecause(e.getMessage());
      }
    }
    RunBasis basis = start == null ? RunBasis.STATELESS : StatefulRun.basis(start);
    return both(() -> source.read(policy.directoryQuery()), target::read, deadlineNanos, basis);
  }

  private static <T> T incrementally(String side, Supplier<T> read) {
    try {
      return read.get();
    } catch (UnsupportedOperationException e) {
      throw new NotIncremental(side, e);
    }
  }

  private Read both(
      Supplier<DirectorySnapshot> readDirectory,
      java.util.function.Function<TargetScope, TargetSnapshot> readTarget,
      long deadlineNanos,
      RunBasis basis) {
    TargetCapabilities capabilities = target.capabilities();
    ExecutorService readers = DaemonThreads.fixedPool(2, "ssosync-read");
    ReadProgress progress = new ReadProgress(source, target, listener);
    try {
      CompletableFuture<DirectorySnapshot> directory =
          CompletableFuture.supplyAsync(readDirectory, readers);
      // The target lists users and groups while the directory is read; it needs the directory
      // only to decide whose memberships to read.
      TargetScope scope = new LazyScope(directory, policy, capabilities);
      CompletableFuture<TargetSnapshot> target =
          CompletableFuture.supplyAsync(() -> readTarget.apply(scope), readers);
      DirectorySnapshot dir = join(directory, "directory", deadlineNanos);
      TargetSnapshot tgt = join(target, "target", deadlineNanos);
      progress.close();
      return new Read(dir, tgt, basis);
    } finally {
      progress.stop();
      readers.shutdownNow();
    }
  }

  private <T> T join(CompletableFuture<T> future, String side, long deadlineNanos) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ProviderException(
          ProviderException.Reason.UNAVAILABLE,
          "reading the "
              + side
              + " did not finish within the run's deadline ("
              + deadlineText
              + "); nothing was written");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SsoSyncException("interrupted while reading the " + side, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof SsoSyncException s) {
        throw s;
      }
      throw new ProviderException(
          ProviderException.Reason.UNKNOWN, "reading the " + side + " failed: " + cause, cause);
    }
  }

  /**
   * A membership scope computed once, when the target first asks, from the directory read; groups
   * carrying our anchor are in scope at once, before the directory read ends.
   */
  private static final class LazyScope implements TargetScope {
    private final CompletableFuture<DirectorySnapshot> directory;
    private final SyncPolicy policy;
    private final TargetCapabilities capabilities;
    private volatile @Nullable TargetScope scope;

    LazyScope(
        CompletableFuture<DirectorySnapshot> directory,
        SyncPolicy policy,
        TargetCapabilities capabilities) {
      this.directory = directory;
      this.policy = policy;
      this.capabilities = capabilities;
    }

    @Override
    public boolean includesMembershipsOf(TargetGroup group) {
      TargetScope s = scope;
      if (s == null && !directory.isDone() && capabilities.anchorOf(group.externalIds()) != null) {
        // A group we made is almost always still selected: reading its memberships now, while
        // the directory is still being read, costs at worst a wasted page and saves waiting.
        return true;
      }
      if (s == null) {
        synchronized (this) {
          s = scope;
          if (s == null) {
            s = Planner.membershipScope(directory.join(), policy, capabilities);
            scope = s;
          }
        }
      }
      return s.includesMembershipsOf(group);
    }
  }
}
