package io.github.ssosync.cli.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.ssosync.cli.internal.StateWiring;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.targets.IdentityTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * AWS Lambda entry point: one sync per invocation (a scheduled rule), through the library: {@link
 * LambdaSettings} reads the {@code SSOSYNC_*} variables into a policy, a source and a target, and
 * {@link SyncEngine} runs. Secrets are read at the start of each run from Secrets Manager, or from
 * SSM Parameter Store when their variable holds a parameter ARN: {@code
 * SSOSYNC_ACCESS_TOKEN_SECRET} (the SCIM token) and {@code SSOSYNC_GOOGLE_CREDENTIALS_SECRET} (the
 * service-account key, held in memory, never written to disk).
 *
 * <p>The run's progress is logged as it happens (a run the function's timeout ends keeps what it
 * got to), and the run stops starting changes {@link #TIMEOUT_MARGIN} before the timeout. Each run
 * ends with its summary and its metrics as CloudWatch Embedded Metric Format lines ({@link
 * EmbeddedMetrics}, namespace {@code SSOSYNC_METRICS_NAMESPACE}, default {@code ssosync}, dimension
 * {@code Function}), a run that throws included. A run that does not complete fails the invocation,
 * so that alarms and retries see it; a configuration or read error propagates as the exception that
 * says what is wrong.
 */
public final class SyncHandler implements RequestHandler<Map<String, Object>, String> {
  private final Map<String, String> environment;
  private final Function<String, String> secrets;

  /**
   * The handler Lambda instantiates: the process environment, and Secrets Manager or Parameter
   * Store for the secrets. With SnapStart this runs before the snapshot, so it keeps nothing that
   * must differ between restored copies: no credentials, no SDK client, no random state. Clients
   * and credentials are made in {@link #handleRequest}, each run.
   */
  public SyncHandler() {
    this(System.getenv(), new SecretStores(System.getenv()));
  }

  SyncHandler(Map<String, String> environment, Function<String, String> secrets) {
    this.environment = environment;
    this.secrets = secrets;
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    LambdaLogger logger = context.getLogger();
    // Each line is logged as it happens: a run the function's timeout ends keeps what it did.
    RunLog log = new RunLog(logger::log);
    EmbeddedMetrics metrics = metrics(context);
    long start = System.nanoTime();
    SyncReport report;
    try {
      LambdaSettings settings = LambdaSettings.from(environment);
      try (StateWiring state = settings.state(secrets);
          DirectorySource source = settings.source(secrets);
          IdentityTarget target = settings.target(secrets)) {
        SyncEngine.Builder engine =
            SyncEngine.builder()
                .source(source)
                .target(target)
                .policy(settings.policy())
                .allowBlockedPlan(settings.allowDeletes())
                .progressListener(log)
                .deadline(deadline(context));
        if (state != null) {
          state.applyTo(engine);
        }
        report = engine.build().sync();
      }
    } catch (RuntimeException e) {
      log.line("run failed: " + e.getMessage());
      RunMeasures failed = RunMeasures.failed(Duration.ofNanos(System.nanoTime() - start));
      metrics.lines(failed, Instant.now()).forEach(log::line);
      throw e;
    }
    String summary =
        report.summary() + (report.state() == null ? "" : "  state " + report.state() + "\n");
    log.line(summary);
    metrics.lines(RunMeasures.of(report), Instant.now()).forEach(log::line);
    if (report.status() != SyncReport.Status.COMPLETED) {
      throw new IllegalStateException(
          "the sync did not complete ("
              + report.status()
              + (report.stopReason() == null ? "" : ": " + report.stopReason())
              + "); see the log above");
    }
    return summary;
  }

  /**
   * The run stops starting changes this long before the function's timeout, so that it ends with a
   * report, a summary and its metrics rather than being cut off.
   */
  static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

  private static Duration deadline(Context context) {
    long remaining = context.getRemainingTimeInMillis();
    return Duration.ofMillis(Math.max(remaining / 2, remaining - TIMEOUT_MARGIN.toMillis()))
        .plusMillis(1);
  }

  private EmbeddedMetrics metrics(Context context) {
    String namespace = environment.get("SSOSYNC_METRICS_NAMESPACE");
    return new EmbeddedMetrics(
        namespace == null || namespace.isBlank() ? "ssosync" : namespace.strip(),
        Map.of("Function", context.getFunctionName()));
  }
}
