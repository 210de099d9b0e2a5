package io.github.ssosync.emulators;

import io.github.ssosync.state.StateConflictException;
import io.github.ssosync.state.StateStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StateStore} in memory, conditional as the real ones are: for tests and for embedding the
 * engine where state need not outlive the process.
 */
public final class InMemoryStateStore implements StateStore {
  private @Nullable Stored stored;
  private final AtomicInteger saves = new AtomicInteger();

  @Override
  public synchronized Optional<Stored> load() {
    return Optional.ofNullable(stored);
  }

  @Override
  public synchronized String save(byte[] content, @Nullable String expectedVersion) {
    String current = stored == null ? null : stored.version();
    if (!java.util.Objects.equals(current, expectedVersion)) {
      throw new StateConflictException(
          "the state in memory is at version "
              + current
              + ", not "
              + expectedVersion
              + ": another run saved since");
    }
    String version = "v" + saves.incrementAndGet();
    stored = new Stored(content.clone(), version);
    return version;
  }

  /** Drops the stored state, as if it were lost. */
  public synchronized void clear() {
    stored = null;
  }

  /**
   * Replaces the stored bytes, as another writer would.
   *
   * @param content the bytes
   */
  public synchronized void overwrite(byte[] content) {
    stored = new Stored(content.clone(), "v" + saves.incrementAndGet());
  }

  @Override
  public String location() {
    return "memory";
  }
}
