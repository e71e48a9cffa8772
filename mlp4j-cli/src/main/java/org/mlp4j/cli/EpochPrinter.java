package org.mlp4j.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;

/**
 * The per-epoch lines: the article's {@code Epoch N: Validation Accuracy: 0.xx} for the article's
 * algorithm, losses and accuracies otherwise; the progress bar on a terminal; the run record.
 */
final class EpochPrinter implements EpochListener {
    private final PrintWriter out;
    private final boolean article;
    private final TrainProgress progress;
    private final RunRecord record;

    EpochPrinter(PrintWriter out, PrintWriter err, TrainingPlan plan, RunRecord record) {
        this.out = out;
        this.article = plan.isArticle();
        this.progress = new TrainProgress(TrainProgress.onTerminal(), err, plan.epochs());
        this.record = record;
    }

    @Override
    public void onEpoch(EpochStats stats) {
        progress.epoch(stats);
        if (stats.regression()) {
            out.println(regressionLine(stats));
        } else if (article) {
            out.println("Epoch " + stats.epoch() + ": Validation Accuracy: " + twoDecimals(stats.validationAccuracy()));
        } else {
            // with no held-out set (validation-split 0) there are no validation columns
            String validation = Double.isNaN(stats.validationAccuracy())
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            " validation loss %.4f, validation accuracy %.4f,",
                            stats.validationLoss(),
                            stats.validationAccuracy());
            out.printf(
                    Locale.ROOT,
                    "Epoch %d: train loss %.4f, train accuracy %.4f,%s lr %.4g, %.1f s%n",
                    stats.epoch(),
                    stats.trainLoss(),
                    stats.trainAccuracy(),
                    validation,
                    stats.learningRate(),
                    stats.seconds());
        }
        out.flush();
        if (record != null) {
            record.epoch(stats);
        }
    }

    /** A regression's epoch: its loss, and RMSE, MAE and R² in the target's units. */
    static String regressionLine(EpochStats s) {
        String validation = s.validationFit() == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " validation loss %.4f, validation RMSE %.4g, MAE %.4g, R² %.4f,",
                        s.validationLoss(),
                        s.validationFit().rmse(),
                        s.validationFit().mae(),
                        s.validationFit().r2());
        // Spark's rounds end mid-epoch: there the workers' training figures are not counted
        String train = Double.isNaN(s.trainFit().rmse())
                ? ""
                : String.format(
                        Locale.ROOT,
                        " train RMSE %.4g, R² %.4f,",
                        s.trainFit().rmse(),
                        s.trainFit().r2());
        return String.format(
                Locale.ROOT,
                "Epoch %d: train loss %.4f,%s%s lr %.4g, %.1f s",
                s.epoch(),
                s.trainLoss(),
                train,
                validation,
                s.learningRate(),
                s.seconds());
    }

    @Override
    public void onBatch(int epoch, int done, int total, double loss) {
        progress.batch(epoch, done, total, loss);
    }

    /**
     * Python's {@code "{:.2f}".format(x)}: the exact binary value rounded half-to-even, so a validation
     * accuracy of exactly 0.125 prints as 0.12, as in the article's code.
     */
    static String twoDecimals(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
