package io.github.ssosync.cli.internal;

import io.github.ssosync.cli.source.FileDirectorySource;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ssosync demo}: starts the Google Directory API and IAM Identity Center emulators on
 * loopback, loads the bundled sample directory, adds a hand-made AWS user that must be left alone,
 * then runs {@code plan}, {@code sync} and a second {@code sync} through the very same command
 * line, the real Google client and the real AWS SDK.
 */
public final class Demo {
  private static final String ADMIN = "admin@example.com";

  /** The command line the demo drives: arguments and environment in, exit code out. */
  @FunctionalInterface
  public interface CommandLine {
    /**
     * @param args the arguments
     * @param env the environment
     * @return the exit code
     */
    int run(String[] args, Map<String, String> env);
  }

  private final PrintStream out;
  private final PrintStream err;
  private final CommandLine cli;

  /**
   * @param out standard output
   * @param err standard error
   * @param cli the command line to run {@code plan} and {@code sync} with
   */
  public Demo(PrintStream out, PrintStream err, CommandLine cli) {
    this.out = out;
    this.err = err;
    this.cli = cli;
  }

  /** The bundled sample directory. */
  public static DirectoryContent sampleDirectory() {
    try (InputStream in =
        Objects.requireNonNull(Demo.class.getResourceAsStream("/demo-directory.yaml"))) {
      FileDirectorySource.Content c = FileDirectorySource.parse(in, "demo-directory.yaml");
      return new DirectoryContent(c.users(), c.groups(), c.members());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the demo; the exit code is that of the second sync, which must find nothing to do. */
  public int run() {
    DirectoryContent content = sampleDirectory();
    try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(content);
        IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
      aws.createUnmanagedUser("breakglass@example.com", "Break", "Glass");
      Path dir = Files.createTempDirectory("ssosync-demo");
      Path key = dir.resolve("credentials.json");
      Files.writeString(
          key, google.serviceAccountKeyJson("ssosync@demo-project.iam.gserviceaccount.com"));
      Map<String, String> env = new HashMap<>();
      env.put("SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl());
      env.put("SSOSYNC_GOOGLE_CREDENTIALS", key.toString());
      env.put("SSOSYNC_GOOGLE_ADMIN", ADMIN);
      env.put("SSOSYNC_GROUP_MATCH", "email:aws-*");
      env.put("SSOSYNC_ENDPOINT", aws.scimEndpoint().toString());
      env.put("SSOSYNC_ACCESS_TOKEN", aws.scimToken());
      env.put("SSOSYNC_REGION", aws.region());
      env.put("SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId());
      env.put("AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString());
      env.put("AWS_ACCESS_KEY_ID", "demo");
      env.put("AWS_SECRET_ACCESS_KEY", "demo");
      out.println(
          "ssosync demo: Google Directory API emulator at "
              + google.rootUrl()
              + ", IAM Identity Center emulators at "
              + aws.identityStoreEndpoint()
              + " (Identity Store) and "
              + aws.scimEndpoint()
              + " (SCIM).");
      out.println(
          "Sample directory: "
              + content.users().size()
              + " users, "
              + content.groups().size()
              + " groups; the AWS store holds one hand-made user, breakglass@example.com.");
      out.println();
      out.println("=== ssosync plan --group-match 'email:aws-*'");
      int plan = cli.run(new String[] {"plan"}, env);
      out.println();
      out.println("=== ssosync --group-match 'email:aws-*'    (sync)");
      int first = cli.run(new String[] {"--summary-only"}, env);
      out.println();
      out.println("=== ssosync --group-match 'email:aws-*'    (again: nothing to do)");
      aws.resetCalls();
      int second = cli.run(new String[] {"--summary-only"}, env);
      boolean untouched =
          aws.users().stream()
              .anyMatch(
                  u -> u.userName().equals("breakglass@example.com") && u.externalIds().isEmpty());
      out.println();
      out.printf(
          "The store now holds %d users (%d inactive), %d groups and %d memberships; breakglass@example.com %s.%n",
          aws.users().size(),
          aws.users().stream().filter(u -> !u.active()).count(),
          aws.groups().size(),
          aws.memberships().size(),
          untouched ? "was left alone" : "WAS CHANGED");
      out.println(
          "The second sync wrote "
              + (aws.scimCalls().keySet().stream().anyMatch(k -> !k.equals("scim.ListUsers"))
                  ? "something (unexpected)"
                  : "nothing")
              + ".");
      return plan == 0 && first == 0 && untouched ? second : ExitCode.CHANGES_FAILED;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CHANGES_FAILED;
    }
  }
}
