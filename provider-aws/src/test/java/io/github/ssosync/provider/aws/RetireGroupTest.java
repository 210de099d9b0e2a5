package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.targets.Anchor;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.ExternalId;
import software.amazon.awssdk.services.identitystore.model.Group;

/** A group that left the directory's scope records when, in its SCIM externalId. */
class RetireGroupTest {
  private static final Instant LEFT = Instant.parse("2026-11-22T12:00:00Z");

  private final AwsFixture aws = new AwsFixture();

  @AfterEach
  void stop() {
    aws.close();
  }

  private static ObjectRef createGroup(IdentityCenterTarget target) {
    ChangeResult created =
        target
            .apply(
                List.of(
                    new Change.CreateGroup(
                        ObjectRef.pending("g1", "aws-ops@example.com"),
                        new GroupAttributes("aws-ops@example.com", null, "g1"),
                        List.of(),
                        "test")))
            .get(0);
    return ObjectRef.existing(
        Objects.requireNonNull(created.targetId()), "g1", "aws-ops@example.com");
  }

  @Test
  void aRetiredGroupStoresWhenItLeftAndTheTargetReadShowsIt() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    ObjectRef group = createGroup(target);
    String retired = Anchor.leftScope("g1", LEFT).value();
    ChangeResult result =
        target
            .apply(
                List.of(
                    new Change.RetireGroup(
                        group, retired, LEFT.plus(Duration.ofDays(7)), "left the scope")))
            .get(0);
    assertThat(result.applied()).isTrue();
    // One SCIM PATCH replacing externalId, which PatchGroup allows (SCIM guide).
    assertThat(aws.emulator.scimCalls()).containsEntry("scim.PatchGroup", 1L);

    // The Identity Store API shows it under the SCIM issuer, as the service does.
    try (IdentitystoreClient sdk =
        IdentitystoreClient.builder()
            .endpointOverride(aws.emulator.identityStoreEndpoint())
            .region(Region.of(aws.emulator.region()))
            .credentialsProvider(AwsFixture.CREDENTIALS)
            .build()) {
      Group listed =
          sdk.listGroups(r -> r.identityStoreId(aws.emulator.identityStoreId())).groups().get(0);
      assertThat(listed.externalIds())
          .extracting(ExternalId::issuer, ExternalId::id)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(aws.emulator.scimIssuer(), retired));
    }

    // And the target's read hands it to the planner: the same group, anchored, left at LEFT.
    TargetGroup read =
        target.read(TargetScope.allGroups()).groups().stream()
            .filter(g -> g.id().equals(group.targetId()))
            .findFirst()
            .orElseThrow();
    assertThat(target.capabilities().anchor(read.externalIds())).isEqualTo(new Anchor("g1", LEFT));
    assertThat(target.capabilities().anchorOf(read.externalIds())).isEqualTo("g1");
  }

  @Test
  void theIdentityStoreWriteModeCannotRetireAGroup() {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    ObjectRef group = createGroup(target);
    ChangeResult result =
        target
            .apply(
                List.of(
                    new Change.RetireGroup(
                        group, Anchor.leftScope("g1", LEFT).value(), null, "left the scope")))
            .get(0);
    assertThat(Objects.requireNonNull(result.error()).reason()).isEqualTo(Reason.INVALID);
    assertThat(target.capabilities().storesAnchors()).isFalse();
    assertThat(aws.emulator.groups())
        .singleElement()
        .satisfies(g -> assertThat(g.externalIds()).isEmpty());
  }
}
