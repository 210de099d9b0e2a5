package io.github.ssosync.emulators;

import io.github.ssosync.feed.DirectoryChangeFeed;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.provider.CallCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The change feed of an {@link InMemoryDirectorySource}: every user and group its content changes
 * named, the way Google's admin activity events name them (a rename by both emails).
 */
public final class InMemoryDirectoryFeed implements DirectoryChangeFeed {
  private final ChangeLog<DirectoryChanges> log;
  private final Duration overlap;
  private final CallCounter calls = new CallCounter();
  private volatile @Nullable String gap;

  /**
   * @param source the source whose log to read
   * @param overlap how far before each window's start to read
   */
  public InMemoryDirectoryFeed(InMemoryDirectorySource source, Duration overlap) {
    this.log = source.changeLog();
    this.overlap = overlap;
  }

  /**
   * @param reason why every later call reports a gap, or null to stop
   */
  public void gap(@Nullable String reason) {
    this.gap = reason;
  }

  @Override
  public String name() {
    return "memory-directory";
  }

  @Override
  public Duration overlap() {
    return overlap;
  }

  @Override
  public DirectoryChanges changes(Instant from, Instant to) {
    calls.increment("memory.activities.list");
    String reason = gap;
    if (reason != null) {
      throw new FeedGapException(reason);
    }
    Set<String> users = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (ChangeLog.Event<DirectoryChanges> e : log.between(from.minus(overlap), to, Set.of())) {
      users.addAll(e.change().userKeys());
      groups.addAll(e.change().groupKeys());
    }
    return new DirectoryChanges(users, groups);
  }

  @Override
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }
}
