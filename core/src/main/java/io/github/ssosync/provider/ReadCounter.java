package io.github.ssosync.provider;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a source or a target has read so far, counted from any thread as pages arrive, for progress
 * (the engine polls {@link #snapshot()} during its read phase). Counts only grow, over the life of
 * the source or target; the engine reports the growth of one read.
 */
public final class ReadCounter {
  private final LongAdder users = new LongAdder();
  private final LongAdder groups = new LongAdder();
  private final LongAdder memberLists = new LongAdder();

  /**
   * @param n users read (a page's worth)
   */
  public void users(long n) {
    users.add(n);
  }

  /**
   * @param n groups read (a page's worth)
   */
  public void groups(long n) {
    groups.add(n);
  }

  /** One group's member list read to its end. */
  public void memberList() {
    memberLists.increment();
  }

  /** The counts now. */
  public ReadCounts snapshot() {
    return new ReadCounts(users.sum(), groups.sum(), memberLists.sum());
  }
}
