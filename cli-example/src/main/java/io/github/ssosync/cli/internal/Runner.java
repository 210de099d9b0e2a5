package io.github.ssosync.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.StalePlanException;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.format.PlanFormat;
import io.github.ssosync.format.PlanFormatException;
import io.github.ssosync.format.ReportFormat;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs {@code sync}, {@code plan} or {@code apply} and turns every outcome into output and an exit
 * code.
 */
public final class Runner {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final String runId = newRunId();

  /**
   * @param env the environment
   * @param out standard output
   * @param err standard error
   * @param terminal whether output goes to a terminal (progress bar)
   */
  public Runner(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** How {@code plan} prints a plan. */
  public enum PlanOutput {
    /** A table for people. */
    TABLE,
    /** JSON, {@code ssosync-plan/v1}. */
    JSON,
    /** GitHub-flavoured Markdown, for pull-request comments and CI job summaries. */
    MARKDOWN
  }

  /**
   * @param o the flags
   * @param planOnly whether to plan and print only
   * @param json whether a plan is printed as JSON
   * @return the exit code
   */
  public int run(Options o, boolean planOnly, boolean json) {
    return run(o, planOnly, json ? PlanOutput.JSON : PlanOutput.TABLE);
  }

  /**
   * @param o the flags
   * @param planOnly whether to plan and print only
   * @param format how a plan is printed
   * @return the exit code
   */
  public int run(Options o, boolean planOnly, PlanOutput format) {
    boolean preview = planOnly || o.dryRun;
    return withEngine(
        o,
        engine -> {
          if (preview) {
            SyncPlan plan = engine.plan();
            out.print(
                switch (format) {
                  // One line when every line is to be JSON; apply reads either.
                  case JSON ->
                      (json(o) ? compact(PlanFormat.json(plan)) : PlanFormat.json(plan))
                          + System.lineSeparator();
                  case MARKDOWN -> Wiring.phrasesInFlags(PlanFormat.markdown(plan));
                  case TABLE -> Wiring.phrasesInFlags(PlanFormat.table(plan));
                });
            write(o.planOut, PlanFormat.json(plan));
            if (plan.blocked()) {
              status(
                  o,
                  "warn",
                  "the plan is blocked by the deletion guard; a sync would write nothing without"
                      + " --allow-deletes");
              return ExitCode.BLOCKED;
            }
            return ExitCode.OK;
          }
          return finish(o, engine.sync());
        });
  }

  /**
   * Runs {@code apply}: applies a plan written earlier by {@code plan --plan-out} (or {@code plan
   * --format json}), exactly as it is, if it is young enough and the target has not changed.
   *
   * @param o the flags
   * @param planFile the plan, {@code ssosync-plan/v1}
   * @param maxPlanAge how old the plan may be ({@code 1h}, {@code 30m}, ISO-8601)
   * @return the exit code
   */
  public int apply(Options o, Path planFile, String maxPlanAge) {
    Duration maxAge;
    SyncPlan plan;
    try {
      maxAge = Durations.parse(maxPlanAge);
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
    } catch (IllegalArgumentException e) {
      status(
          o,
          "error",
          "--max-plan-age \"" + maxPlanAge + "\": " + e.getMessage() + " (e.g. 1h, 30m, 2d)");
      return ExitCode.BAD_CONFIGURATION;
    }
    try {
      plan = PlanFormat.read(Files.readString(planFile));
    } catch (IOException e) {
      status(o, "error", "cannot read the plan \"" + planFile + "\": " + e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    } catch (PlanFormatException e) {
      status(o, "error", "the plan \"" + planFile + "\" cannot be applied: " + e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    }
    return withEngine(
        o,
        engine -> {
          try {
            return finish(o, engine.applyReviewed(plan, maxAge));
          } catch (StalePlanException e) {
            status(o, "error", "plan refused: " + e.getMessage());
            return ExitCode.STALE_PLAN;
          }
        });
  }

  private interface EngineRun {
    int run(SyncEngine engine);
  }

  private int withEngine(Options o, EngineRun body) {
    try {
      configureLogging(o);
      checkOutputDirectory("--plan-out", o.planOut);
      checkOutputDirectory("--report-out", o.reportOut);
      SyncPolicy policy = Wiring.policy(o);
      try (StateWiring state = StateWiring.build(o, env);
          BothSides sides = BothSides.build(o, env)) {
        if (AwsAccess.writeMode(o) == WriteMode.IDENTITY_STORE) {
          status(o, "warn", AwsAccess.IDENTITY_STORE_LIMITS);
        }
        SyncEngine.Builder builder =
            SyncEngine.builder()
                .source(sides.source())
                .target(sides.target())
                .policy(policy)
                .allowBlockedPlan(o.allowDeletes)
                .progressListener(progress(o));
        if (state != null) {
          state.applyTo(builder);
        }
        return body.run(builder.build());
      }
    } catch (ConfigurationException e) {
      for (String p : e.problems()) {
        status(o, "error", Wiring.inFlags(p));
      }
      debug(o, e);
      return ExitCode.BAD_CONFIGURATION;
    } catch (ProviderException e) {
      status(o, "error", "cannot read: " + e.getMessage());
      debug(o, e);
      return ExitCode.UNREACHABLE;
    } catch (RuntimeException e) {
      status(
          o,
          "error",
          "unexpected failure: " + e + (o.debug ? "" : " (run with --debug for details)"));
      debug(o, e);
      return ExitCode.CHANGES_FAILED;
    }
  }

  private int finish(Options o, SyncReport report) {
    if (json(o)) {
      // Every line JSON: the report (ssosync-report/v1) as one line instead of the table.
      out.println(compact(ReportFormat.json(report)));
    } else {
      if (!o.summaryOnly) {
        out.print(Wiring.phrasesInFlags(PlanFormat.table(report.plan())));
      }
      out.print(report.summary());
      if (report.state() != null) {
        // What became of --state: saved, or why not (the next run then starts from the older one).
        out.println("  state " + report.state());
      }
    }
    int code =
        switch (report.status()) {
          case COMPLETED -> ExitCode.OK;
          case BLOCKED -> {
            // The plan above carries the guard's verdict and its bounded list of removals; this
            // line only says what happened and what to do, so the list is printed once.
            status(
                o,
                "error",
                "blocked by the deletion guard, nothing written (the plan above says why; review it"
                    + " with ssosync plan, then --allow-deletes (SSOSYNC_ALLOW_DELETES) applies it)");
            yield ExitCode.BLOCKED;
          }
          case COMPLETED_WITH_FAILURES -> ExitCode.CHANGES_FAILED;
          case STOPPED -> {
            status(
                o,
                "error",
                "stopped part-way: "
                    + report.stopReason()
                    + "; the changes before it were applied, the rest skipped (rotate the"
                    + " credentials, e.g. the SCIM access token, and run again)");
            yield ExitCode.STOPPED;
          }
        };
    // The run is over and has written what the summary says: a file that cannot be written now
    // must not turn into exit 2 ("nothing read or written"), which would hide those writes.
    boolean written =
        writeAfterRun(o, "--plan-out", o.planOut, PlanFormat.json(report.plan()))
            & writeAfterRun(o, "--report-out", o.reportOut, ReportFormat.json(report));
    return written || code != ExitCode.OK ? code : ExitCode.OUTPUT_NOT_WRITTEN;
  }

  private boolean writeAfterRun(Options o, String flag, @Nullable Path file, String json) {
    try {
      write(file, json);
      return true;
    } catch (ConfigurationException e) {
      status(
          o,
          "error",
          flag
              + " ("
              + EnvDefaults.variable(flag)
              + "): "
              + e.getMessage()
              + "; the sync itself ran, as the summary above says");
      return false;
    }
  }

  /**
   * Runs {@code check}.
   *
   * @param o the flags
   * @return the exit code: 0, 2 (configuration) or 4 (credentials, permissions, reach)
   */
  public int check(Options o) {
    try {
      configureLogging(o);
      return new Preflight(env, out).run(o);
    } catch (ConfigurationException e) {
      e.problems().forEach(p -> status(o, "error", p));
      return ExitCode.BAD_CONFIGURATION;
    } catch (RuntimeException e) {
      status(
          o,
          "error",
          "unexpected failure: " + e + (o.debug ? "" : " (run with --debug for details)"));
      debug(o, e);
      return ExitCode.CHANGES_FAILED;
    }
  }

  /** A file the run will write afterwards must have a directory to go to, checked before it. */
  private static void checkOutputDirectory(String flag, @Nullable Path file) {
    Path dir = file == null ? null : file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new ConfigurationException(
          flag + " (" + EnvDefaults.variable(flag) + ") \"" + file + "\": no directory " + dir);
    }
  }

  private void write(@Nullable Path file, String json) {
    if (file == null) {
      return;
    }
    try {
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new ConfigurationException("cannot write \"" + file + "\": " + e.getMessage());
    }
  }

  private void status(Options o, String level, String message) {
    if (json(o) && isLogback()) {
      // The same JSON as every library line, run id included.
      Logger log = LoggerFactory.getLogger("ssosync");
      switch (level) {
        case "error" -> log.error(message);
        case "warn" -> log.warn(message);
        default -> log.info(message);
      }
    } else if (json(o)) {
      ObjectNode line = new ObjectMapper().createObjectNode();
      line.put("level", level);
      line.put("msg", message);
      line.put(LogSetup.RUN_ID, runId);
      err.println(line);
    } else {
      err.println(level + ": " + message);
    }
  }

  private void debug(Options o, Throwable e) {
    if (o.debug) {
      e.printStackTrace(err);
    }
  }

  /**
   * Whether logback is the SLF4J backend in use, by class name: {@link LogSetup} is loaded only
   * then, since loading it needs logback's classes.
   */
  static boolean isLogback() {
    return LoggerFactory.getILoggerFactory()
        .getClass()
        .getName()
        .equals("ch.qos.logback.classic.LoggerContext");
  }

  private static String compact(String json) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      return mapper.writeValueAsString(mapper.readTree(json));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean json(Options o) {
    return o.logFormat.strip().equalsIgnoreCase("json");
  }

  private static String level(Options o) {
    return o.debug ? "debug" : o.logLevel.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Progress at info: lines (JSON ones through the logger) or a bar on a terminal; nothing at
   * {@code --log-level warn} or {@code error}, which ask for problems only.
   */
  private ProgressListener progress(Options o) {
    String level = level(o);
    if (level.equals("warn") || level.equals("error")) {
      return ProgressListener.NONE;
    }
    if (json(o) && isLogback()) {
      Logger log = LoggerFactory.getLogger("ssosync.progress");
      return new ConsoleProgress(log::info);
    }
    return new ConsoleProgress(err, terminal && !json(o));
  }

  private void configureLogging(Options o) {
    String level = level(o);
    List<String> problems = new ArrayList<>();
    if (!List.of("error", "warn", "info", "debug").contains(level)) {
      problems.add(
          "--log-level (SSOSYNC_LOG_LEVEL) \"" + o.logLevel + "\": use error, warn, info or debug");
    }
    if (!json(o) && !o.logFormat.strip().equalsIgnoreCase("text")) {
      problems.add("--log-format (SSOSYNC_LOG_FORMAT) \"" + o.logFormat + "\": use text or json");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    if (isLogback()) {
      LogSetup.configure(err, json(o), level, runId);
      MDC.put(LogSetup.RUN_ID, runId);
    } else {
      // Another backend (an embedding project's): slf4j-simple takes these; others ignore them.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
      System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
      System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
      System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
  }

  /** A short id for one run, on every log line: time and randomness, no SecureRandom seeding. */
  private static String newRunId() {
    return Long.toString(System.currentTimeMillis(), 36)
        + "-"
        + Integer.toString(
            java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(36 * 36 * 36 * 36, Integer.MAX_VALUE),
            36);
  }
}
