package io.github.ssosync.cli.internal;

import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.SyncPhase;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A progress bar on a terminal; plain phase lines (and every tenth of the apply) otherwise, so that
 * logs of scheduled runs stay readable.
 */
public final class ConsoleProgress implements ProgressListener {
  private final Consumer<String> lines;
  private final @Nullable PrintStream out;
  private final boolean terminal;
  private SyncPhase last;
  private long lastTenth = -1;

  /**
   * @param out where to write
   * @param terminal whether {@code out} is a terminal
   */
  public ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.lines = out::println;
    this.terminal = terminal;
  }

  /**
   * Plain lines, each handed to {@code lines} (a logger, for JSON logs).
   *
   * @param lines where each line goes
   */
  public ConsoleProgress(Consumer<String> lines) {
    this.out = null;
    this.lines = lines;
    this.terminal = false;
  }

  @Override
  public synchronized void onProgress(SyncPhase phase, long done, long total) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    PrintStream out = this.out;
    if (terminal && out != null) {
      if (phase == SyncPhase.APPLY && total > 0) {
        int width = 30;
        int filled = (int) (width * done / total);
        out.print(
            "\r"
                + name
                + " ["
                + "#".repeat(filled)
                + ".".repeat(width - filled)
                + "] "
                + done
                + "/"
                + total);
        if (done == total) {
          out.println();
        }
      } else if (phase != last) {
        out.println(name + "...");
      }
    } else if (phase != last) {
      lines.accept(
          "["
              + name
              + "]"
              + (total > 0 && phase == SyncPhase.APPLY
                  ? " " + total + (total == 1 ? " change" : " changes")
                  : ""));
    } else if (phase == SyncPhase.APPLY && total > 0) {
      long tenth = done * 10 / total;
      if (tenth != lastTenth) {
        lastTenth = tenth;
        lines.accept("[apply] " + done + "/" + total);
      }
    }
    last = phase;
  }
}
