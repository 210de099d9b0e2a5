package io.github.ssosync.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.Secret;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What the live suite does, in every build: the target contract through {@link PrefixedTarget} on
 * an emulated store that already holds people's objects with the very names the contract uses
 * ({@code ann@example.com}, {@code admins}). Every test passes as on an empty store, and those
 * objects are exactly as they were after it: the live suite touches only its own.
 */
class SharedStoreContractTest extends PrefixedTargetContract {
  private IdentityCenterEmulator aws;
  private List<TargetUser> bystanders;
  private List<TargetGroup> bystanderGroups;

  private void startStoreWithBystanders() {
    aws = IdentityCenterEmulator.start();
    aws.createUnmanagedUser("ann@example.com", "Ann", "Person");
    aws.createUnmanagedUser("bob@example.com", "Bob", "Person");
    aws.createUnmanagedGroup("admins");
    aws.addMembershipDirectly(aws.groupId("admins"), aws.userId("ann@example.com"));
    bystanders = aws.users();
    bystanderGroups = aws.groups();
  }

  @Override
  protected IdentityTarget realTarget() {
    // The contract opens the target before any of this class's @BeforeEach methods run.
    startStoreWithBystanders();
    return IdentityCenterTarget.builder()
        .region(aws.region())
        .identityStoreEndpoint(aws.identityStoreEndpoint())
        .identityStoreId(aws.identityStoreId())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARED", "shared")))
        .identityStoreApi(IdentityCenterTarget.identityStoreApi().requestsPerSecond(10_000).build())
        .scimApi(IdentityCenterTarget.scimApi().requestsPerSecond(10_000).build())
        .writeMode(WriteMode.SCIM)
        .scimEndpoint(aws.scimEndpoint())
        .scimToken(Secret.of(aws.scimToken()))
        .build();
  }

  @Override
  protected void createUnmanagedUser(String userName, String givenName, String familyName) {
    aws.createUnmanagedUser(prefix() + userName, givenName, familyName);
  }

  @Override
  protected void afterCleanup() {
    assertThat(aws.users()).isEqualTo(bystanders);
    assertThat(aws.groups()).isEqualTo(bystanderGroups);
    assertThat(aws.memberships()).hasSize(1);
    aws.close();
  }
}
