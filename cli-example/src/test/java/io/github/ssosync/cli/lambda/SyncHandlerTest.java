package io.github.ssosync.cli.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleAuth;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyncHandlerTest {
  private final StringBuilder log = new StringBuilder();

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
      String output = new SyncHandler(env, secrets::get).handleRequest(Map.of(), context());
      assertThat(output).contains("Sync completed");
      assertThat(aws.users()).hasSizeGreaterThan(20);
      assertThat(log).contains("Sync completed").doesNotContain(aws.scimToken());
      // The key is held in memory: no file the run left in the temporary directory holds it.
      Set<Path> left = tempFiles();
      left.removeAll(tempBefore);
      assertThat(left).noneMatch(SyncHandlerTest::holdsAKey);

      aws.revokeScimToken();
      assertThatThrownBy(
              () -> new SyncHandler(env, secrets::get).handleRequest(Map.of(), context()))
          .isInstanceOf(ProviderException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(aws.scimToken()));
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
    LambdaLogger logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            log.append(message);
          }

          @Override
          public void log(byte[] message) {
            log.append(new String(message, StandardCharsets.UTF_8));
          }
        };
    return new Context() {
      @Override
      public String getAwsRequestId() {
        return "test";
      }

      @Override
      public String getLogGroupName() {
        return "test";
      }

      @Override
      public String getLogStreamName() {
        return "test";
      }

      @Override
      public String getFunctionName() {
        return "ssosync";
      }

      @Override
      public String getFunctionVersion() {
        return "1";
      }

      @Override
      public String getInvokedFunctionArn() {
        return "arn:aws:lambda:::function:ssosync";
      }

      @Override
      public CognitoIdentity getIdentity() {
        return null;
      }

      @Override
      public ClientContext getClientContext() {
        return null;
      }

      @Override
      public int getRemainingTimeInMillis() {
        return 900_000;
      }

      @Override
      public int getMemoryLimitInMB() {
        return 1024;
      }

      @Override
      public LambdaLogger getLogger() {
        return logger;
      }
    };
  }
}
