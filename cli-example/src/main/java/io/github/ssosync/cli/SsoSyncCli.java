package io.github.ssosync.cli;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.cli.internal.EnvDefaults;
import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.cli.internal.Options;
import io.github.ssosync.cli.internal.Runner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssosync}: syncs Google Workspace users and groups into AWS IAM Identity Center. Without a
 * subcommand it syncs, as the original ssosync does; {@code plan} previews, {@code check} checks
 * the setup read-only, {@code demo} runs everything against loopback emulators. Exit codes: 0 done,
 * 1 some changes failed, 2 bad configuration, 3 plan blocked by the deletion guard, 4 source or
 * target unreachable, 5 stopped part-way, 6 a reviewed plan refused by {@code apply}, 7 synced but
 * the plan or report file could not be written.
 */
@Command(
    name = "ssosync",
    description = "Sync Google Workspace users and groups into AWS IAM Identity Center.",
    versionProvider = SsoSyncCli.Version.class,
    sortOptions = false,
    subcommands = {CommandLine.HelpCommand.class})
public final class SsoSyncCli implements Callable<Integer> {
  @Mixin private Options options;

  @Option(
      names = {"-v", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  private boolean version;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  private final Runner runner;
  private final PrintStream out;
  private final PrintStream err;

  private SsoSyncCli(Runner runner, PrintStream out, PrintStream err) {
    this.runner = runner;
    this.out = out;
    this.err = err;
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the CLI with an explicit environment and streams, for tests and embedding.
   *
   * @param args the command line
   * @param env the environment ({@code SSOSYNC_*}, {@code AWS_*} variables). AWS credentials come
   *     from the AWS SDK's default chain, which reads the process's own environment; only keys in
   *     {@code env} that the process does not have are used as given (key, secret and session
   *     token)
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Runner runner = new Runner(env, out, err, System.console() != null && out == System.out);
    CommandLine cli = new CommandLine(new SsoSyncCli(runner, out, err));
    cli.setDefaultValueProvider(new EnvDefaults(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, a) -> {
          String message = e.getMessage() + " (see ssosync --help)";
          if (jsonLogs(args, env)) {
            // Before the options exist, but the line is JSON all the same, as every line is.
            com.fasterxml.jackson.databind.node.ObjectNode line =
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            line.put("level", "ERROR");
            line.put("loggerName", "ssosync");
            line.put("formattedMessage", message);
            err.println(line);
          } else {
            err.println("error: " + message);
          }
          return ExitCode.BAD_CONFIGURATION;
        });
    return cli.execute(args);
  }

  /** Whether {@code --log-format json} (or its variable) is asked for, read before parsing. */
  private static boolean jsonLogs(String[] args, Map<String, String> env) {
    String format = env.getOrDefault("SSOSYNC_LOG_FORMAT", "text");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-format") && i + 1 < args.length) {
        format = args[i + 1];
      } else if (args[i].startsWith("--log-format=")) {
        format = args[i].substring("--log-format=".length());
      }
    }
    return format.strip().equalsIgnoreCase("json");
  }

  /** Syncs (the default command). */
  @Override
  public Integer call() {
    return runner.run(options, false, false);
  }

  /**
   * @param o the flags
   * @return the exit code
   */
  @Command(
      name = "sync",
      description = "Sync (the default when no command is given).",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  int sync(@Mixin Options o) {
    return runner.run(o, false, false);
  }

  /**
   * @param o the flags
   * @param json print the plan as JSON
   * @return the exit code
   */
  @Command(
      name = "plan",
      description = "Print the plan and write nothing.",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  int plan(
      @Mixin Options o,
      @Option(names = "--json", description = "Print the plan as JSON (same as --format json).")
          boolean json,
      @Option(
              names = "--format",
              paramLabel = "FORMAT",
              description =
                  "How to print the plan: table (default), json (ssosync-plan/v1, what apply"
                      + " reads) or markdown (for pull-request comments and CI job summaries).")
          Runner.@Nullable PlanOutput format) {
    if (json && format != null && format != Runner.PlanOutput.JSON) {
      err.println("error: --json and --format " + format + " contradict (see ssosync --help)");
      return ExitCode.BAD_CONFIGURATION;
    }
    return runner.run(
        o, true, json ? Runner.PlanOutput.JSON : format == null ? Runner.PlanOutput.TABLE : format);
  }

  /**
   * @param o the flags
   * @param planFile the reviewed plan
   * @param maxPlanAge how old the plan may be
   * @return the exit code
   */
  @Command(
      name = "apply",
      description =
          "Apply a reviewed plan (written by plan --plan-out or plan --format json) exactly as it"
              + " is. Refused, writing nothing (exit code 6), when the plan is older than"
              + " --max-plan-age or the identity store changed since the plan was made.",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  int apply(
      @Mixin Options o,
      @Parameters(index = "0", paramLabel = "PLAN.json", description = "The plan to apply.")
          Path planFile,
      @Option(
              names = "--max-plan-age",
              paramLabel = "AGE",
              defaultValue = "1h",
              description = "Refuse a plan older than this (default: ${DEFAULT-VALUE}).")
          String maxPlanAge) {
    return runner.apply(o, planFile, maxPlanAge);
  }

  /**
   * @param o the flags
   * @return the exit code
   */
  @Command(
      name = "check",
      description =
          "Check, read-only, what a first sync needs: configuration, Google delegation per scope,"
              + " AWS credentials, identity store, primary region, SCIM endpoint and token, and a"
              + " dry plan. Exit code 0 when all pass, 2 for configuration, 4 for credentials or"
              + " permissions.",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  int check(@Mixin Options o) {
    return runner.check(o);
  }

  /**
   * @return the exit code
   */
  @Command(
      name = "demo",
      description =
          "Run a plan, a sync and a second sync against loopback emulators: no account, no network.",
      mixinStandardHelpOptions = true)
  int demo() {
    return new Demo(out, err, (args, env) -> run(args, env, out, err)).run();
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SsoSyncCli.class.getPackage().getImplementationVersion();
      return new String[] {"ssosync-java " + (v == null ? "(development)" : v)};
    }
  }
}
