package io.github.ssosync.provider.aws;

import io.github.ssosync.Secret;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.internal.Retrier;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** An emulator and targets pointed at it with the real SDK and the JDK HttpClient. */
final class AwsFixture implements AutoCloseable {
  static final Retrier FAST = new Retrier(5, Duration.ofMillis(5), Duration.ofMillis(50));
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDEMULATOR", "emulator-secret"));

  final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

  IdentityCenterTarget.Builder builder(WriteMode mode) {
    IdentityCenterTarget.Builder b =
        IdentityCenterTarget.builder()
            .region(emulator.region())
            .identityStoreEndpoint(emulator.identityStoreEndpoint())
            .credentialsProvider(CREDENTIALS)
            .identityStoreId(emulator.identityStoreId())
            .identityStoreRequestsPerSecond(10_000)
            .scimRequestsPerSecond(10_000)
            .retrier(FAST)
            .writeMode(mode);
    if (mode == WriteMode.SCIM) {
      b.scimEndpoint(emulator.scimEndpoint()).scimToken(Secret.of(emulator.scimToken()));
    }
    return b;
  }

  IdentityCenterTarget target(WriteMode mode) {
    return builder(mode).build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
