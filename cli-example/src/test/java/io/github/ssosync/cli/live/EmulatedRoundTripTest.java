package io.github.ssosync.cli.live;

import io.github.ssosync.Secret;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The live round trip in every build, on the emulator, among objects that are not its own. */
class EmulatedRoundTripTest extends RoundTripScenario {
  private final IdentityCenterEmulator aws = IdentityCenterEmulator.start();

  @Override
  protected IdentityTarget realTarget() {
    aws.createUnmanagedUser("ann@live.example", "Ann", "Bystander");
    return IdentityCenterTarget.builder()
        .region(aws.region())
        .identityStoreEndpoint(aws.identityStoreEndpoint())
        .identityStoreId(aws.identityStoreId())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDROUND", "trip")))
        .writeMode(WriteMode.SCIM)
        .scimEndpoint(aws.scimEndpoint())
        .scimToken(Secret.of(aws.scimToken()))
        .build();
  }

  @AfterEach
  void onlyTheBystanderIsLeft() {
    org.assertj.core.api.Assertions.assertThat(aws.users())
        .extracting(u -> u.userName())
        .containsExactly("ann@live.example");
    aws.close();
  }
}
