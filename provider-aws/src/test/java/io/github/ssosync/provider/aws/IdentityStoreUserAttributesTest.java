package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.provider.aws.internal.IdentityCenterLimits;
import io.github.ssosync.targets.TargetCapabilities;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.Address;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.CreateUserRequest;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/**
 * The optional user attributes of the emulated Identity Store API, seen through the real AWS SDK:
 * the enterprise extension only when asked for, the model's limits, and the capabilities each write
 * mode declares.
 */
class IdentityStoreUserAttributesTest {
  private static final String ENTERPRISE = "aws:identitystore:enterprise";
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

  private CreateUserRequest.Builder user(String name) {
    return CreateUserRequest.builder()
        .identityStoreId(store)
        .userName(name)
        .name(n -> n.givenName("G").familyName("F"))
        .displayName("G F");
  }

  private User listed(String id, boolean extension) {
    return sdk
        .listUsers(
            r -> {
              r.identityStoreId(store);
              if (extension) {
                r.extensions(ENTERPRISE);
              }
            })
        .users()
        .stream()
        .filter(u -> u.userId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theEnterpriseExtensionIsReturnedOnlyWhenAskedFor() {
    String boss = sdk.createUser(user("boss@example.com").build()).userId();
    Document ext =
        Document.fromMap(
            Map.of(
                "department",
                Document.fromString("R&D"),
                "manager",
                Document.fromMap(Map.of("value", Document.fromString(boss)))));
    String id =
        sdk.createUser(
                user("ann@example.com")
                    .title("Engineer")
                    .addresses(Address.builder().locality("Paris").type("work").build())
                    .extensions(Map.of(ENTERPRISE, ext))
                    .build())
            .userId();

    User plain = listed(id, false);
    assertThat(plain.title()).isEqualTo("Engineer");
    assertThat(plain.addresses().get(0).locality()).isEqualTo("Paris");
    assertThat(plain.hasExtensions()).isFalse();
    User full = listed(id, true);
    Document got = full.extensions().get(ENTERPRISE);
    assertThat(got.asMap().get("department").asString()).isEqualTo("R&D");
    assertThat(got.asMap().get("manager").asMap().get("value").asString()).isEqualTo(boss);
    assertThat(
            sdk.describeUser(r -> r.identityStoreId(store).userId(id).extensions(ENTERPRISE))
                .extensions())
        .containsKey(ENTERPRISE);
    assertThat(sdk.describeUser(r -> r.identityStoreId(store).userId(id)).hasExtensions())
        .isFalse();
    // The same store seen through SCIM: one user, one set of values.
    assertThat(aws.users().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow())
        .satisfies(
            u ->
                assertThat(u.optional())
                    .containsEntry(UserAttribute.DEPARTMENT, "R&D")
                    .containsEntry(UserAttribute.MANAGER, boss)
                    .containsEntry(UserAttribute.TITLE, "Engineer"));
  }

  @Test
  void aScimCreatedUsersEnterpriseAttributesShowOnlyWithTheExtension() throws Exception {
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
            + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],"
            + "\"userName\":\"ann@example.com\",\"displayName\":\"G F\","
            + "\"name\":{\"givenName\":\"G\",\"familyName\":\"F\"},\"title\":\"Engineer\","
            + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
            + "{\"costCenter\":\"42\"}}";
    java.net.http.HttpResponse<String> created =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(aws.scimEndpoint() + "Users"))
                    .header("Authorization", "Bearer " + aws.scimToken())
                    .header("Content-Type", "application/scim+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(created.body())
            .path("id")
            .asText();

    assertThat(listed(id, false).title()).isEqualTo("Engineer");
    assertThat(listed(id, false).hasExtensions()).isFalse();
    assertThat(listed(id, true).extensions().get(ENTERPRISE).asMap().get("costCenter").asString())
        .isEqualTo("42");
  }

  @Test
  void whatTheModelRefusesIsAValidationException() {
    // Extensions: only aws:identitystore:enterprise; names of the model's pattern.
    assertThatThrownBy(
            () -> sdk.listUsers(r -> r.identityStoreId(store).extensions("aws:identitystore:hr")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sdk.listUsers(r -> r.identityStoreId(store).extensions("enterprise")))
        .isInstanceOf(ValidationException.class);
    // SensitiveStringType: 1..1024.
    assertThatThrownBy(() -> sdk.createUser(user("a@example.com").title("t".repeat(1025)).build()))
        .isInstanceOf(ValidationException.class);
    // Addresses and PhoneNumbers hold exactly one item.
    Address one = Address.builder().locality("X").build();
    assertThatThrownBy(() -> sdk.createUser(user("b@example.com").addresses(one, one).build()))
        .isInstanceOf(ValidationException.class);
    // An unknown extension, or an unknown member of the enterprise one.
    assertThatThrownBy(
            () ->
                sdk.createUser(
                    user("c@example.com")
                        .extensions(
                            Map.of(
                                ENTERPRISE,
                                Document.fromMap(Map.of("shoeSize", Document.fromString("9")))))
                        .build()))
        .isInstanceOf(ValidationException.class);
    String id = sdk.createUser(user("d@example.com").build()).userId();
    // UpdateUser cannot name the extension: AttributePath is letters and dots.
    assertThatThrownBy(
            () ->
                sdk.updateUser(
                    r ->
                        r.identityStoreId(store)
                            .userId(id)
                            .operations(
                                AttributeOperation.builder()
                                    .attributePath("enterprise.department")
                                    .attributeValue(Document.fromString("R&D"))
                                    .build())))
        .isInstanceOf(ValidationException.class);
    sdk.updateUser(
        r ->
            r.identityStoreId(store)
                .userId(id)
                .operations(
                    AttributeOperation.builder()
                        .attributePath("name.middleName")
                        .attributeValue(Document.fromString("Q"))
                        .build()));
    assertThat(listed(id, false).name().middleName()).isEqualTo("Q");
  }

  @Test
  void theDeclaredLimitsRefuseWhatTheServiceRefuses() {
    var limits = IdentityCenterLimits.LIMITS;
    assertThat(limits.problem(UserAttribute.TITLE, "t".repeat(1025))).contains("1024");
    assertThat(limits.problem(UserAttribute.TITLE, "Engineer")).isNull();
    assertThat(limits.problem(UserAttribute.LOCALITY, "Par\tis")).isNotNull();
    assertThat(limits.problem(UserAttribute.NICK_NAME, "Ann\tie")).isNull();
    assertThat(limits.problem(UserAttribute.DEPARTMENT, " ")).isNotNull();
    // And the emulator agrees on each refusal.
    assertThatThrownBy(
            () ->
                sdk.createUser(
                    user("e@example.com")
                        .addresses(Address.builder().locality("Par\tis").build())
                        .build()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theIdentityStoreModeRefusesAnEnterpriseChangeWithAClearReason() {
    String id = sdk.createUser(user("ann@example.com").build()).userId();
    try (IdentityCenterTarget target = aws(WriteMode.IDENTITY_STORE)) {
      io.github.ssosync.change.UserAttributes wanted =
          new io.github.ssosync.change.UserAttributes(
              "ann@example.com",
              "G",
              "F",
              "G F",
              "ann@example.com",
              true,
              null,
              Map.of(UserAttribute.DEPARTMENT, "R&D"),
              null);
      var result =
          target
              .apply(
                  java.util.List.of(
                      new io.github.ssosync.change.Change.UpdateUser(
                          io.github.ssosync.change.ObjectRef.existing(id, null, "ann@example.com"),
                          wanted,
                          java.util.List.of(
                              new io.github.ssosync.change.AttributeChange(
                                  "enterprise.department", null, "R&D")),
                          "test")))
              .get(0);
      assertThat(result.applied()).isFalse();
      assertThat(result.error().getMessage())
          .contains("enterprise.department")
          .contains("SCIM write mode");
    }
  }

  private IdentityCenterTarget aws(WriteMode mode) {
    return IdentityCenterTarget.builder()
        .region(aws.region())
        .identityStoreEndpoint(aws.identityStoreEndpoint())
        .credentialsProvider(AwsFixture.CREDENTIALS)
        .identityStoreId(store)
        .writeMode(mode)
        .build();
  }

  @Test
  void eachWriteModeDeclaresTheAttributesItWrites() {
    try (AwsFixture f = new AwsFixture();
        IdentityCenterTarget scimTarget = f.target(WriteMode.SCIM);
        IdentityCenterTarget idsTarget = f.target(WriteMode.IDENTITY_STORE)) {
      TargetCapabilities scim = scimTarget.capabilities();
      TargetCapabilities ids = idsTarget.capabilities();
      for (UserAttribute a : UserAttribute.values()) {
        assertThat(scim.canWrite(a)).as(a.key()).isTrue();
        assertThat(ids.canWrite(a)).as(a.key()).isEqualTo(!a.enterprise());
      }
    }
  }
}
