package io.github.ssosync.state;

import io.github.ssosync.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A state kept in a local file; its version is the SHA-256 of its bytes.
 *
 * <p>A save is conditional like the S3 store's: under an exclusive lock on a sibling {@code
 * <name>.lock} file, it re-reads the current version, compares it with the one the run loaded, and
 * replaces the file by an atomic move of a fully written and forced temporary file in the same
 * directory, so that a reader sees the old state or the new one, never a part. The files are
 * owner-only ({@code rw-------}) where the file system has POSIX permissions: the state names every
 * user and group.
 */
public final class FileStateStore implements StateStore {
  /**
   * Locks held by this JVM, by lock file. A file lock is held for the whole JVM and a second {@code
   * FileChannel.lock} on it from another thread throws instead of waiting (FileLock's javadoc), so
   * threads queue here first.
   */
  private static final ConcurrentHashMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;

  private FileStateStore(Path file) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
  }

  /**
   * @param file the state file (need not exist yet; its directory must)
   * @return a store keeping the state in it
   */
  public static FileStateStore of(Path file) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    if (absolute.getFileName() == null) {
      throw new IllegalArgumentException("--state (SSOSYNC_STATE) \"" + file + "\" is not a file");
    }
    return new FileStateStore(absolute);
  }

  @Override
  public Optional<Stored> load() {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(new Stored(bytes, version(bytes)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  @Override
  public String save(byte[] content, @Nullable String expectedVersion) {
    Object jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new Object());
    synchronized (jvmLock) {
      try (FileChannel channel =
              FileChannel.open(
                  lockFile,
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  ownerOnly());
          FileLock lock = channel.lock()) {
        String current = currentVersion();
        if (!Objects.equals(current, expectedVersion)) {
          throw new StateConflictException(
              "the state file "
                  + file
                  + " was "
                  + (current == null ? "deleted" : "saved by another run (version " + current + ")")
                  + " since this run loaded "
                  + (expectedVersion == null ? "it absent" : "version " + expectedVersion)
                  + ": this run's state is not saved");
        }
        replace(content);
        return version(content);
      } catch (IOException e) {
        throw failure("write", e);
      }
    }
  }

  @Override
  public String location() {
    return file.toString();
  }

  private @Nullable String currentVersion() throws IOException {
    try {
      return version(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void replace(byte[] content) throws IOException {
    Path temp =
        Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp", ownerOnly());
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before the move: after a crash the file is the old state or the whole new one.
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Owner-only permissions where the file system has POSIX permissions, else its defaults. */
  private FileAttribute<?>[] ownerOnly() {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  private ProviderException failure(String action, IOException e) {
    ProviderException.Reason reason =
        e instanceof AccessDeniedException
            ? ProviderException.Reason.PERMISSION_DENIED
            : ProviderException.Reason.UNKNOWN;
    String why =
        e instanceof NoSuchFileException
            ? "its directory does not exist (" + e.getMessage() + ")"
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new ProviderException(
        reason, "cannot " + action + " the state file " + file + ": " + why, e);
  }

  static String version(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform has SHA-256 (MessageDigest's javadoc lists it as required).
      throw new IllegalStateException(e);
    }
  }
}
