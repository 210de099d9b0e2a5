package io.github.ssosync.provider.google;

import static io.github.ssosync.provider.google.KeylessFixture.ADMIN;
import static io.github.ssosync.provider.google.KeylessFixture.SA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Domain-wide delegation with no service-account key, through the real google-auth library and the
 * real Directory client: federated from temporary AWS credentials, from a user's Application
 * Default Credentials, and impersonated; refreshed during a long read; and each way the setup can
 * be wrong, refused with the fix.
 */
class KeylessDelegationTest {
  private static final DirectoryQuery ALL_GROUPS =
      new DirectoryQuery(List.of(), List.of("email:aws-*"));

  /** {@code groups} groups of {@code size} members each, every user in one group. */
  static DirectoryContent groups(int groups, int size) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    for (int g = 0; g < groups; g++) {
      List<DirectoryMember> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        DirectoryUser u =
            DirectoryUser.of("u" + g + "-" + i, "user" + g + "-" + i + "@example.com", "U", "N");
        b.user(u);
        members.add(DirectoryMember.user(u));
      }
      b.group(
          DirectoryGroup.of("g" + g, "aws-" + g + "@example.com", "G" + g),
          members.toArray(DirectoryMember[]::new));
    }
    return b.build();
  }

  @Test
  void federationFromTemporaryAwsCredentialsReadsTheDirectory() {
    try (KeylessFixture f = new KeylessFixture(groups(3, 4))) {
      DirectorySnapshot snapshot = f.builder(f.federated(), SA).build().read(ALL_GROUPS);

      assertThat(snapshot.users()).hasSize(12);
      assertThat(snapshot.groups()).hasSize(3);
      // The whole chain ran: AWS-signed exchange, signJwt by the federated identity, JWT bearer.
      assertThat(f.emulator.calls("sts.token")).isEqualTo(1);
      assertThat(f.emulator.calls("iamcredentials.signJwt")).isEqualTo(1);
      assertThat(f.auth.tokensIssued()).isEqualTo(1);
    }
  }

  @Test
  void aFederationConfigurationThatImpersonatesNamesTheAccountItself() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 2))) {
      // The impersonated account signs for itself, so it needs Token Creator on itself too.
      f.auth.grantTokenCreator("serviceAccount:" + SA, SA);
      String config = f.auth.awsCredentialConfigJson(f.audience, SA);
      assertThat(f.fromJson(config).getClass().getSimpleName()).isEqualTo("AwsCredentials");

      DirectorySnapshot snapshot =
          f.builder(f.federated(f.audience, SA, true), null).build().read(ALL_GROUPS);

      assertThat(snapshot.users()).hasSize(2);
      assertThat(f.emulator.calls("iamcredentials.generateAccessToken")).isEqualTo(1);
    }
  }

  @Test
  void aUsersApplicationDefaultCredentialsSignAsTheServiceAccount() {
    try (KeylessFixture f = new KeylessFixture(groups(2, 3))) {
      f.auth.grantTokenCreator("user:alice@example.com", SA);
      String adc = f.auth.authorizedUserJson("alice@example.com");

      DirectorySnapshot snapshot = f.builder(f.fromJson(adc), SA).build().read(ALL_GROUPS);

      assertThat(snapshot.users()).hasSize(6);
      assertThat(f.emulator.calls("iamcredentials.signJwt")).isEqualTo(1);
    }
  }

  @Test
  void impersonatedCredentialsNeedNoServiceAccountSetting() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 3))) {
      f.auth.grantTokenCreator("user:alice@example.com", SA);
      String adc =
          "{\"type\":\"impersonated_service_account\",\"service_account_impersonation_url\":\""
              + f.auth.generateAccessTokenUri(SA)
              + "\",\"delegates\":[],\"source_credentials\":"
              + f.auth.authorizedUserJson("alice@example.com")
              + "}";

      DirectorySnapshot snapshot = f.builder(f.fromJson(adc), null).build().read(ALL_GROUPS);

      assertThat(snapshot.users()).hasSize(3);
      // The user's own token signs: one grant (Token Creator for the user) is enough.
      assertThat(f.emulator.calls("iamcredentials.generateAccessToken")).isZero();
    }
  }

  @Test
  void tokensAreRefreshedBeforeTheyExpireDuringALongRead() {
    try (KeylessFixture f = new KeylessFixture(groups(12, 2))) {
      f.auth.accessTokenLifetime(Duration.ofSeconds(2));
      f.emulator.faults().latency(Duration.ofMillis(120));
      DelegatedCredentials credentials =
          DelegatedCredentials.builder()
              .source(f.federated())
              .serviceAccount(SA)
              .delegatedAdmin(ADMIN)
              .tokenUri(f.auth.tokenUri())
              .iamCredentialsRoot(f.auth.iamCredentialsUri())
              .refreshMargin(Duration.ofMillis(900))
              .build();
      long start = System.nanoTime();

      DirectorySnapshot snapshot =
          f.builder(credentials, null).concurrency(1).build().read(ALL_GROUPS);

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the read outlived a token")
          .isGreaterThan(Duration.ofSeconds(2));
      assertThat(snapshot.users()).hasSize(24);
      assertThat(f.auth.tokensIssued()).isGreaterThanOrEqualTo(2);
      assertThat(f.auth.expiredTokensRefused())
          .as("no call went out with an expired token")
          .isZero();
    }
  }

  @Test
  void aFederatedIdentityWithoutTokenCreatorIsToldWhichRoleToGrant() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      f.auth.revokeTokenCreator(f.roleMember, SA);

      assertThatThrownBy(() -> f.builder(f.federated(), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
          .hasMessageContaining("signJwt on " + SA)
          .hasMessageContaining("grant the identity of the Google credentials")
          .hasMessageContaining("roles/iam.serviceAccountTokenCreator");
    }
  }

  @Test
  void aWrongAudienceIsRefusedNamingTheFormatItMustHave() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      String wrong = f.audience.replace("providers/aws", "providers/gcp");

      assertThatThrownBy(
              () -> f.builder(f.federated(wrong, null, true), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
          .hasMessageContaining("invalid_target")
          .hasMessageContaining("workloadIdentityPools/POOL/providers/PROVIDER");
    }
  }

  @Test
  void temporaryAwsCredentialsWithoutTheirSessionTokenAreRefused() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      assertThatThrownBy(
              () -> f.builder(f.federated(f.audience, null, false), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHENTICATED))
          .hasMessageContaining("InvalidClientTokenId")
          .hasMessageContaining("session token")
          .hasMessageNotContaining(f.aws.secretAccessKey());
    }
  }

  @Test
  void delegationTheAdminConsoleDidNotAuthoriseNamesTheClientAndScopes() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      f.emulator.refuseDelegation(true);

      assertThatThrownBy(() -> f.builder(f.federated(), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
          .hasMessageContaining("unauthorized_client")
          .hasMessageContaining("Domain-wide delegation")
          .hasMessageContaining("admin.directory.group.readonly");
    }
  }

  @Test
  void missingServiceAccountOrAdminFailTheBuildNamingEach() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      assertThatThrownBy(() -> f.builder(f.federated(), null).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("serviceAccount: required with federated (external_account)");
      assertThatThrownBy(
              () ->
                  GoogleDirectorySource.builder()
                      .credentials(f.federated())
                      .serviceAccount(SA)
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("delegatedAdmin: required");
      assertThatThrownBy(
              () ->
                  DelegatedCredentials.builder()
                      .source(f.federated())
                      .serviceAccount("ssosync")
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("serviceAccount \"ssosync\"")
          .hasMessageContaining("delegatedAdmin: required");
    }
  }

  @Test
  void aServiceAccountsOwnTokenWithoutDelegationCannotReadTheDirectory() {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      // What the library did before: ADC used as they are, no sub.
      f.auth.grantTokenCreator(f.roleMember, SA);
      var direct =
          new com.google.api.services.directory.Directory.Builder(
                  new com.google.api.client.http.javanet.NetHttpTransport(),
                  com.google.api.client.json.gson.GsonFactory.getDefaultInstance(),
                  new com.google.auth.http.HttpCredentialsAdapter(
                      f.federated(f.audience, SA, true).createScoped(GoogleDirectorySource.SCOPES)))
              .setRootUrl(f.emulator.rootUrl())
              .build();

      assertThatThrownBy(() -> direct.users().list().setCustomer("my_customer").execute())
          .hasMessageContaining("403")
          .hasMessageContaining("Not Authorized to access this resource/api");
    }
  }

  @Test
  void credentialsNeverPrintTheirToken() throws Exception {
    try (KeylessFixture f = new KeylessFixture(groups(1, 1))) {
      DelegatedCredentials c =
          DelegatedCredentials.builder()
              .source(f.federated())
              .serviceAccount(SA)
              .delegatedAdmin(ADMIN)
              .tokenUri(f.auth.tokenUri())
              .iamCredentialsRoot(f.auth.iamCredentialsUri())
              .build();
      c.refresh();

      assertThat(c.getAccessToken().getTokenValue()).startsWith("ya29.");
      assertThat(c.toString())
          .doesNotContain(c.getAccessToken().getTokenValue())
          .contains(SA, ADMIN);
    }
  }
}
