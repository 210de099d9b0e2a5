package io.github.ssosync.cli.internal;

import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.SyncPhase;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on a terminal; plain phase lines (and every tenth of the apply) otherwise, so that
 * logs of scheduled runs stay readable.
 */
public final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final boolean terminal;
  private SyncPhase last;
  private long lastTenth = -1;

  /**
   * @param out where to write
   * @param terminal whether {@code out} is a terminal
   */
  public ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onProgress(SyncPhase phase, long done, long total) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    if (terminal) {
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
      out.println(
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
        out.println("[apply] " + done + "/" + total);
      }
    }
    last = phase;
  }
}
