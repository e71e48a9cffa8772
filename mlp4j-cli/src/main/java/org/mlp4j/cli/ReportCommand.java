package org.mlp4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.mlp4j.InvalidInputException;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.eval.ConfusionMatrix;
import org.mlp4j.eval.Evaluation;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.io.Json;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j report RUN}: one self-contained HTML page about a training run. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write one self-contained HTML page (it opens offline) about a run folder (runs/<name>/).",
            "It shows the learning curves, the confusion matrix as a heat map, the test images the model gets wrong,"
                    + " per-class metrics and the hyper-parameters; for a run on a CSV table, its test file's figures"
                    + " (a regression's RMSE, MAE and R², its predictions drawn against the targets)."
        })
final class ReportCommand implements Callable<Integer> {
    private static final int GALLERY = 32;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A run folder written by 'mlp4j train' (runs/<name>).")
    Path run;

    @Option(names = "--out", description = "The HTML file to write (default: RUN/report.html).")
    Path outFile;

    @Mixin
    TestSetOptions testSet;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        if (!Files.isDirectory(run)) {
            throw new InvalidInputException(
                    run + ": expected a run folder (runs/<name>), found " + (Files.exists(run) ? "a file" : "nothing"));
        }
        Map<String, Object> recipe = jsonObject(run.resolve("recipe.json"));
        List<Map<String, Object>> epochs = new ArrayList<>();
        long epochCount = readEpochs(run.resolve("metrics.jsonl"), epochs);
        Path modelFile = run.resolve("model.safetensors");
        if (!Files.isRegularFile(modelFile)) {
            throw new InvalidInputException(modelFile + ": not found; the run did not finish (a checkpointed run can be"
                    + " resumed with 'mlp4j train --resume')");
        }
        ModelFile.Loaded loaded = ModelFile.load(modelFile);
        if ("csv".equals(loaded.metadata().get("dataset"))) {
            Path summary = run.resolve("summary.json");
            String html = new TableReport(run, loaded, recipe)
                    .page(
                            epochs,
                            epochCount,
                            TableReport.testFile(testSet.data, recipe),
                            Files.isRegularFile(summary) ? jsonObject(summary) : Map.of());
            return written(html);
        }
        Network net = loaded.network();
        DatasetChoice which = testSet.choice(loaded.metadata(), modelFile);
        ImageDataset test = which.load(
                        testSet.data, line -> spec.commandLine().getErr().println("mlp4j: " + line))
                .test();
        float[][] x = new float[test.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = test.features(i);
        }
        float[][] outputs;
        ConfusionMatrix m;
        try (MultilayerPerceptron mlp = MultilayerPerceptron.of(net, Options.defaultThreads())) {
            outputs = mlp.feedforward(x);
            m = mlp.evaluate(test);
        }
        // "digits" only for MNIST: a Fashion-MNIST model's test images are clothes
        boolean digits = "mnist".equals(loaded.metadata().getOrDefault("dataset", "mnist"));
        return written(page(recipe, epochs, epochCount, m, test, outputs, digits));
    }

    private int written(String html) {
        Path target = outFile != null ? outFile : run.resolve("report.html");
        AtomicFile.write(target, html.getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("wrote " + target);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String page(
            Map<String, Object> recipe,
            List<Map<String, Object>> epochs,
            long epochCount,
            ConfusionMatrix m,
            ImageDataset test,
            float[][] outputs,
            boolean digits) {
        return PageTemplate.of("report/report.html")
                .text("run", run.getFileName().toString())
                .text("accuracy", String.format(Locale.ROOT, "%.4f", m.accuracy()))
                .text("total", Long.toString(m.total()))
                .text("dataset", String.valueOf(recipe.getOrDefault("dataset", "mnist")))
                .text("layers", String.valueOf(recipe.get("layers")))
                .text("epochs", Long.toString(epochCount))
                .html(
                        "charts",
                        chartImage("Loss (mean cost per example)", "loss", epochs, "train_loss", "validation_loss")
                                + chartImage("Accuracy", "accuracy", epochs, "train_accuracy", "validation_accuracy"))
                .text("validation", validationText(recipe.get("validation-split")))
                .html("matrix", matrixRows(m))
                .html("metrics", metricRows(m))
                .text("things", digits ? "digits" : "images")
                .html("gallery", gallery(test, outputs, m.classes()))
                .html("settings", settingRows(recipe))
                .render();
    }

    /** The confusion matrix as a heat map: the true class's row, a cell per predicted class. */
    static String matrixRows(ConfusionMatrix m) {
        int k = m.classes();
        StringBuilder h = new StringBuilder("<tr><th>true \\ predicted</th>");
        for (int c = 0; c < k; c++) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr>\n");
        for (int a = 0; a < k; a++) {
            long row = 0;
            for (int p = 0; p < k; p++) {
                row += m.count(a, p);
            }
            h.append("<tr><th>").append(a).append("</th>");
            for (int p = 0; p < k; p++) {
                double share = row == 0 ? 0 : (double) m.count(a, p) / row;
                int shade = (int) Math.round(255 * (1 - Math.sqrt(share)));
                String color = a == p
                        ? String.format(Locale.ROOT, "rgb(%d,%d,255)", shade, shade)
                        : String.format(Locale.ROOT, "rgb(255,%d,%d)", shade, shade);
                h.append(String.format(
                        Locale.ROOT,
                        "<td style=\"background:%s;color:%s\" title=\"%.1f%%\">%d</td>",
                        color,
                        share > 0.5 ? "#fff" : "#000",
                        100 * share,
                        m.count(a, p)));
            }
            h.append("</tr>\n");
        }
        return h.toString();
    }

    static String metricRows(ConfusionMatrix m) {
        StringBuilder h = new StringBuilder();
        for (int c = 0; c < m.classes(); c++) {
            h.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>%n",
                    c,
                    m.precision(c),
                    m.recall(c),
                    m.f1(c)));
        }
        return h.toString();
    }

    /** Up to {@value #GALLERY} test images the model gets wrong, with what it answered. */
    private static String gallery(ImageDataset test, float[][] outputs, int k) {
        StringBuilder h = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < test.size() && shown < GALLERY; i++) {
            int predicted = Evaluation.argmax(outputs[i], 0, k);
            if (predicted != test.label(i)) {
                h.append(String.format(
                        Locale.ROOT,
                        "<figure><img width=\"84\" height=\"84\" alt=\"test image %d\" src=\"data:image/png;base64,%s\">"
                                + "<figcaption>#%d: true %d, predicted %d<br>output %.2f</figcaption></figure>%n",
                        i,
                        digitPng(test, i),
                        i,
                        test.label(i),
                        predicted,
                        outputs[i][predicted]));
                shown++;
            }
        }
        return h.toString();
    }

    static String settingRows(Map<String, Object> recipe) {
        StringBuilder h = new StringBuilder();
        for (Map.Entry<String, Object> e : recipe.entrySet()) {
            h.append("<tr><th>")
                    .append(PageTemplate.escape(e.getKey()))
                    .append("</th><td>")
                    .append(PageTemplate.escape(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        return h.toString();
    }

    /** What the validation curve is, from the recipe's validation-split. */
    static String validationText(Object split) {
        String v = String.valueOf(split).trim();
        if (v.equalsIgnoreCase("article")) {
            return "validation is the article's held-out last minibatch of the epoch";
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return "validation as the recipe's validation-split '" + v + "' says";
        }
        if (d <= 0) {
            return "there is no validation set (validation-split 0), so no validation curve";
        }
        return d < 1
                ? String.format(Locale.ROOT, "validation is the last %.0f%% of the training set, held out", 100 * d)
                : String.format(Locale.ROOT, "validation is the last %,d training examples, held out", (long) d);
    }

    static String chartImage(
            String title, String yTitle, List<Map<String, Object>> epochs, String train, String validation) {
        XYChart chart = new XYChartBuilder()
                .width(540)
                .height(320)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(yTitle)
                .build();
        double[] xs = new double[epochs.size()];
        double[] tr = new double[epochs.size()];
        double[] va = new double[epochs.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = number(epochs.get(i).get("epoch"));
            tr[i] = number(epochs.get(i).get(train));
            va[i] = number(epochs.get(i).get(validation));
        }
        if (xs.length == 0) {
            return "<p>(no epochs recorded)</p>";
        }
        chart.addSeries("training", xs, tr);
        if (java.util.Arrays.stream(va).anyMatch(Double::isFinite)) {
            chart.addSeries("validation", xs, va); // a run with no held-out set has no validation curve
        }
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + PageTemplate.escape(title) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digitPng(ImageDataset test, int i) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
            int v = 255 - test.pixel(i, p); // dark ink on white, as a person writes
            img.setRGB(p % 28, p / 28, (v << 16) | (v << 8) | v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static double number(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
    }

    /** Points drawn on a learning curve at most: a million-epoch run is drawn from every 500th epoch. */
    static final int MAX_POINTS = 2000;

    /**
     * Streams {@code metrics.jsonl} twice, in constant memory: once to count its epochs, once to keep at most
     * {@value #MAX_POINTS} of them, evenly spaced, the last always included (a million-epoch file took
     * 180 s and 2.1 GB read whole).
     *
     * @return the number of epochs recorded
     */
    private static long readEpochs(Path file, List<Map<String, Object>> kept) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    file + ": expected the run's metrics file, found " + InvalidInputException.whatIsAt(file));
        }
        long[] count = {0};
        Json.forEachLine(file, line -> {
            if (!line.isBlank()) {
                count[0]++;
            }
        });
        long step = Math.max(1, (count[0] + MAX_POINTS - 1) / MAX_POINTS);
        long[] index = {0};
        Json.forEachLine(file, line -> {
            if (!line.isBlank()) {
                long i = index[0]++;
                if (i % step == 0 || i == count[0] - 1) {
                    kept.add(jsonObjectText(line, file));
                }
            }
        });
        return count[0];
    }

    private static List<String> lines(Path p) {
        if (Files.isRegularFile(p)) {
            List<String> lines = new ArrayList<>();
            Json.forEachLine(p, lines::add);
            return lines;
        }
        throw new InvalidInputException(p + ": expected a file of the run, found " + InvalidInputException.whatIsAt(p));
    }

    private static Map<String, Object> jsonObject(Path p) {
        return jsonObjectText(String.join("\n", lines(p)), p);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObjectText(String text, Path p) {
        try {
            Object v = Json.parse(text);
            if (v instanceof Map) {
                return (Map<String, Object>) v;
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException(p + ": expected JSON: " + e.getMessage());
        }
        throw new InvalidInputException(p + ": expected a JSON object");
    }
}
