package io.github.ssosync.provider.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.provider.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An emulator and a key file pointing at it: the real client's setup, in two lines. */
final class GoogleFixture implements AutoCloseable {
  static final RetryPolicy FAST =
      RetryPolicy.builder()
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(50))
          .build();
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
        .directoryApi(
            GoogleDirectorySource.directoryApi()
                .requestsPerSecond(10_000)
                .retryPolicy(FAST)
                .build());
  }

  GoogleDirectorySource source() {
    return builder().build();
  }

  /** The real Directory client, delegated to the admin, pointed at the emulator. */
  Directory directory() {
    try (var in = Files.newInputStream(keyFile)) {
      var credentials =
          ServiceAccountCredentials.fromStream(in)
              .createScoped(GoogleDirectorySource.SCOPES)
              .createDelegated(ADMIN);
      return new Directory.Builder(
              new NetHttpTransport(),
              GsonFactory.getDefaultInstance(),
              new HttpCredentialsAdapter(credentials))
          .setRootUrl(emulator.rootUrl())
          .setApplicationName("ssosync-test")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
