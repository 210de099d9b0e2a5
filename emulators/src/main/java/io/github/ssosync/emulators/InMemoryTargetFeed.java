package io.github.ssosync.emulators;

import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChangeFeed;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.provider.CallCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The change feed of an {@link InMemoryIdentityTarget}: every change recorded in its {@link
 * ChangeLog}, the way CloudTrail records the Identity Store's writes, with our own runs' tagged
 * writes left out. Tests make it fail or report a gap to prove the engine then runs in full.
 */
public final class InMemoryTargetFeed implements TargetChangeFeed {
  private final ChangeLog<TargetChanges> log;
  private final Duration overlap;
  private final CallCounter calls = new CallCounter();
  private volatile @Nullable String gap;

  /**
   * @param target the target whose log to read
   * @param overlap how far before each window's start to read
   */
  public InMemoryTargetFeed(InMemoryIdentityTarget target, Duration overlap) {
    this.log = target.changeLog();
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
    return "memory-target";
  }

  @Override
  public Duration overlap() {
    return overlap;
  }

  @Override
  public TargetChanges changes(Instant from, Instant to, Set<String> ownRuns) {
    calls.increment("memory.LookupEvents");
    String reason = gap;
    if (reason != null) {
      throw new FeedGapException(reason);
    }
    Set<String> users = new HashSet<>();
    Set<String> groups = new HashSet<>();
    Set<String> membershipGroups = new HashSet<>();
    Set<String> memberships = new HashSet<>();
    for (ChangeLog.Event<TargetChanges> e : log.between(from.minus(overlap), to, ownRuns)) {
      users.addAll(e.change().userIds());
      groups.addAll(e.change().groupIds());
      membershipGroups.addAll(e.change().membershipGroupIds());
      memberships.addAll(e.change().membershipIds());
    }
    return new TargetChanges(users, groups, membershipGroups, memberships);
  }

  @Override
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }
}
