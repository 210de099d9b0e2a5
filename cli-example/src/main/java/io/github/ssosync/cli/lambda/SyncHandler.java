package io.github.ssosync.cli.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.ssosync.cli.SsoSyncCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Lambda entry point: one sync per invocation (a scheduled rule), configured from the same
 * {@code SSOSYNC_*} variables as the CLI. Secrets are read from Secrets Manager when their variable
 * names a secret: {@code SSOSYNC_ACCESS_TOKEN_SECRET} (the SCIM token) and {@code
 * SSOSYNC_GOOGLE_CREDENTIALS_SECRET} (the service-account key, written to a temporary file). A run
 * that does not end with exit code 0 fails the invocation, so that alarms and retries see it.
 */
public final class SyncHandler implements RequestHandler<Map<String, Object>, String> {
  private final Map<String, String> environment;
  private final Function<String, String> secrets;

  /** The handler Lambda instantiates: the process environment and Secrets Manager. */
  public SyncHandler() {
    this(System.getenv(), SyncHandler::fromSecretsManager);
  }

  SyncHandler(Map<String, String> environment, Function<String, String> secrets) {
    this.environment = environment;
    this.secrets = secrets;
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    Map<String, String> env = new HashMap<>(environment);
    resolveSecrets(env);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = SsoSyncCli.run(new String[] {"sync"}, env, out, out);
    String output = buffer.toString(StandardCharsets.UTF_8);
    context.getLogger().log(output);
    if (code != 0) {
      throw new IllegalStateException("ssosync exited with " + code + "; see the log above");
    }
    return output;
  }

  private void resolveSecrets(Map<String, String> env) {
    String tokenSecret = env.get("SSOSYNC_ACCESS_TOKEN_SECRET");
    if (tokenSecret != null) {
      env.put("SSOSYNC_ACCESS_TOKEN", secrets.apply(tokenSecret));
    }
    String keySecret = env.get("SSOSYNC_GOOGLE_CREDENTIALS_SECRET");
    if (keySecret != null) {
      try {
        Path key = Files.createTempFile("ssosync-credentials", ".json");
        Files.writeString(key, secrets.apply(keySecret));
        key.toFile().deleteOnExit();
        env.put("SSOSYNC_GOOGLE_CREDENTIALS", key.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the Google key to a temporary file", e);
      }
    }
  }

  private static String fromSecretsManager(String secretId) {
    try (SecretsManagerClient client = SecretsManagerClient.create()) {
      return client.getSecretValue(r -> r.secretId(secretId)).secretString();
    }
  }
}
