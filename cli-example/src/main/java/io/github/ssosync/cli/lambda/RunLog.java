package io.github.ssosync.cli.lambda;

import io.github.ssosync.engine.ProgressListener;
import io.github.ssosync.engine.SyncPhase;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes a run's progress as log lines while it happens, so that a run the Lambda's timeout ends
 * still leaves what it got to: the reads, the plan's size, and the apply in tenths.
 */
final class RunLog implements ProgressListener {
  private final Consumer<String> out;
  private final long start = System.nanoTime();
  private long phaseStart = start;
  private long lastTenth = -1;

  RunLog(Consumer<String> out) {
    this.out = out;
  }

  void line(String text) {
    synchronized (this) {
      out.accept(text);
    }
  }

  @Override
  public synchronized void onProgress(SyncPhase phase, long done, long total) {
    switch (phase) {
      case READ -> {
        if (done == 0) {
          phaseStart = System.nanoTime();
          line("reading the directory and the target");
        } else {
          line("read both sides in " + seconds(phaseStart));
        }
      }
      case PLAN -> {
        if (done == 0) {
          phaseStart = System.nanoTime();
        } else {
          line("planned in " + seconds(phaseStart));
        }
      }
      case APPLY -> {
        if (done == 0) {
          phaseStart = System.nanoTime();
          lastTenth = 0;
          line("applying " + total + (total == 1 ? " change" : " changes"));
        } else if (total > 0) {
          long tenth = done * 10 / total;
          if (tenth > lastTenth) {
            lastTenth = tenth;
            line("applied " + done + " of " + total + " changes in " + seconds(phaseStart));
          }
        }
      }
      case DONE -> line("run ended after " + seconds(start));
    }
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
  }
}
