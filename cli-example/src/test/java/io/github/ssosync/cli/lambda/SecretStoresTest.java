package io.github.ssosync.cli.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The Lambda's secrets from Secrets Manager (through the SDK client) and from Parameter Store
 * (through the SDK's signer), against a loopback fake that checks the protocol and the signature.
 */
class SecretStoresTest {
  private static final String PARAMETER =
      "arn:aws:ssm:eu-west-1:123456789012:parameter/ssosync/scim-token";
  private static final String SECRET =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ssosync/google-key-AbCdEf";

  private static Map<String, String> env(SecretStoresFake fake, String secretKey) {
    return Map.of(
        "AWS_ACCESS_KEY_ID",
        "ASIALAMBDAROLE000001",
        "AWS_SECRET_ACCESS_KEY",
        secretKey,
        "AWS_SESSION_TOKEN",
        "IQoJsessionToken",
        "AWS_REGION",
        "eu-west-1",
        "AWS_ENDPOINT_URL_SSM",
        fake.url(),
        "AWS_ENDPOINT_URL_SECRETS_MANAGER",
        fake.url());
  }

  private static SecretStoresFake fake() throws Exception {
    return new SecretStoresFake(
        AwsSessionCredentials.create("ASIALAMBDAROLE000001", "role-secret", "IQoJsessionToken"),
        "eu-west-1");
  }

  @Test
  void aParameterArnReadsParameterStoreAndAnythingElseSecretsManager() throws Exception {
    try (SecretStoresFake fake = fake()) {
      fake.parameter(PARAMETER, "scim-token-value");
      fake.secret(SECRET, "{\"type\": \"service_account\"}");
      SecretStores stores = new SecretStores(env(fake, "role-secret"));

      // Decrypted: the fake hands a SecureString back encrypted without WithDecryption.
      assertThat(stores.apply(PARAMETER)).isEqualTo("scim-token-value");
      assertThat(stores.apply(SECRET)).isEqualTo("{\"type\": \"service_account\"}");
      assertThat(fake.calls)
          .containsExactly(
              "AmazonSSM.GetParameter signed for ssm",
              "secretsmanager.GetSecretValue signed for secretsmanager");

      assertThatThrownBy(
              () -> stores.apply("arn:aws:ssm:eu-west-1:123456789012:parameter/ssosync/missing"))
          .hasMessageContaining("parameter/ssosync/missing")
          .hasMessageContaining("ParameterNotFound");
    }
  }

  @Test
  void aRequestSignedWithTheWrongKeyIsRefused() throws Exception {
    try (SecretStoresFake fake = fake()) {
      fake.parameter(PARAMETER, "scim-token-value");
      SecretStores stores = new SecretStores(env(fake, "not-the-role-secret"));
      assertThatThrownBy(() -> stores.apply(PARAMETER))
          .hasMessageContaining("InvalidSignatureException")
          .hasMessageNotContaining("scim-token-value");
      assertThat(fake.calls).isEmpty();
    }
  }
}
