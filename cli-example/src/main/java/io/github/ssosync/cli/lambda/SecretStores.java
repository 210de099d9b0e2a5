package io.github.ssosync.cli.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads the secrets that {@code SSOSYNC_ACCESS_TOKEN_SECRET} and {@code
 * SSOSYNC_GOOGLE_CREDENTIALS_SECRET} name, at the start of each run (never before a SnapStart
 * snapshot): an SSM Parameter Store parameter when the value is a parameter ARN ({@code
 * arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME}), else a Secrets Manager secret (its id or ARN).
 *
 * <p>Secrets Manager goes through the SDK client the jar already has. Parameter Store goes through
 * the SDK's own SigV4 signer and credentials chain over the JDK's HTTP client: the SDK's {@code
 * ssm} module is not served at the SDK version this project pins (DESIGN.md), and the Parameters
 * and Secrets Lambda extension, the other way, authenticates with {@code AWS_SESSION_TOKEN}, which
 * a SnapStart function does not have (it gets container credentials instead).
 *
 * <p>Credentials: the function role's, from the environment when it states them (with their session
 * token), else the SDK's default chain (container credentials under SnapStart). Endpoints: {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL_SSM} or {@code AWS_ENDPOINT_URL}, as
 * the SDKs name them, else the service's regional endpoint.
 */
final class SecretStores implements Function<String, String> {
  /** arn:partition:ssm:region:account:parameter/name (Systems Manager's ARN format). */
  private static final Pattern PARAMETER_ARN =
      Pattern.compile("arn:(aws[a-z-]*):ssm:([a-z0-9-]+):(\\d{12}):parameter/.+");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> environment;

  SecretStores(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String apply(String reference) {
    Matcher m = PARAMETER_ARN.matcher(reference);
    return m.matches() ? parameter(reference, m.group(1), m.group(2)) : secret(reference);
  }

  private @Nullable String env(String... names) {
    for (String name : names) {
      String v = environment.get(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  private AwsCredentialsProvider credentials() {
    AwsCredentialsProvider stated = LambdaSettings.statedCredentials(environment);
    return stated != null ? stated : DefaultCredentialsProvider.builder().build();
  }

  private String secret(String id) {
    SecretsManagerClientBuilder b =
        SecretsManagerClient.builder().credentialsProvider(credentials());
    String endpoint = env("AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL");
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    String region = env("AWS_REGION", "AWS_DEFAULT_REGION", "SSOSYNC_REGION");
    if (region != null) {
      b.region(Region.of(region));
    }
    try (SecretsManagerClient client = b.build()) {
      return client.getSecretValue(r -> r.secretId(id)).secretString();
    }
  }

  /**
   * GetParameter with decryption, in the AWS JSON 1.1 protocol of the SSM API reference: {@code
   * POST /} with {@code X-Amz-Target: AmazonSSM.GetParameter} and {@code {"Name",
   * "WithDecryption"}}; the answer's {@code Parameter.Value} is the secret. Name may be the ARN
   * (GetParameter: "The name or Amazon Resource Name (ARN) of the parameter").
   */
  private String parameter(String arn, String partition, String region) {
    String endpoint = env("AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL");
    URI uri =
        URI.create(
            endpoint != null
                ? endpoint
                : "https://ssm." + region + "." + PartitionMetadata.of(partition).dnsSuffix());
    byte[] body =
        JSON.createObjectNode()
            .put("Name", arn)
            .put("WithDecryption", true)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri.resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials().resolveCredentials())
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
            .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(signed.getUri())
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed
        .headers()
        .forEach(
            (name, values) -> {
              // The JDK sets Host and Content-Length itself, to the values that were signed.
              if (!List.of("host", "content-length")
                  .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        // The error's type and message only: an error never carries the value.
        throw new IllegalStateException(
            "SSM parameter "
                + arn
                + ": "
                + answer.path("__type").asText("HTTP " + response.statusCode())
                + " "
                + answer.path("message").asText(answer.path("Message").asText("")));
      }
      JsonNode value = answer.path("Parameter").path("Value");
      if (!value.isTextual()) {
        throw new IllegalStateException("SSM parameter " + arn + ": the answer holds no value");
      }
      return value.asText();
    } catch (IOException e) {
      throw new IllegalStateException(
          "SSM parameter " + arn + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("SSM parameter " + arn + ": interrupted", e);
    }
  }
}
