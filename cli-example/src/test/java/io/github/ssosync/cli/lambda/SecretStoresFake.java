package io.github.ssosync.cli.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Secrets Manager's GetSecretValue and Systems Manager's GetParameter on loopback, as strict as the
 * services on what a client sends: the AWS JSON 1.1 protocol ({@code POST /}, {@code Content-Type:
 * application/x-amz-json-1.1}, {@code X-Amz-Target: secretsmanager.GetSecretValue} or {@code
 * AmazonSSM.GetParameter}, per the services' API references), a SigV4 signature recomputed here for
 * the service's signing name and region (a wrong key or scope is refused, as AWS refuses it with
 * 403 InvalidSignatureException), the session token of temporary credentials, and GetParameter's
 * {@code WithDecryption}: without it a SecureString comes back encrypted.
 */
final class SecretStoresFake implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final AwsCredentials credentials;
  private final String region;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> parameters = new ConcurrentHashMap<>();

  /** Each request's target and signing service, in order. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  SecretStoresFake(AwsCredentials credentials, String region) throws IOException {
    this.credentials = credentials;
    this.region = region;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void secret(String id, String value) {
    secrets.put(id, value);
  }

  void parameter(String arn, String value) {
    parameters.put(arn, value);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String service =
          "secretsmanager.GetSecretValue".equals(target)
              ? "secretsmanager"
              : "AmazonSSM.GetParameter".equals(target) ? "ssm" : null;
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().equals("/")
          || service == null) {
        reply(exchange, 400, error("UnknownOperationException", "unknown operation " + target));
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
        reply(exchange, 400, error("SerializationException", "Content-Type " + contentType));
        return;
      }
      String refused = signatureProblem(exchange, body, service);
      if (refused != null) {
        reply(exchange, 403, error("InvalidSignatureException", refused));
        return;
      }
      calls.add(target + " signed for " + service);
      JsonNode input = JSON.readTree(body);
      if (service.equals("secretsmanager")) {
        String id = input.path("SecretId").asText();
        String value = secrets.get(id);
        if (value == null) {
          reply(
              exchange,
              400,
              error(
                  "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
          return;
        }
        ObjectNode out = JSON.createObjectNode().put("ARN", id).put("Name", id);
        out.put("SecretString", value).put("VersionId", "v1").put("CreatedDate", 1.7e9);
        out.putArray("VersionStages").add("AWSCURRENT");
        reply(exchange, 200, out);
      } else {
        String name = input.path("Name").asText();
        String value = parameters.get(name);
        if (value == null) {
          reply(exchange, 400, error("ParameterNotFound", ""));
          return;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("ARN", name).put("Name", name).put("Type", "SecureString").put("Version", 1);
        p.put(
            "Value",
            input.path("WithDecryption").asBoolean(false)
                ? value
                : java.util.Base64.getEncoder().encodeToString(value.getBytes()));
        p.put("DataType", "text").put("LastModifiedDate", 1.7e9);
        ObjectNode out = JSON.createObjectNode();
        out.set("Parameter", p);
        reply(exchange, 200, out);
      }
    }
  }

  /** Null when the request carries a valid SigV4 signature for this service; else why not. */
  private String signatureProblem(HttpExchange exchange, byte[] body, String service) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
    if (!m.matches()) {
      return "missing or malformed Authorization";
    }
    if (!m.group(1).equals(credentials.accessKeyId())) {
      return "unknown access key";
    }
    if (!m.group(3).equals(region) || !m.group(4).equals(service)) {
      return "credential scope " + m.group(3) + "/" + m.group(4);
    }
    String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    if (credentials instanceof AwsSessionCredentials s && !s.sessionToken().equals(token)) {
      return "temporary credentials without their session token";
    }
    String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    if (date == null) {
      return "no X-Amz-Date";
    }
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + "/"));
    for (String name : m.group(5).split(";")) {
      if (!name.equals("host")) {
        request.putHeader(name, exchange.getRequestHeaders().get(name));
      }
    }
    Instant at = Instant.from(AMZ_DATE.parse(date));
    String expected =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
            .request()
            .firstMatchingHeader("Authorization")
            .orElse("");
    Matcher e = AUTHORIZATION.matcher(expected);
    return e.matches() && e.group(6).equals(m.group(6)) ? null : "signature does not match";
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static AwsCredentials basic(String id, String secret) {
    return AwsBasicCredentials.create(id, secret);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
