package io.github.ssosync.cli.internal;

import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.targets.IdentityTarget;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The directory source and the identity target, built at the same time: building each is mostly
 * class loading and client set-up (the Google client and its credentials; the AWS SDK client, its
 * TLS context and the credentials chain), a large part of the CLI's start-up that two cores can do
 * side by side (docs/PERFORMANCE.md, "The whole process").
 *
 * @param source the source
 * @param target the target
 */
public record BothSides(DirectorySource source, IdentityTarget target) implements AutoCloseable {

  /**
   * Builds both; when either fails, the other is closed and the failure thrown as it was (the
   * source's first, as when they were built one after the other).
   *
   * @param o the flags
   * @param env the environment
   * @return both sides
   */
  public static BothSides build(Options o, Map<String, String> env) {
    ExecutorService pool = DaemonThreads.fixedPool(1, "ssosync-wiring");
    try {
      CompletableFuture<IdentityTarget> target =
          CompletableFuture.supplyAsync(() -> Wiring.target(o, env), pool);
      DirectorySource source;
      try {
        source = Wiring.source(o, env);
      } catch (RuntimeException e) {
        target.thenAccept(BothSides::closeQuietly);
        throw e;
      }
      try {
        return new BothSides(source, target.join());
      } catch (CompletionException e) {
        closeQuietly(source);
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    } finally {
      pool.shutdown();
    }
  }

  @Override
  public void close() {
    try {
      target.close();
    } finally {
      source.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Already failing for another reason, which is what the user needs to see.
    }
  }
}
