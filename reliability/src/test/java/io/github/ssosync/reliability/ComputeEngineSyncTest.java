package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ComputeEngineCredentials;
import io.github.ssosync.emulators.google.GoogleAuth;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole sync run on Google Cloud with no key file: the VM's service account, from the metadata
 * server through the real google-auth {@link ComputeEngineCredentials}, signs the delegation as the
 * delegation service account (IAM Credentials {@code signJwt}); the real AWS SDK writes the store.
 */
@Timeout(120)
class ComputeEngineSyncTest {
  private static final SyncPolicy POLICY = Directories.unguarded();
  private static final String SA = "ssosync@emulated-project.iam.gserviceaccount.com";
  private static final String VM_SA = "vm-runner@emulated-project.iam.gserviceaccount.com";

  @Test
  void aWholeSyncRunsOnTheMetadataServersCredentials() {
    try (Rig rig = new Rig(Directories.small(), WriteMode.SCIM)) {
      GoogleAuth auth = rig.google.auth();
      auth.computeEngineServiceAccount(VM_SA, GoogleAuth.CLOUD_PLATFORM);
      auth.grantTokenCreator("serviceAccount:" + VM_SA, SA);

      SyncReport report;
      try (GoogleDirectorySource source =
              GoogleDirectorySource.builder()
                  .credentials(metadataCredentials(auth.metadataUri()))
                  .serviceAccount(SA)
                  .delegatedAdmin("admin@example.com")
                  .authEndpoints(auth.tokenUri(), auth.iamCredentialsUri())
                  .rootUrl(rig.google.rootUrl())
                  .build();
          IdentityCenterTarget target = rig.target().build()) {
        report = SyncEngine.builder().source(source).target(target).policy(POLICY).build().sync();
      }

      assertThat(report.failures()).isEmpty();
      assertThat(rig.aws.users()).isNotEmpty();
      assertThat(rig.google.calls("metadata.token")).isPositive();
      assertThat(rig.google.calls("iamcredentials.signJwt")).isPositive();
      // The store is what a fault-free sync makes: nothing left to do, same content.
      assertThat(rig.plan(POLICY).changes()).isEmpty();
      StoreView.assertSame(rig.store(), rig.reference(POLICY, t -> {}));
    }
  }

  /**
   * The library's metadata-server credentials, its requests for {@code metadata.google.internal}
   * sent to the emulator's loopback port through its public transport factory (the host is
   * otherwise read from the environment's {@code GCE_METADATA_HOST}).
   */
  static ComputeEngineCredentials metadataCredentials(URI metadata) {
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
}
