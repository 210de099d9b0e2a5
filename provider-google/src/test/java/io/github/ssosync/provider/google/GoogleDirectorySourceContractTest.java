package io.github.ssosync.provider.google;

import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.testkit.contract.DirectorySourceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The real Directory client against the emulator passes the source contract. */
class GoogleDirectorySourceContractTest extends DirectorySourceContract {
  @TempDir Path dir;
  private GoogleFixture fixture;

  @Override
  protected DirectorySource createSource(DirectoryContent content) {
    fixture = new GoogleFixture(content, dir);
    return fixture.source();
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }
}
