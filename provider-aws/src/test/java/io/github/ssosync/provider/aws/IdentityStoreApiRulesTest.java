package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.loopback.FaultKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.ConflictExceptionReason;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ResourceType;
import software.amazon.awssdk.services.identitystore.model.ThrottlingException;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/** The emulated Identity Store API keeps the API model's rules, seen through the real AWS SDK. */
class IdentityStoreApiRulesTest {
  private final IdentityCenterEmulator aws = IdentityCenterEmulator.start();
  private final IdentitystoreClient sdk =
      IdentitystoreClient.builder()
          .endpointOverride(aws.identityStoreEndpoint())
          .region(Region.of(aws.region()))
          .credentialsProvider(AwsFixture.CREDENTIALS)
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build();
  private final String store = aws.identityStoreId();

  @AfterEach
  void stop() {
    sdk.close();
    aws.close();
  }

  private String user(String name) {
    return sdk.createUser(
            r ->
                r.identityStoreId(store)
                    .userName(name)
                    .name(n -> n.givenName("G").familyName("F"))
                    .displayName("G F"))
        .userId();
  }

  @Test
  void listsTakeOneToOneHundredAndOnlyTheirOwnTokens() {
    for (int i = 0; i < 3; i++) {
      user("u" + i + "@example.com");
      sdk.createGroup(r -> r.identityStoreId(store).displayName("g" + System.nanoTime()));
    }
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId(store).maxResults(0)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId(store).maxResults(101)))
        .isInstanceOf(ValidationException.class);
    String token = sdk.listUsers(r -> r.identityStoreId(store).maxResults(2)).nextToken();
    assertThat(sdk.listUsers(r -> r.identityStoreId(store).nextToken(token)).users()).hasSize(1);
    assertThatThrownBy(() -> sdk.listGroups(r -> r.identityStoreId(store).nextToken(token)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId(store).nextToken("Zm9yZ2Vk")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void errorsCarryTheModelsStatusAndMembers() {
    String id = user("ann@example.com");
    String groupId = sdk.createGroup(r -> r.identityStoreId(store).displayName("ops")).groupId();
    assertThat(id).startsWith(store.substring(2) + "-");
    String missing = store.substring(2) + "-00000000-0000-0000-0000-000000000000";
    assertThatThrownBy(() -> sdk.describeUser(r -> r.identityStoreId(store).userId(missing)))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.resourceType()).isEqualTo(ResourceType.USER);
              assertThat(e.resourceId()).isEqualTo(missing);
            });
    assertThatThrownBy(() -> sdk.describeUser(r -> r.identityStoreId(store).userId("nope")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId("d-0000000000")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> assertThat(e.resourceType()).isEqualTo(ResourceType.IDENTITY_STORE));
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId("store")))
        .isInstanceOf(ValidationException.class);
    sdk.createGroupMembership(
        r -> r.identityStoreId(store).groupId(groupId).memberId(m -> m.userId(id)));
    assertThatThrownBy(
            () ->
                sdk.createGroupMembership(
                    r -> r.identityStoreId(store).groupId(groupId).memberId(m -> m.userId(id))))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.reason())
                  .isEqualTo(ConflictExceptionReason.UNIQUENESS_CONSTRAINT_VIOLATION);
            });
    aws.identityStoreFaults()
        .retryAfterSeconds(3)
        .failNext("AWSIdentityStore.ListGroups", 1, FaultKind.THROTTLE);
    assertThatThrownBy(() -> sdk.listGroups(r -> r.identityStoreId(store)))
        .isInstanceOfSatisfying(
            ThrottlingException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isEqualTo(3);
              assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
                  .contains("3");
            });
  }

  @Test
  void writesKeepToWhatTheApiCanWrite() {
    String id = user("ann@example.com");
    String groupId = sdk.createGroup(r -> r.identityStoreId(store).displayName("ops")).groupId();
    // External ids are not writable through this API, nor is a user's status.
    assertThatThrownBy(
            () ->
                sdk.updateGroup(
                    r ->
                        r.identityStoreId(store)
                            .groupId(groupId)
                            .operations(
                                AttributeOperation.builder()
                                    .attributePath("externalIds")
                                    .attributeValue(Document.fromString("x"))
                                    .build())))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                sdk.updateUser(
                    r ->
                        r.identityStoreId(store)
                            .userId(id)
                            .operations(
                                AttributeOperation.builder()
                                    .attributePath("active")
                                    .attributeValue(Document.fromBoolean(false))
                                    .build())))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> sdk.updateUser(r -> r.identityStoreId(store).userId(id).operations(List.of())))
        .isInstanceOf(ValidationException.class);
    Email one = Email.builder().value("a@x").primary(true).build();
    assertThatThrownBy(
            () ->
                sdk.createUser(
                    r ->
                        r.identityStoreId(store)
                            .userName("bob@example.com")
                            .name(n -> n.givenName("B").familyName("F"))
                            .displayName("B F")
                            .emails(one, one)))
        .isInstanceOf(ValidationException.class);
    // The one documented path of GetGroupId's unique attribute is displayName.
    assertThatThrownBy(
            () ->
                sdk.getGroupId(
                    r ->
                        r.identityStoreId(store)
                            .alternateIdentifier(
                                a ->
                                    a.uniqueAttribute(
                                        u ->
                                            u.attributePath("description")
                                                .attributeValue(Document.fromString("x"))))))
        .isInstanceOf(ValidationException.class);
    assertThat(
            sdk.getGroupId(
                    r ->
                        r.identityStoreId(store)
                            .alternateIdentifier(
                                a ->
                                    a.uniqueAttribute(
                                        u ->
                                            u.attributePath("displayName")
                                                .attributeValue(Document.fromString("OPS")))))
                .groupId())
        .isEqualTo(groupId);
  }
}
