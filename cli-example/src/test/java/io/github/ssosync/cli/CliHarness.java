package io.github.ssosync.cli;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Both emulators and an environment that points the CLI at them, with temporary AWS credentials
 * (key, secret and session token) that the Identity Store emulator insists on, as AWS does.
 */
final class CliHarness implements AutoCloseable {
  static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjHarnessSessionToken";

  final GoogleDirectoryEmulator google;
  final IdentityCenterEmulator aws = IdentityCenterEmulator.start();
  final Map<String, String> env = new HashMap<>();
  String out = "";
  String err = "";
  int lastCode = -1;

  CliHarness(Path dir) {
    this(dir, Demo.sampleDirectory());
  }

  CliHarness(Path dir, DirectoryContent content) {
    google = GoogleDirectoryEmulator.start(content);
    Path key = dir.resolve("credentials.json");
    try {
      Files.writeString(key, google.serviceAccountKeyJson("sync@test.iam.gserviceaccount.com"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl());
    env.put("SSOSYNC_GOOGLE_CREDENTIALS", key.toString());
    env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
    env.put("SSOSYNC_REGION", aws.region());
    env.put("SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId());
    env.put("AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "ASIAEMULATORHARNESS1");
    env.put("AWS_SECRET_ACCESS_KEY", "temporary-secret");
    env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
    aws.requireSessionToken(SESSION_TOKEN);
  }

  /** Sets the SCIM endpoint and token. */
  CliHarness scim() {
    env.put("SSOSYNC_ENDPOINT", aws.scimEndpoint().toString());
    env.put("SSOSYNC_ACCESS_TOKEN", aws.scimToken());
    return this;
  }

  int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        SsoSyncCli.run(
            args,
            env,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    lastCode = code;
    return code;
  }

  /** Calls to either AWS API other than reads. */
  long writes() {
    long scimWrites =
        aws.scimCalls().entrySet().stream()
            .filter(x -> !x.getKey().equals("scim.ListUsers"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    long idsWrites =
        aws.identityStoreCalls().entrySet().stream()
            .filter(x -> !x.getKey().contains(".List") && !x.getKey().contains("Describe"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return scimWrites + idsWrites;
  }

  /** Every call made to the AWS emulator, reads included. */
  long awsCalls() {
    return aws.scimCalls().values().stream().mapToLong(Long::longValue).sum()
        + aws.identityStoreCalls().values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    google.close();
    aws.close();
  }
}
