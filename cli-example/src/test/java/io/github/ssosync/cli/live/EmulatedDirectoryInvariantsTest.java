package io.github.ssosync.cli.live;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The live source checks in every build, through the real Google client, on the emulator. */
class EmulatedDirectoryInvariantsTest extends DirectorySourceInvariants {
  @TempDir Path dir;
  private GoogleDirectoryEmulator google;

  @Override
  protected DirectorySource createSource() {
    google = GoogleDirectoryEmulator.start(Demo.sampleDirectory());
    try {
      Path key =
          Files.writeString(
              dir.resolve("key.json"),
              google.serviceAccountKeyJson("sa@x.iam.gserviceaccount.com"));
      return GoogleDirectorySource.builder()
          .serviceAccountKey(key)
          .delegatedAdmin("admin@example.com")
          .rootUrl(google.rootUrl())
          .build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected String groupQuery() {
    return "email:aws-*";
  }

  @AfterEach
  void stop() {
    if (google != null) {
      google.close();
    }
  }
}
