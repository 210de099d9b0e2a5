package io.github.ssosync.provider.google;

import io.github.ssosync.internal.Retrier;
import io.github.ssosync.testkit.DirectoryContent;
import io.github.ssosync.testkit.google.GoogleDirectoryEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An emulator and a key file pointing at it: the real client's setup, in two lines. */
final class GoogleFixture implements AutoCloseable {
  static final Retrier FAST = new Retrier(4, Duration.ofMillis(5), Duration.ofMillis(50));
  static final String ADMIN = "admin@example.com";

  final GoogleDirectoryEmulator emulator;
  final Path keyFile;

  GoogleFixture(DirectoryContent content, Path dir) {
    emulator = GoogleDirectoryEmulator.start(content);
    keyFile = dir.resolve("credentials.json");
    try {
      Files.writeString(
          keyFile, emulator.serviceAccountKeyJson("sync@emulated-project.iam.gserviceaccount.com"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GoogleDirectorySource.Builder builder() {
    return GoogleDirectorySource.builder()
        .serviceAccountKey(keyFile)
        .delegatedAdmin(ADMIN)
        .rootUrl(emulator.rootUrl())
        .requestsPerSecond(10_000)
        .retrier(FAST);
  }

  GoogleDirectorySource source() {
    return builder().build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
