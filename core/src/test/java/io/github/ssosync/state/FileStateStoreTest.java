package io.github.ssosync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ssosync.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsNoState() {
    assertThat(FileStateStore.of(dir.resolve("state.json.gz")).load()).isEmpty();
  }

  @Test
  void whatIsSavedIsLoadedWithTheDigestAsVersion() throws Exception {
    FileStateStore store = FileStateStore.of(dir.resolve("state.json.gz"));
    byte[] first = bytes("first");
    String v1 = store.save(first, null);
    assertThat(v1).isEqualTo(sha256(first));
    StateStore.Stored stored = store.load().orElseThrow();
    assertThat(stored.content()).isEqualTo(first);
    assertThat(stored.version()).isEqualTo(v1);

    byte[] second = bytes("second");
    String v2 = store.save(second, v1);
    assertThat(v2).isEqualTo(sha256(second)).isNotEqualTo(v1);
    assertThat(store.load().orElseThrow().content()).isEqualTo(second);
    assertThat(store.location()).isEqualTo(dir.resolve("state.json.gz").toString());
  }

  @Test
  void aSaveAgainstAnOlderVersionIsRefusedAndChangesNothing() {
    FileStateStore store = FileStateStore.of(dir.resolve("state"));
    String v1 = store.save(bytes("one"), null);
    String v2 = store.save(bytes("two"), v1);

    assertThatThrownBy(() -> store.save(bytes("three"), v1))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining(dir.resolve("state").toString())
        .hasMessageContaining(v1)
        .hasMessageContaining(v2);
    assertThatThrownBy(() -> store.save(bytes("three"), null))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("loaded it absent");
    assertThat(store.load().orElseThrow().content()).isEqualTo(bytes("two"));
  }

  @Test
  void aSaveExpectingAFileThatIsGoneIsRefused() throws IOException {
    FileStateStore store = FileStateStore.of(dir.resolve("state"));
    String v1 = store.save(bytes("one"), null);
    Files.delete(dir.resolve("state"));
    assertThatThrownBy(() -> store.save(bytes("two"), v1))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("deleted");
    assertThat(store.load()).isEmpty();
  }

  @Test
  void ofTwoRunsSavingAgainstTheSameVersionExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 25; round++) {
        Path file = dir.resolve("race-" + round);
        // Two stores on one file, as two runs would have.
        FileStateStore a = FileStateStore.of(file);
        FileStateStore b = FileStateStore.of(file);
        String expected = round % 2 == 0 ? null : a.save(bytes("base"), null);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<String>> results =
            pool.invokeAll(
                List.of(
                    attempt(a, "from a", expected, start), attempt(b, "from b", expected, start)));
        List<String> outcomes = Stream.of(results.get(0).get(), results.get(1).get()).toList();
        assertThat(outcomes).containsOnlyOnce("conflict");
        String winner = outcomes.get(0).equals("conflict") ? "from b" : "from a";
        assertThat(a.load().orElseThrow().content()).isEqualTo(bytes(winner));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theFilesAreOwnerOnlyAndNoTemporaryFileStays() throws Exception {
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
    Path file = dir.resolve("state");
    // A file someone made world-readable is replaced by an owner-only one.
    Files.write(file, bytes("old"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    FileStateStore store = FileStateStore.of(file);
    store.save(bytes("new"), sha256(bytes("old")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.lock"))))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("state", "state.lock");
    }
  }

  @Test
  void failuresNameTheFile() throws IOException {
    Path nowhere = dir.resolve("missing-dir").resolve("state");
    FileStateStore store = FileStateStore.of(nowhere);
    assertThat(store.load()).isEmpty();
    assertThatThrownBy(() -> store.save(bytes("x"), null))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining(nowhere.toString())
        .hasMessageContaining("directory does not exist");

    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    assertThatThrownBy(() -> FileStateStore.of(directory).load())
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("cannot read the state file " + directory);
  }

  private static Callable<String> attempt(
      StateStore store, String content, String expected, CyclicBarrier start) {
    return () -> {
      start.await();
      try {
        store.save(bytes(content), expected);
        return "saved";
      } catch (StateConflictException e) {
        return "conflict";
      }
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
