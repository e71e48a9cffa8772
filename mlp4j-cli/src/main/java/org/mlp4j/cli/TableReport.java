package org.mlp4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.RegressionDataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.eval.ConfusionMatrix;
import org.mlp4j.io.ModelFile;

/**
 * The report page of a run on a CSV table: its test figures on the run's test file (a classifier's
 * confusion matrix and per-class metrics, a regression's RMSE, MAE and R² with its predictions drawn
 * against the targets), its learning curves and its hyper-parameters. Without a test file (the run split
 * its one file) it shows the figures the run recorded in {@code summary.json}.
 */
final class TableReport {
    /** Points drawn on the predicted-against-true chart at most. */
    static final int MAX_SCATTER = 5000;

    private final Path run;
    private final ModelFile.Loaded model;
    private final Map<String, Object> recipe;

    TableReport(Path run, ModelFile.Loaded model, Map<String, Object> recipe) {
        this.run = run;
        this.model = model;
        this.recipe = recipe;
    }

    private boolean regression() {
        return ModelFile.REGRESSION.equals(model.metadata().get("task"));
    }

    String page(List<Map<String, Object>> epochs, long epochCount, Path testFile, Map<String, Object> summary) {
        boolean regression = regression();
        String charts = ReportCommand.chartImage(
                        "Loss (mean cost per example)", "loss", epochs, "train_loss", "validation_loss")
                + (regression
                        ? ReportCommand.chartImage(
                                        "RMSE (the target's units)", "RMSE", epochs, "train_rmse", "validation_rmse")
                                + ReportCommand.chartImage("R²", "R²", epochs, "train_r2", "validation_r2")
                        : ReportCommand.chartImage(
                                "Accuracy", "accuracy", epochs, "train_accuracy", "validation_accuracy"));
        String results = testFile == null
                ? recorded(summary)
                : regression ? regressionResults(testFile) : classificationResults(testFile);
        return PageTemplate.of("report/table.html")
                .text("run", run.getFileName().toString())
                .text(
                        "task",
                        regression
                                ? "Regression of " + model.metadata().getOrDefault("target_names", "the target")
                                : "Classification into "
                                        + model.metadata()
                                                .getOrDefault("class_names", "")
                                                .replace(",", ", "))
                .text("data", testFile == null ? "the run's own split of its file" : testFile.toString())
                .text("layers", String.valueOf(recipe.get("layers")))
                .text("epochs", Long.toString(epochCount))
                .html("charts", charts)
                .text("validation", ReportCommand.validationText(recipe.get("validation-split")))
                .html("results", results)
                .html("settings", ReportCommand.settingRows(recipe))
                .render();
    }

    /** The run's own test figures, when its test rows are not in a file of their own. */
    private static String recorded(Map<String, Object> summary) {
        StringBuilder h = new StringBuilder(
                "<p>The run tested on the last fifth of its shuffled file; its figures, as it recorded them"
                        + " (give --data FILE for the full page):</p>\n<table>\n");
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            h.append("<tr><th>")
                    .append(PageTemplate.escape(e.getKey()))
                    .append("</th><td>")
                    .append(PageTemplate.escape(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        return h.append("</table>").toString();
    }

    private CsvFormat format() {
        return TrainingData.csvFormat(model.metadata(), run.toString());
    }

    private List<String> features() {
        String stored = model.metadata().get("feature_names");
        return stored == null || stored.isEmpty() ? null : Arrays.asList(stored.split(",", -1));
    }

    private Standardizer inputs() {
        float[] mean = model.extraTensors().get("input.mean");
        float[] std = model.extraTensors().get("input.std");
        return mean == null || std == null ? null : new Standardizer(mean, std);
    }

    private String classificationResults(Path testFile) {
        List<String> classes =
                Arrays.asList(model.metadata().getOrDefault("class_names", "").split(","));
        TabularDataset raw = TabularDataset.read(testFile, format(), classes, features());
        Standardizer s = inputs();
        ConfusionMatrix m;
        m = ConfusionMatrix.of(model.network(), s == null ? raw : raw.standardized(s), Options.defaultThreads());
        return String.format(Locale.ROOT, "<p>Accuracy <b>%.4f</b> on %d rows.</p>%n", m.accuracy(), m.total())
                + "<table class=\"cm\">\n" + ReportCommand.matrixRows(m) + "</table>\n"
                + "<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th></tr>\n"
                + ReportCommand.metricRows(m) + "</table>";
    }

    private String regressionResults(Path testFile) {
        RegressionDataset raw = RegressionDataset.read(testFile, format(), features());
        Standardizer s = inputs();
        float[][] x = s == null ? raw.rows() : raw.standardized(s).rows();
        float[][] z;
        try (MultilayerPerceptron mlp = MultilayerPerceptron.of(model.network(), Options.defaultThreads())) {
            z = mlp.feedforward(x);
        }
        Standardizer targets = new Standardizer(
                model.extraTensors().get("target.mean"), model.extraTensors().get("target.std"));
        float[][] y = raw.targetRows();
        RegressionMetrics m = new RegressionMetrics(z[0].length);
        double[] predicted = new double[Math.min(MAX_SCATTER, y.length)];
        double[] actual = new double[predicted.length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                m.add(j, targets.unscale(j, z[i][j]), y[i][j]);
            }
            if (i < predicted.length) {
                predicted[i] = targets.unscale(0, z[i][0]);
                actual[i] = y[i][0];
            }
        }
        RegressionMetrics.Fit f = m.fit();
        return String.format(
                        Locale.ROOT,
                        "<table><tr><th>rows</th><td>%d</td></tr><tr><th>RMSE</th><td>%.6g</td></tr>"
                                + "<tr><th>MAE</th><td>%.6g</td></tr><tr><th>R²</th><td>%.4f</td></tr></table>%n",
                        f.rows(),
                        f.rmse(),
                        f.mae(),
                        f.r2())
                + "<div class=\"charts\">"
                + scatter(actual, predicted, raw.targetNames().get(0)) + "</div>";
    }

    /** The predictions drawn against the true values, with the line where they would be equal. */
    private static String scatter(double[] actual, double[] predicted, String target) {
        XYChart chart = new XYChartBuilder()
                .width(540)
                .height(420)
                .title("Predicted against true " + target)
                .xAxisTitle("true")
                .yAxisTitle("predicted")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.addSeries("test rows", actual, predicted);
        double lo = Math.min(
                Arrays.stream(actual).min().orElse(0),
                Arrays.stream(predicted).min().orElse(0));
        double hi = Math.max(
                Arrays.stream(actual).max().orElse(1),
                Arrays.stream(predicted).max().orElse(1));
        chart.addSeries("predicted = true", new double[] {lo, hi}, new double[] {lo, hi})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"predicted against true " + PageTemplate.escape(target)
                    + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test file: the one given, or the one the run was trained with ({@code --test-data}), or null. */
    static Path testFile(Path given, Map<String, Object> recipe) {
        if (given != null) {
            return given;
        }
        String recorded = String.valueOf(recipe.getOrDefault("test-data", "")).trim();
        return recorded.isEmpty() || !Files.isRegularFile(Path.of(recorded)) ? null : Path.of(recorded);
    }
}
