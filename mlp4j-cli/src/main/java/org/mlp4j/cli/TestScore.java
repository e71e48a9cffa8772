package org.mlp4j.cli;

import java.util.Locale;
import java.util.Map;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.eval.Evaluation;
import org.mlp4j.model.Network;

/**
 * A trained network's score on the test set: a classifier's accuracy, or a regression's RMSE, MAE and R²
 * (in the target's units). One place says how each is printed, kept in the model file and the run record.
 *
 * @param accuracy a classifier's test accuracy (NaN for a regression)
 * @param fit      a regression's figures, or null for a classifier
 */
record TestScore(double accuracy, RegressionMetrics.Fit fit) {

    static TestScore of(Network net, Dataset test, int threads) {
        return test.regression()
                ? new TestScore(Double.NaN, Evaluation.regression(net, test, threads))
                : new TestScore(Evaluation.accuracy(net, test, threads), null);
    }

    static TestScore accuracy(double accuracy) {
        return new TestScore(accuracy, null);
    }

    /** The figures as name and value, in the order they are printed. */
    Map<String, Double> figures() {
        if (fit == null) {
            return Map.of("test_accuracy", accuracy);
        }
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("test_rmse", fit.rmse());
        m.put("test_mae", fit.mae());
        m.put("test_r2", fit.r2());
        return m;
    }

    /** The line after the epochs: the article's two decimals for its accuracy, else four. */
    String line(boolean article) {
        if (fit != null) {
            return String.format(Locale.ROOT, "Test RMSE: %.4g, MAE: %.4g, R²: %.4f", fit.rmse(), fit.mae(), fit.r2());
        }
        return "Test accuracy: "
                + (article ? EpochPrinter.twoDecimals(accuracy) : String.format(Locale.ROOT, "%.4f", accuracy));
    }

    /** A figure as the metadata, the result line and summary.json write it. */
    static String text(String name, double v) {
        return name.equals("test_accuracy")
                ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.6g", v);
    }

    /** {@code name=value} pairs for the result line. */
    String resultFields() {
        StringBuilder sb = new StringBuilder();
        figures()
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ")
                        .append(k)
                        .append('=')
                        .append(text(k, v)));
        return sb.toString();
    }

    /** {@code "name": value} pairs for summary.json. */
    String jsonFields() {
        StringBuilder sb = new StringBuilder();
        figures()
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                        .append('"')
                        .append(k)
                        .append("\": ")
                        .append(Double.isFinite(v) ? text(k, v) : "null"));
        return sb.toString();
    }

    /** Into a model file's metadata. */
    void into(Map<String, String> meta) {
        figures().forEach((k, v) -> meta.put(k, text(k, v)));
    }
}
