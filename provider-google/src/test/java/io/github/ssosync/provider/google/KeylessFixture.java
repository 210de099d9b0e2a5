package io.github.ssosync.provider.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AwsCredentials;
import com.google.auth.oauth2.AwsSecurityCredentials;
import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.ExternalAccountSupplierContext;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.google.GoogleAuth;
import io.github.ssosync.emulators.google.GoogleAuth.AwsTemporaryCredentials;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A Google tenant set up for keyless delegation, as the README's commands set up a real one: a
 * workload identity pool with an AWS provider for account 111122223333, the service account {@link
 * #SA}, and the role {@code ssosync-lambda} whose sessions hold Token Creator on it.
 */
final class KeylessFixture implements AutoCloseable {
  static final String SA = "ssosync@emulated-project.iam.gserviceaccount.com";
  static final String ADMIN = "admin@example.com";
  static final String ACCOUNT = "111122223333";
  static final String ROLE = "ssosync-lambda";

  final GoogleDirectoryEmulator emulator;
  final GoogleAuth auth;
  final String audience;
  final String roleMember;
  final AwsTemporaryCredentials aws;

  KeylessFixture(DirectoryContent content) {
    emulator = GoogleDirectoryEmulator.start(content);
    auth = emulator.auth();
    audience = auth.workloadIdentityProvider("123456789012", "aws-pool", "aws", ACCOUNT);
    roleMember = auth.federatedRole(audience, ACCOUNT, ROLE);
    auth.grantTokenCreator(roleMember, SA);
    aws = auth.assumeAwsRole(ACCOUNT, ROLE, "ssosync-session");
  }

  /** Federated credentials from these temporary AWS credentials, through the real library. */
  GoogleCredentials federated(String audience, @Nullable String impersonate, boolean withSession) {
    AwsCredentials.Builder b =
        AwsCredentials.newBuilder()
            .setAudience(audience)
            .setSubjectTokenType("urn:ietf:params:aws:token-type:aws4_request")
            .setTokenUrl(auth.stsUri().toString())
            .setAwsSecurityCredentialsSupplier(supplier(withSession))
            .setHttpTransportFactory(this::https);
    if (impersonate != null) {
      b.setServiceAccountImpersonationUrl(auth.generateAccessTokenUri(impersonate).toString());
    }
    return b.build();
  }

  GoogleCredentials federated() {
    return federated(audience, null, true);
  }

  private AwsSecurityCredentialsSupplier supplier(boolean withSession) {
    AwsTemporaryCredentials c = aws;
    return new AwsSecurityCredentialsSupplier() {
      private static final long serialVersionUID = 1L;

      @Override
      public String getRegion(ExternalAccountSupplierContext context) {
        return "eu-west-1";
      }

      @Override
      public AwsSecurityCredentials getCredentials(ExternalAccountSupplierContext context) {
        return new AwsSecurityCredentials(
            c.accessKeyId(), c.secretAccessKey(), withSession ? c.sessionToken() : null);
      }
    };
  }

  /** A transport that trusts the emulator's https certificate, as Google's is trusted. */
  NetHttpTransport https() {
    return new NetHttpTransport.Builder()
        .setSslSocketFactory(emulator.clientSslContext().getSocketFactory())
        .build();
  }

  /** A file's credentials, read by the real library. */
  GoogleCredentials fromJson(String json) {
    try {
      return GoogleCredentials.fromStream(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), this::https);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source over these credentials, signing as {@link #SA} when {@code sa} is set. */
  GoogleDirectorySource.Builder builder(GoogleCredentials credentials, @Nullable String sa) {
    GoogleDirectorySource.Builder b =
        GoogleDirectorySource.builder()
            .credentials(credentials)
            .delegatedAdmin(ADMIN)
            .authEndpoints(auth.tokenUri(), auth.iamCredentialsUri())
            .rootUrl(emulator.rootUrl())
            .directoryApi(
                GoogleDirectorySource.directoryApi()
                    .requestsPerSecond(10_000)
                    .retryPolicy(GoogleFixture.FAST)
                    .build());
    if (sa != null) {
      b.serviceAccount(sa);
    }
    return b;
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
