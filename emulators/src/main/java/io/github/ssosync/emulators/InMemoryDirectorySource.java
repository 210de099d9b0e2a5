package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.Selection;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.provider.CallCounter;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A directory in memory that answers queries in the project's query language (Google's search
 * syntax, {@link UserQuery} and {@link GroupQuery}), the way {@code GoogleDirectorySource} does:
 * matched users and groups, every group nested in the matched ones, and every user they reference
 * (core's {@link Selection}, the rule every source shares). The reference implementation of {@link
 * DirectorySource}; the content can be swapped between reads.
 */
public final class InMemoryDirectorySource implements DirectorySource {
  private final AtomicReference<DirectoryContent> content;
  private final CallCounter calls = new CallCounter();
  private final ChangeLog<DirectoryChanges> changeLog;

  /**
   * @param content the directory
   */
  public InMemoryDirectorySource(DirectoryContent content) {
    this(content, Clock.systemUTC());
  }

  /**
   * @param content the directory
   * @param clock when changes happen, for the change feed
   */
  public InMemoryDirectorySource(DirectoryContent content, Clock clock) {
    this.content = new AtomicReference<>(content);
    this.changeLog = new ChangeLog<>(clock);
  }

  /**
   * Replaces the directory, recording in the change log every user and group that differs, by email
   * as Google's admin activity events name them (a renamed object by both emails). A group that
   * only lost members who were deleted is not named: the directory drops a deleted user from its
   * groups without an event per group.
   *
   * @param next the directory from now on
   */
  public void setContent(DirectoryContent next) {
    DirectoryContent before = this.content.getAndSet(next);
    changeLog.record(null, ContentDiff.between(before, next));
  }

  /** The events {@link #setContent} recorded, read by {@link InMemoryDirectoryFeed}. */
  public ChangeLog<DirectoryChanges> changeLog() {
    return changeLog;
  }

  /** The directory. */
  public DirectoryContent content() {
    return content.get();
  }

  @Override
  public DirectorySnapshot read(DirectoryQuery query) {
    calls.increment("memory.read");
    DirectoryContent c = content.get();
    return Selection.read(query, Selection.inMemory(c.users(), c.groups(), c.members()));
  }

  @Override
  public DirectorySnapshot readChanged(
      DirectoryQuery query, DirectorySnapshot previous, DirectoryChanges changes) {
    calls.increment("memory.readChanged");
    DirectoryContent c = content.get();
    return Selection.readChanged(
        query, previous, changes, Selection.inMemory(c.users(), c.groups(), c.members()));
  }

  @Override
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }
}
