package io.github.ssosync.cli.internal;

import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.SyncPhase;
import io.github.ssosync.provider.ReadCounts;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Counts while reading and a progress bar on a terminal; plain phase lines (and every tenth of the
 * apply) otherwise, so that logs of scheduled runs stay readable.
 */
public final class ConsoleProgress implements ProgressListener {
  private static final long READ_LINE_EVERY_NANOS = 5_000_000_000L;

  private final Consumer<String> lines;
  private final @Nullable PrintStream out;
  private final boolean terminal;
  private SyncPhase last;
  private long lastTenth = -1;
  private @Nullable String read;
  private long lastReadLine = System.nanoTime();

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

  /**
   * Counts while reading: on a terminal, one line kept up to date; otherwise a line every few
   * seconds, so that a slow read shows it is moving, and the final counts when the read ends.
   */
  @Override
  public synchronized void onRead(ReadCounts directory, ReadCounts target) {
    read = "directory " + counts(directory) + "; identity store " + counts(target);
    PrintStream out = this.out;
    if (terminal && out != null) {
      out.print("\rread: " + read);
    } else if (System.nanoTime() - lastReadLine > READ_LINE_EVERY_NANOS) {
      lastReadLine = System.nanoTime();
      lines.accept("[read] " + read);
    }
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String counts(ReadCounts c) {
    return plural(c.users(), "user")
        + ", "
        + plural(c.groups(), "group")
        + ", "
        + plural(c.memberLists(), "member list");
  }

  @Override
  public synchronized void onProgress(SyncPhase phase, long done, long total) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    PrintStream out = this.out;
    if (phase == SyncPhase.READ && done > 0 && read != null) {
      // The read's final counts, once.
      if (terminal && out != null) {
        out.println("\rread: " + read);
      } else {
        lines.accept("[read] done: " + read);
      }
    }
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
              + (total > 0 && phase == SyncPhase.APPLY ? " " + plural(total, "change") : ""));
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
