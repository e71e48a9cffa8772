package org.mlp4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mlp4j.train.EpochStats;

/**
 * Training progress on standard error, so standard output keeps exactly the article's lines. On a
 * terminal: a live bar per epoch (examples, examples/s, running loss, ETA) drawn by the progressbar
 * library. Elsewhere (CI logs, pipes): one plain line per epoch.
 */
final class TrainProgress {
    private final boolean live;
    private final PrintWriter err;
    private final int epochs;
    private ProgressBar bar;

    TrainProgress(boolean live, PrintWriter err, int epochs) {
        this.live = live;
        this.err = err;
        this.epochs = epochs;
    }

    /** Live bars when both the console and standard error are a terminal. */
    static boolean onTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    void batch(int epoch, int done, int total, double loss) {
        if (!live) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(total).setUnit(" ex", 1).showSpeed().setUpdateIntervalMillis(100)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", loss));
    }

    void epoch(EpochStats s) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.printf(Locale.ROOT, "mlp4j: epoch %d/%d  %.2f s  %,.0f examples/s  train loss %.4f  train acc %.4f"
                + "  validation acc %.4f%n", s.epoch(), epochs, s.seconds(), s.examplesPerSecond(), s.trainLoss(),
                s.trainAccuracy(), s.validationAccuracy());
        err.flush();
    }
}
