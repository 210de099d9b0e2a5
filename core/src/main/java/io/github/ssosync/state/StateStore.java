package io.github.ssosync.state;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the state between runs is kept: the SPI a store implements. A store keeps bytes and a
 * version; {@link StateCodec} turns them into a {@link SyncState}.
 *
 * <p>The one rule: {@link #save} is conditional. Two runs that loaded the same version must never
 * both commit, or the second would overwrite a state that holds the first one's writes with one
 * that does not know them.
 */
public interface StateStore {

  /**
   * The stored bytes and their version.
   *
   * @param content the bytes as saved
   * @param version an opaque token that changes with every save (an S3 ETag, a digest)
   */
  record Stored(byte[] content, String version) {
    /** Validates. */
    public Stored {
      java.util.Objects.requireNonNull(content, "content");
      java.util.Objects.requireNonNull(version, "version");
    }
  }

  /**
   * @return the stored state, or empty if there is none
   * @throws io.github.ssosync.ProviderException if the store could not be read (the run is then
   *     full, and its state is not saved, since whether a newer one exists is unknown)
   */
  Optional<Stored> load();

  /**
   * Saves, if the stored version is still {@code expectedVersion}.
   *
   * @param content the bytes to store
   * @param expectedVersion the version loaded, or null when nothing was stored
   * @return the new version
   * @throws StateConflictException if another run saved since (or saved first)
   * @throws io.github.ssosync.ProviderException if the store could not be written
   */
  String save(byte[] content, @Nullable String expectedVersion);

  /** Where the state is, for messages: {@code s3://bucket/key} or a file's path. */
  String location();
}
