package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.Selection;
import io.github.ssosync.provider.CallCounter;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.UserQuery;
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

  /**
   * @param content the directory
   */
  public InMemoryDirectorySource(DirectoryContent content) {
    this.content = new AtomicReference<>(content);
  }

  /**
   * @param content the directory from now on
   */
  public void setContent(DirectoryContent content) {
    this.content.set(content);
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
  public Map<String, Long> apiCalls() {
    return calls.snapshot();
  }
}
