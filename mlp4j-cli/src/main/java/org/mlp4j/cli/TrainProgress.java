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

    /**
     * Live bars when standard error, where they are drawn, is a terminal that can redraw a line. The JDK
     * can only tell whether stdin and stdout are one ({@code System.console()}), so {@code 2>file} with
     * stdout on a terminal would write escape codes into the file: the launcher says what stderr is
     * (MLP4J_STDERR_TERMINAL, since java's stderr is its filter's pipe), and without it /proc does.
     */
    static boolean onTerminal() {
        return onTerminal(System.getenv());
    }

    static boolean onTerminal(java.util.Map<String, String> env) {
        String term = env.get("TERM");
        if (term == null || term.equals("dumb")) {
            return false;
        }
        String told = env.get("MLP4J_STDERR_TERMINAL");
        if (told != null) {
            return told.equals("1");
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2"))
                    .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux: plain lines are the safe choice
        }
    }

    /** Colour only when the user has not asked for none (https://no-color.org). */
    static boolean colour(java.util.Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }

    void batch(int epoch, int done, int total, double loss) {
        if (!live) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(total)
                    .setUnit(" ex", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(100)
                    .setStyle(
                            colour(System.getenv())
                                    ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
                                    : ProgressBarStyle.UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                    .build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", loss));
    }

    void epoch(EpochStats s) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String figures = s.regression()
                ? regressionFigures(s)
                : String.format(
                        Locale.ROOT,
                        "train acc %.4f%s",
                        s.trainAccuracy(),
                        Double.isNaN(s.validationAccuracy())
                                ? ""
                                : String.format(Locale.ROOT, "  validation acc %.4f", s.validationAccuracy()));
        err.printf(
                Locale.ROOT,
                "mlp4j: epoch %d/%d  %.2f s  %,.0f examples/s  train loss %.4f  %s%n",
                s.epoch(),
                epochs,
                s.seconds(),
                s.examplesPerSecond(),
                s.trainLoss(),
                figures);
        err.flush();
    }

    /** A regression's RMSE (training where counted: not on Spark, whose rounds end mid-epoch; validation). */
    private static String regressionFigures(EpochStats s) {
        String train = Double.isNaN(s.trainFit().rmse())
                ? ""
                : String.format(Locale.ROOT, "train RMSE %.4g", s.trainFit().rmse());
        String validation = s.validationFit() == null
                ? ""
                : String.format(
                        Locale.ROOT, "  validation RMSE %.4g", s.validationFit().rmse());
        return (train + validation).strip();
    }
}
