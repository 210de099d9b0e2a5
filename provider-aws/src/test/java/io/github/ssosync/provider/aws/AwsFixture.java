package io.github.ssosync.provider.aws;

import io.github.ssosync.Secret;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.provider.RetryPolicy;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** An emulator and targets pointed at it with the real SDK and the JDK HttpClient. */
final class AwsFixture implements AutoCloseable {
  static final RetryPolicy FAST =
      RetryPolicy.builder()
          .maxAttempts(5)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(50))
          .build();
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDEMULATOR", "emulator-secret"));

  final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

  /** A family at a quota the emulator never notices, with the given retries. */
  static io.github.ssosync.provider.ApiFamily fast(
      io.github.ssosync.provider.ApiFamily.Builder family, RetryPolicy retries) {
    return family.requestsPerSecond(10_000).retryPolicy(retries).build();
  }

  IdentityCenterTarget.Builder builder(WriteMode mode) {
    IdentityCenterTarget.Builder b =
        IdentityCenterTarget.builder()
            .region(emulator.region())
            .identityStoreEndpoint(emulator.identityStoreEndpoint())
            .credentialsProvider(CREDENTIALS)
            .identityStoreId(emulator.identityStoreId())
            .identityStoreApi(fast(IdentityCenterTarget.identityStoreApi(), FAST))
            .scimApi(fast(IdentityCenterTarget.scimApi(), FAST))
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
