package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.emulators.google.GoogleAuth;
import io.github.ssosync.emulators.google.GoogleAuth.AwsTemporaryCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with no Google key: a Workload Identity Federation configuration from AWS (the Lambda's
 * and ECS's setup) and a user's application default credentials (a laptop's), the service account
 * signing the delegation through IAM Credentials. Every misconfiguration names the flag, its
 * variable and the fix; no secret reaches a line of output, a log or the report.
 */
class KeylessGoogleCliTest {
  private static final String SA = "ssosync@emulated-project.iam.gserviceaccount.com";
  private static final String ACCOUNT = "111122223333";

  @TempDir Path dir;
  private CliHarness cli;
  private GoogleAuth auth;
  private AwsTemporaryCredentials role;
  private String audience;
  private Path config;

  @BeforeEach
  void start() throws IOException {
    cli = new CliHarness(dir).scim();
    auth = cli.google.auth();
    cli.google.trustInThisJvm();
    audience = auth.workloadIdentityProvider("123456789012", "aws-pool", "aws", ACCOUNT);
    auth.grantTokenCreator(auth.federatedRole(audience, ACCOUNT, "ssosync-lambda"), SA);
    // The function role's temporary credentials: the same for AWS and for the federation.
    role = auth.assumeAwsRole(ACCOUNT, "ssosync-lambda", "ssosync-function");
    cli.env.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
    cli.env.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
    cli.env.put("AWS_SESSION_TOKEN", role.sessionToken());
    cli.aws.requireSessionToken(role.sessionToken());
    config = dir.resolve("google-federation.json");
    Files.writeString(config, auth.awsCredentialConfigJson(audience, null));
    cli.env.put("SSOSYNC_GOOGLE_CREDENTIALS", config.toString());
    cli.env.put("SSOSYNC_GOOGLE_SERVICE_ACCOUNT", SA);
    cli.env.put("SSOSYNC_GOOGLE_TOKEN_ENDPOINT", auth.tokenUri().toString());
    cli.env.put("SSOSYNC_GOOGLE_IAM_ENDPOINT", auth.iamCredentialsUri().toString());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void aWholeSyncRunsOnFederationFromTemporaryAwsCredentialsAndLeaksNoSecret() throws IOException {
    Path report = dir.resolve("report.json");
    String logs =
        capturingStandardError(
            () -> cli.run("-g", "email:aws-*", "--report-out", report.toString()));

    assertThat(cli.lastCode).as(cli.err).isEqualTo(ExitCode.OK);
    assertThat(cli.aws.users()).hasSizeGreaterThan(20);
    assertThat(cli.google.calls("sts.token")).isPositive();
    assertThat(cli.google.calls("iamcredentials.signJwt")).isPositive();
    String everything = cli.out + cli.err + logs + Files.readString(report);
    assertThat(everything)
        .doesNotContain(role.secretAccessKey())
        .doesNotContain(role.sessionToken())
        .doesNotContain("ya29.")
        .doesNotContain("AWS4-HMAC-SHA256")
        .doesNotContain("Signature=")
        .doesNotContain("eyJ");
  }

  @Test
  void aUsersApplicationDefaultCredentialsPlanOnALaptop() throws IOException {
    auth.grantTokenCreator("user:alice@example.com", SA);
    Path adc = dir.resolve("application_default_credentials.json");
    Files.writeString(adc, auth.authorizedUserJson("alice@example.com"));

    int code = cli.run("plan", "-g", "email:aws-*", "--google-credentials", adc.toString());

    assertThat(code).as(cli.err).isEqualTo(ExitCode.OK);
    assertThat(cli.out).contains("create user");
    assertThat(cli.google.calls("iamcredentials.signJwt")).isPositive();
  }

  @Test
  void withoutTheServiceAccountTheFlagAndItsVariableAreNamed() {
    cli.env.remove("SSOSYNC_GOOGLE_SERVICE_ACCOUNT");

    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err)
        .contains("--google-service-account (SSOSYNC_GOOGLE_SERVICE_ACCOUNT): required with")
        .contains("roles/iam.serviceAccountTokenCreator");
    assertThat(cli.writes()).isZero();
  }

  @Test
  void withoutTheAdminTheFlagAndItsVariableAreNamed() {
    cli.env.remove("SSOSYNC_GOOGLE_ADMIN");

    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("--google-admin (SSOSYNC_GOOGLE_ADMIN): required");
  }

  @Test
  void anAudienceWithTheProjectIdInsteadOfItsNumberIsRefusedBeforeAnyCall() throws IOException {
    Files.writeString(
        config,
        auth.awsCredentialConfigJson(audience, null)
            .replace("projects/123456789012", "projects/my-project"));

    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err)
        .contains("--google-credentials (SSOSYNC_GOOGLE_CREDENTIALS)")
        .contains("the project number, not its id");
    assertThat(cli.google.totalCalls()).isZero();
  }

  @Test
  void anAudienceOfNoProviderIsRefusedByGoogleAndExplained() throws IOException {
    Files.writeString(
        config,
        auth.awsCredentialConfigJson(audience, null).replace("providers/aws", "providers/x"));

    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(cli.err).contains("invalid_target").contains("workloadIdentityPools/POOL");
    assertThat(cli.writes()).isZero();
  }

  @Test
  void aRoleWithoutTokenCreatorIsToldTheRoleToGrant() {
    auth.revokeTokenCreator(auth.federatedRole(audience, ACCOUNT, "ssosync-lambda"), SA);

    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(cli.err)
        .contains("signJwt on " + SA)
        .contains("roles/iam.serviceAccountTokenCreator on " + SA);
    assertThat(cli.writes()).isZero();
  }

  @Test
  void checkNamesTheSigningAccountThenAMissingRole() {
    cli.run("check", "-g", "email:aws-*");
    assertThat(cli.out)
        .as(cli.err)
        .contains("no key; " + SA + " signs the delegation")
        .contains("Google delegation for admin.directory.user.readonly: users.list answered");

    auth.revokeTokenCreator(auth.federatedRole(audience, ACCOUNT, "ssosync-lambda"), SA);
    assertThat(cli.run("check", "-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(cli.out).contains("roles/iam.serviceAccountTokenCreator on " + SA);
  }

  /** Runs with {@code System.err} captured: where the library's log lines go (slf4j-simple). */
  private static String capturingStandardError(Runnable run) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
