package io.github.ssosync.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's logging when logback is the backend (the shaded {@code ssosync.jar}): every line, the
 * libraries' included, on standard error as text or as JSON from logback's built-in {@link
 * JsonEncoder}, each carrying the run id. Used only when logback is the backend (the runner checks
 * by class name first): verifying this class loads logback's, which a project that embeds the CLI
 * with another backend does not have.
 */
public final class LogSetup {
  /** The key of the run id: a property of the logging context (on every line) and in the MDC. */
  public static final String RUN_ID = "runId";

  private LogSetup() {}

  /**
   * Sends every logger to {@code err} at {@code level}, as text or JSON lines.
   *
   * @param err where the lines go (standard error, or what a test captures)
   * @param json whether each line is a JSON object
   * @param level error, warn, info or debug
   * @param runId the run's id, on every line: a context property, which logback's JSON encoder
   *     writes with each event whatever thread logged it (the engine's pools do not inherit the
   *     MDC)
   */
  public static void configure(PrintStream err, boolean json, String level, String runId) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty(RUN_ID, runId);
    install(context, err, json, Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
  }

  private static void install(LoggerContext context, OutputStream err, boolean json, Level level) {
    Encoder<ILoggingEvent> encoder;
    if (json) {
      JsonEncoder e = new JsonEncoder();
      // The formatted message only: the pattern and its arguments again would double each line.
      e.setWithMessage(false);
      e.setWithArguments(false);
      e.setWithFormattedMessage(true);
      e.setWithSequenceNumber(false);
      e.setWithNanoseconds(false);
      encoder = e;
    } else {
      PatternLayoutEncoder e = new PatternLayoutEncoder();
      // What slf4j-simple printed before: "INFO SyncEngine - planned 3 changes".
      e.setPattern("%level %logger{0} - %msg%n");
      encoder = e;
    }
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName(json ? "json" : "text");
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.setOutputStream(new NonClosing(err));
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(appender);
  }

  /** The stream is the caller's (System.err): stopping the appender must not close it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }

  /**
   * The shaded jar's defaults before the command line is read (and for the Lambda handler, which
   * reads none): info, text, standard error. Registered as a logback {@link Configurator} in the
   * shaded jar only, which spares logback's XML parsing at start-up.
   */
  public static final class Defaults extends ContextAwareBase implements Configurator {
    /** Called by logback's service loader. */
    public Defaults() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
      install(context, System.err, false, Level.INFO);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }
}
