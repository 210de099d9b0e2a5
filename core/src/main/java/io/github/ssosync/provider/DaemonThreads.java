package io.github.ssosync.provider;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Thread pools of daemon threads, so that a library run never keeps an embedder's JVM alive, with
 * names that say whose threads they are in a thread dump.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /**
   * @param threads the pool's size
   * @param name the threads' name, such as {@code ssosync-apply}
   * @return a fixed pool; shut it down when done
   */
  public static ExecutorService fixedPool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
