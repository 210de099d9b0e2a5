package io.github.ssosync.provider.google;

import static io.github.ssosync.provider.google.KeylessFixture.SA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ComputeEngineCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.emulators.google.GoogleAuth;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On Google Cloud: the VM's service account, from the metadata server through the real google-auth
 * {@link ComputeEngineCredentials}, signs the delegation as the delegation service account through
 * IAM Credentials; no key file anywhere.
 */
class ComputeEngineDelegationTest {
  private static final DirectoryQuery ALL_GROUPS =
      new DirectoryQuery(List.of(), List.of("email:aws-*"));
  private static final String VM_SA = "vm-runner@emulated-project.iam.gserviceaccount.com";
  private static final String TOKEN_PATH =
      "/computeMetadata/v1/instance/service-accounts/default/token";

  /**
   * The library's own credentials for the metadata server. It asks {@code
   * http://metadata.google.internal} (or {@code GCE_METADATA_HOST}, read from the environment); its
   * public transport factory sends requests for that host to the emulator's loopback port, as a
   * VM's resolver would send them to the metadata server.
   */
  private static ComputeEngineCredentials metadataCredentials(KeylessFixture f) {
    URI metadata = f.auth.metadataUri();
    // metadata.google.internal, or GCE_METADATA_HOST when the environment sets it.
    String host = URI.create(ComputeEngineCredentials.getMetadataServerUrl()).getAuthority();
    NetHttpTransport transport =
        new NetHttpTransport.Builder()
            .setConnectionFactory(
                url -> {
                  URL target =
                      url.getAuthority().equals(host)
                          ? new URL("http", metadata.getHost(), metadata.getPort(), url.getFile())
                          : url;
                  return (HttpURLConnection) target.openConnection();
                })
            .build();
    return ComputeEngineCredentials.newBuilder().setHttpTransportFactory(() -> transport).build();
  }

  private static KeylessFixture vm(int groups, int size) {
    KeylessFixture f = new KeylessFixture(KeylessDelegationTest.groups(groups, size));
    f.auth.computeEngineServiceAccount(VM_SA, GoogleAuth.CLOUD_PLATFORM);
    return f;
  }

  @Test
  void theVmsServiceAccountSignsTheDelegationWithNoKey() throws IOException {
    try (KeylessFixture f = vm(3, 4)) {
      f.auth.grantTokenCreator("serviceAccount:" + VM_SA, SA);
      ComputeEngineCredentials credentials = metadataCredentials(f);

      DirectorySnapshot snapshot = f.builder(credentials, SA).build().read(ALL_GROUPS);

      assertThat(snapshot.users()).hasSize(12);
      assertThat(snapshot.groups()).hasSize(3);
      // The whole chain ran: metadata token for the VM's account, signJwt as SA, JWT bearer.
      assertThat(f.emulator.calls("metadata.token")).isEqualTo(1);
      assertThat(f.emulator.calls("iamcredentials.signJwt")).isEqualTo(1);
      assertThat(f.auth.tokensIssued()).isEqualTo(1);
      // The library finds the VM's account where Google lists it.
      assertThat(credentials.getAccount()).isEqualTo(VM_SA);
    }
  }

  @Test
  void theMetadataServerRefusesRequestsWithoutMetadataFlavor() throws IOException {
    try (KeylessFixture f = vm(1, 1)) {
      assertThat(get(f, TOKEN_PATH, null, null)).isEqualTo(403);
      assertThat(get(f, TOKEN_PATH, "google", null)).as("the value is exact").isEqualTo(403);
      assertThat(get(f, TOKEN_PATH, "Google", "10.0.0.1")).as("forwarded").isEqualTo(403);
      assertThat(f.auth.tokensIssued()).isZero();
      assertThat(get(f, TOKEN_PATH, "Google", null)).isEqualTo(200);
      assertThat(
              get(f, "/computeMetadata/v1/instance/service-accounts/default/email", "Google", null))
          .isEqualTo(200);
    }
  }

  @Test
  void aVmWithoutAServiceAccountHasNoToken() throws IOException {
    try (KeylessFixture f = new KeylessFixture(KeylessDelegationTest.groups(1, 1))) {
      assertThat(get(f, TOKEN_PATH, "Google", null)).isEqualTo(404);
      assertThatThrownBy(() -> f.builder(metadataCredentials(f), SA).build().read(ALL_GROUPS))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("Compute Engine metadata");
    }
  }

  @Test
  void aVmAccountWithoutTokenCreatorIsToldWhichRoleToGrant() {
    try (KeylessFixture f = vm(1, 1)) {
      assertThatThrownBy(() -> f.builder(metadataCredentials(f), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
          .hasMessageContaining("signJwt on " + SA)
          .hasMessageContaining("grant the identity of the Google credentials")
          .hasMessageContaining("roles/iam.serviceAccountTokenCreator");
      assertThat(f.emulator.calls("metadata.token")).isEqualTo(1);
    }
  }

  @Test
  void aVmWhoseAccessScopesLackCloudPlatformIsToldToAddIt() {
    try (KeylessFixture f = new KeylessFixture(KeylessDelegationTest.groups(1, 1))) {
      f.auth.computeEngineServiceAccount(
          VM_SA, "https://www.googleapis.com/auth/devstorage.read_only");
      f.auth.grantTokenCreator("serviceAccount:" + VM_SA, SA);

      assertThatThrownBy(() -> f.builder(metadataCredentials(f), SA).build().read(ALL_GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
          .hasMessageContaining("insufficient authentication scopes")
          .hasMessageContaining("--scopes cloud-platform")
          .hasMessageNotContaining("serviceAccountTokenCreator");
    }
  }

  @Test
  void metadataServerCredentialsWithoutAServiceAccountFailTheBuild() {
    try (KeylessFixture f = vm(1, 1)) {
      assertThatThrownBy(() -> f.builder(metadataCredentials(f), null).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("serviceAccount: required with Compute Engine metadata server");
    }
  }

  /** A plain GET to the metadata server; the status. */
  private static int get(KeylessFixture f, String path, String flavor, String forwardedFor)
      throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(f.auth.metadataUri() + path).toURL().openConnection();
    if (flavor != null) {
      c.setRequestProperty("Metadata-Flavor", flavor);
    }
    if (forwardedFor != null) {
      c.setRequestProperty("X-Forwarded-For", forwardedFor);
    }
    try {
      int status = c.getResponseCode();
      assertThat(c.getHeaderField("Metadata-Flavor")).isEqualTo("Google");
      return status;
    } finally {
      c.disconnect();
    }
  }
}
