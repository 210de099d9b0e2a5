package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.cli.internal.AwsAccess;
import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.cli.internal.Options;
import io.github.ssosync.cli.internal.Wiring;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetScope;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Lambda, ECS, IAM Identity Center sign-in and assumed roles all give temporary credentials, whose
 * session token must travel with every request; AWS refuses a request without it.
 */
class TemporaryCredentialsTest {
  private static final String REFUSED = "The security token included in the request is invalid";

  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(dir).scim();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @ParameterizedTest(name = "{0} writes")
  @ValueSource(strings = {"scim", "identitystore"})
  void aSyncWithTemporaryCredentialsSendsTheSessionTokenWithEveryRequest(String mode) {
    assertThat(cli.run("-g", "email:aws-*", "--write-mode", mode)).as(cli.err).isEqualTo(0);
    assertThat(cli.aws.users()).hasSizeGreaterThan(20);
    assertThat(cli.err).doesNotContain("temporary-secret").doesNotContain(CliHarness.SESSION_TOKEN);
  }

  @Test
  void withoutTheSessionTokenTheStoreRefusesEveryCallAndNothingIsWritten() {
    cli.env.remove("AWS_SESSION_TOKEN");
    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(cli.err).contains(REFUSED);
    assertThat(cli.writes()).isZero();
    assertThat(cli.aws.users()).isEmpty();
  }

  @Test
  void theOldWiringDroppedTheTokenAndWasRefusedTheNewOneSendsIt() {
    Options o = new Options();
    o.region = cli.aws.region();
    o.identityStoreId = cli.aws.identityStoreId();
    o.writeMode = "identitystore";
    Map<String, String> env = cli.env;
    // What the CLI used to build: a key and a secret, the session token ignored.
    IdentityCenterTarget.Builder old =
        Wiring.targetBuilder(o, env)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))));
    try (IdentityTarget target = old.build()) {
      assertThatThrownBy(() -> target.read(TargetScope.allGroups()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(ProviderException.Reason.UNAUTHENTICATED);
                assertThat(e.getMessage())
                    .contains("UnrecognizedClientException")
                    .contains(REFUSED);
              });
    }
    try (IdentityTarget target = Wiring.target(o, env)) {
      assertThat(target.read(TargetScope.allGroups()).users()).isEmpty();
    }
  }

  /**
   * Without keys of its own in the CLI's environment the library gets no credentials from the CLI
   * and uses the SDK's default chain, whose first source is the {@code aws.*} system properties;
   * the chain's environment source reads the process environment, which a test cannot set.
   */
  @Test
  void withoutKeysOfItsOwnTheCliLeavesCredentialsToTheSdkDefaultChainWhichSendsTheToken() {
    cli.env.remove("AWS_ACCESS_KEY_ID");
    cli.env.remove("AWS_SECRET_ACCESS_KEY");
    cli.env.remove("AWS_SESSION_TOKEN");
    assertThat(AwsAccess.credentials(cli.env, System.getenv())).isNull();
    Map<String, String> saved = new HashMap<>();
    for (String p : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken"}) {
      saved.put(p, System.getProperty(p));
    }
    System.setProperty("aws.accessKeyId", "ASIAEMULATORCHAIN001");
    System.setProperty("aws.secretAccessKey", "temporary-secret");
    System.setProperty("aws.sessionToken", CliHarness.SESSION_TOKEN);
    try {
      assertThat(cli.run("-g", "email:aws-*")).as(cli.err).isEqualTo(0);
      assertThat(cli.aws.users()).hasSizeGreaterThan(20);
      System.clearProperty("aws.sessionToken");
      cli.aws.resetCalls();
      assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.UNREACHABLE);
      assertThat(cli.err).contains(REFUSED);
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  @Test
  void theCredentialsOfTheProcessAreLeftToTheSdkAndHalfAKeyIsAConfigurationError() {
    Map<String, String> process =
        Map.of("AWS_ACCESS_KEY_ID", "ASIAPROCESS", "AWS_SECRET_ACCESS_KEY", "s");
    assertThat(AwsAccess.credentials(process, process)).isNull();
    assertThat(AwsAccess.credentials(Map.of(), process)).isNull();
    cli.env.remove("AWS_SECRET_ACCESS_KEY");
    assertThat(cli.run("-g", "email:aws-*")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(cli.err).contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set both");
    assertThat(cli.awsCalls()).isZero();
  }
}
