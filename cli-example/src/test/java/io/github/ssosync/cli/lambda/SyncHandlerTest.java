package io.github.ssosync.cli.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleAuth;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyncHandlerTest {
  private final StringBuilder log = new StringBuilder();

  /** Each logged line, with how many users the AWS emulator held when it was logged. */
  private final List<Map.Entry<String, Integer>> lines = new CopyOnWriteArrayList<>();

  private IntSupplier usersInAws = () -> 0;

  @Test
  void aScheduledRunReadsItsSecretsSyncsAndFailsLoudlyWhenTheSyncFails() {
    try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(Demo.sampleDirectory());
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      Map<String, String> secrets =
          Map.of(
              "arn:token", aws.scimToken(),
              "arn:key", google.serviceAccountKeyJson("lambda@test.iam.gserviceaccount.com"));
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  "SSOSYNC_GROUP_MATCH", "email:aws-*",
                  "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
                  "SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl(),
                  "SSOSYNC_ENDPOINT", aws.scimEndpoint().toString(),
                  "SSOSYNC_REGION", aws.region(),
                  "SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId(),
                  "SSOSYNC_ACCESS_TOKEN_SECRET", "arn:token",
                  "SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:key",
                  "AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString()));
      // Lambda runs with temporary credentials: key, secret and session token in its
      // environment; AWS refuses a request without the token.
      env.put("AWS_ACCESS_KEY_ID", "ASIAEMULATORLAMBDA01");
      env.put("AWS_SECRET_ACCESS_KEY", "temporary-secret");
      env.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjLambdaSessionToken");
      aws.requireSessionToken("IQoJb3JpZ2luX2VjLambdaSessionToken");
      Set<Path> tempBefore = tempFiles();
      usersInAws = () -> aws.users().size();
      String output = new SyncHandler(env, secrets::get).handleRequest(Map.of(), context());
      assertThat(output).contains("Sync completed");
      assertThat(aws.users()).hasSizeGreaterThan(20);
      // Lines are logged as the run goes, not at its end: the reads and the plan's size were
      // logged before the first user reached AWS, the summary after the last.
      assertThat(lines)
          .filteredOn(l -> l.getKey().startsWith("reading") || l.getKey().startsWith("applying "))
          .hasSize(2)
          .allSatisfy(l -> assertThat(l.getValue()).isZero());
      assertThat(lines)
          .filteredOn(l -> l.getKey().startsWith("applied "))
          .isNotEmpty()
          .last()
          .satisfies(l -> assertThat(l.getKey()).contains("changes in"));
      assertThat(lines)
          .filteredOn(l -> l.getKey().startsWith("Sync completed"))
          .singleElement()
          .satisfies(l -> assertThat(l.getValue()).isEqualTo(aws.users().size()));
      // Then the run's metrics, as CloudWatch Embedded Metric Format lines.
      List<JsonNode> emf = EmbeddedMetricsTest.documents(log());
      JsonNode run = emf.get(0);
      assertThat(run.get("Function").asText()).isEqualTo("ssosync");
      assertThat(run.get("RunsCompleted").asDouble()).isEqualTo(1);
      assertThat(run.get("RunsFailed").asDouble()).isZero();
      assertThat(run.get("status").asText()).isEqualTo("completed");
      assertThat(emf)
          .filteredOn(d -> "create_user".equals(d.path("ChangeKind").asText()))
          .singleElement()
          .satisfies(
              d -> assertThat(d.get("ChangesApplied").asInt()).isEqualTo(aws.users().size()));
      assertThat(emf)
          .filteredOn(d -> d.has("ApiFamily"))
          .extracting(d -> d.get("ApiFamily").asText())
          .contains("google", "identitystore", "scim");
      assertThat(log).contains("Sync completed").doesNotContain(aws.scimToken());
      // The key is held in memory: no file the run left in the temporary directory holds it.
      Set<Path> left = tempFiles();
      left.removeAll(tempBefore);
      assertThat(left).noneMatch(SyncHandlerTest::holdsAKey);

      aws.revokeScimToken();
      lines.clear();
      assertThatThrownBy(
              () -> new SyncHandler(env, secrets::get).handleRequest(Map.of(), context()))
          .isInstanceOf(ProviderException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(aws.scimToken()));
      // A run that ends without a report still says so, to the failed-runs alarm.
      JsonNode failed = EmbeddedMetricsTest.documents(log()).get(0);
      assertThat(failed.get("RunsFailed").asDouble()).isEqualTo(1);
      assertThat(failed.get("status").asText()).isEqualTo("failed");
      assertThat(log()).doesNotContain(aws.scimToken());
    }
  }

  @Test
  void withoutAKeyTheFunctionRoleFederatesAndTheServiceAccountSigns() {
    String sa = "ssosync@emulated-project.iam.gserviceaccount.com";
    try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(Demo.sampleDirectory());
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      google.trustInThisJvm();
      GoogleAuth auth = google.auth();
      String audience = auth.workloadIdentityProvider("123456789012", "aws", "aws", "111122223333");
      auth.grantTokenCreator(auth.federatedRole(audience, "111122223333", "ssosync"), sa);
      GoogleAuth.AwsTemporaryCredentials role =
          auth.assumeAwsRole("111122223333", "ssosync", "ssosync-function");
      Map<String, String> env = new HashMap<>();
      env.put("SSOSYNC_GROUP_MATCH", "email:aws-*");
      env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
      env.put("SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl());
      // The federation configuration inline: it holds no secret.
      env.put("SSOSYNC_GOOGLE_CREDENTIALS", auth.awsCredentialConfigJson(audience, null));
      env.put("SSOSYNC_GOOGLE_SERVICE_ACCOUNT", sa);
      env.put("SSOSYNC_GOOGLE_TOKEN_ENDPOINT", auth.tokenUri().toString());
      env.put("SSOSYNC_GOOGLE_IAM_ENDPOINT", auth.iamCredentialsUri().toString());
      env.put("SSOSYNC_ENDPOINT", aws.scimEndpoint().toString());
      env.put("SSOSYNC_REGION", aws.region());
      env.put("SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId());
      env.put("SSOSYNC_ACCESS_TOKEN_SECRET", "arn:token");
      env.put("AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString());
      env.put("AWS_REGION", "eu-west-1");
      env.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
      env.put("AWS_SESSION_TOKEN", role.sessionToken());
      aws.requireSessionToken(role.sessionToken());

      String output =
          new SyncHandler(env, Map.of("arn:token", aws.scimToken())::get)
              .handleRequest(Map.of(), context());

      assertThat(output).contains("Sync completed");
      assertThat(aws.users()).hasSizeGreaterThan(20);
      assertThat(google.calls("sts.token")).isPositive();
      assertThat(log.toString())
          .doesNotContain(role.secretAccessKey())
          .doesNotContain(role.sessionToken())
          .doesNotContain("ya29.");

      env.put("SSOSYNC_GOOGLE_CREDENTIALS", google.serviceAccountKeyJson(sa));
      env.remove("SSOSYNC_GOOGLE_SERVICE_ACCOUNT");
      assertThatThrownBy(() -> LambdaSettings.from(env).source(x -> ""))
          .hasMessageContaining("SSOSYNC_GOOGLE_CREDENTIALS: holds a service-account key in clear");
    }
  }

  @Test
  void aSettingTheLambdaWouldIgnoreIsRefusedAndSecretsStayOutOfItsDescription() {
    Map<String, String> env =
        Map.of(
            "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
            "SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:key",
            "SSOSYNC_DRY_RUN", "true");
    assertThatThrownBy(() -> new SyncHandler(env, id -> "{}").handleRequest(Map.of(), context()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SSOSYNC_DRY_RUN: not a setting of the Lambda");
    // A configuration that fails before any read is a failed run for the alarms too.
    assertThat(EmbeddedMetricsTest.documents(log()).get(0).get("RunsFailed").asDouble())
        .isEqualTo(1);

    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of(
                        "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
                        "SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:key")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SSOSYNC_USER_MATCH and SSOSYNC_GROUP_MATCH are both empty");

    LambdaSettings settings =
        LambdaSettings.from(
            Map.of(
                "SSOSYNC_GROUP_MATCH", "email:aws-*",
                "SSOSYNC_GOOGLE_ADMIN", "admin@example.com",
                "SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:key",
                "SSOSYNC_ACCESS_TOKEN", "scim-token-value",
                "AWS_SECRET_ACCESS_KEY", "aws-secret-value"));
    assertThat(settings.toString())
        .doesNotContain("scim-token-value")
        .doesNotContain("aws-secret-value");
    assertThatThrownBy(() -> settings.source(id -> "not json"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SSOSYNC_GOOGLE_CREDENTIALS_SECRET \"arn:key\"")
        .hasMessageNotContaining("not json");
  }

  private List<String> log() {
    return lines.stream().map(Map.Entry::getKey).toList();
  }

  private static boolean holdsAKey(Path file) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).contains("private_key");
    } catch (IOException e) {
      return false;
    }
  }

  private static Set<Path> tempFiles() {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.collect(Collectors.toCollection(java.util.HashSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Context context() {
    return new FakeContext(
        message -> {
          log.append(message);
          lines.add(Map.entry(message, usersInAws.getAsInt()));
        });
  }
}
