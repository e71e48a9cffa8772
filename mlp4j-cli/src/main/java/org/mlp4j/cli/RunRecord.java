package org.mlp4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.train.EpochStats;

/**
 * The folder every training run leaves behind, {@code runs/<name>/}: {@code recipe.json} (the resolved
 * settings), {@code metrics.jsonl} (one JSON object per epoch, written as the epoch ends), and at the end
 * {@code model.safetensors} and {@code summary.json}.
 */
final class RunRecord implements AutoCloseable {
    private final Path dir;
    private final BufferedWriter metrics;
    private java.util.function.Consumer<String> warnings = w -> {};
    private boolean metricsFailed;
    private int lastEpoch;
    private boolean finished;

    private RunRecord(Path dir, BufferedWriter metrics) {
        this.dir = dir;
        this.metrics = metrics;
    }

    /** Where a warning goes (standard error); a record that cannot be written warns once, then keeps quiet. */
    RunRecord warningsTo(java.util.function.Consumer<String> sink) {
        this.warnings = sink;
        return this;
    }

    /** Refuses a --runs that names a file, before training starts. */
    static void checkRoot(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException("--runs " + root + ": expected a folder for run records, found a file");
        }
    }

    /** Creates {@code root/name} (or a fresh dated name) and writes the recipe. */
    static RunRecord start(Path root, String name, String label, String recipeJson) {
        String base = name != null
                ? oneSegment(name)
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                        + recipeLabel(label);
        checkRoot(root);
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(base);
            for (int i = 2; Files.exists(dir); i++) {
                if (name != null) {
                    throw new InvalidInputException("--run-name: " + dir + " already exists; choose another name");
                }
                dir = root.resolve(base + "-" + i);
            }
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("recipe.json"), recipeJson, StandardCharsets.UTF_8);
            BufferedWriter metrics = Files.newBufferedWriter(
                    dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            return new RunRecord(dir, metrics);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "--runs " + root + ": could not create a run folder there: " + InvalidInputException.why(e));
        }
    }

    /**
     * A recipe's name as a folder name's end: a recipe file's base name without its folders or extension
     * ({@code recipes/tabular.json} named runs {@code …-tabular.json}).
     */
    static String recipeLabel(String recipe) {
        String base = recipe.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".json", ".yaml", ".yml"}) {
            if (lower.endsWith(ext) && base.length() > ext.length()) {
                base = base.substring(0, base.length() - ext.length());
                break;
            }
        }
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * A run name as one folder name: characters other than letters, digits, '.', '_' and '-' become '_', and
     * a leading dot too, so "../../x" stays inside --runs (as "_._.._x").
     */
    static String oneSegment(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return safe.isEmpty() ? "_" : safe;
    }

    Path dir() {
        return dir;
    }

    /** The last epoch recorded (0 before the first): the epochs a run really trained, early stopping included. */
    int lastEpoch() {
        return lastEpoch;
    }

    void epoch(EpochStats s) {
        lastEpoch = s.epoch();
        try {
            // a run with no held-out set has no validation figures: the keys are left out, not null
            String validation = s.validationFit() != null
                    ? String.format(
                            Locale.ROOT,
                            " \"validation_loss\": %s,%s",
                            number(s.validationLoss()),
                            fit("validation", s.validationFit()))
                    : Double.isNaN(s.validationAccuracy())
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " \"validation_loss\": %s, \"validation_accuracy\": %s,",
                                    number(s.validationLoss()),
                                    number(s.validationAccuracy()));
            String train = s.regression()
                    ? fit("train", s.trainFit())
                    : String.format(Locale.ROOT, " \"train_accuracy\": %s,", number(s.trainAccuracy()));
            metrics.write(String.format(
                    Locale.ROOT,
                    "{\"epoch\": %d, \"train_loss\": %s,%s%s"
                            + " \"learning_rate\": %s, \"seconds\": %.4f, \"examples_per_second\": %.1f}%n",
                    s.epoch(),
                    number(s.trainLoss()),
                    train,
                    validation,
                    number(s.learningRate()),
                    s.seconds(),
                    s.examplesPerSecond()));
            metrics.flush();
        } catch (IOException e) {
            // the record is a by-product: a full disk there must not end the training it records
            if (!metricsFailed) {
                metricsFailed = true;
                warnings.accept(dir.resolve("metrics.jsonl") + ": could not write: " + InvalidInputException.why(e)
                        + "; training goes on");
            }
        }
    }

    void finish(
            Network net,
            Map<String, String> metadata,
            Map<String, float[]> tensors,
            TestScore test,
            double trainSeconds) {
        finished = true;
        ModelFile.save(dir.resolve("model.safetensors"), net, metadata, tensors);
        try {
            Files.writeString(
                    dir.resolve("summary.json"),
                    String.format(Locale.ROOT, "{%s, \"train_seconds\": %.2f}%n", test.jsonFields(), trainSeconds));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    dir.resolve("summary.json") + ": could not write: " + InvalidInputException.why(e), e);
        }
    }

    @Override
    public void close() {
        try {
            metrics.close();
        } catch (IOException ignored) {
            // every line was flushed when written
        }
        if (!finished && lastEpoch == 0) {
            // a run that failed before its first epoch leaves no folder holding only its recipe
            try {
                Files.deleteIfExists(dir.resolve("metrics.jsonl"));
                Files.deleteIfExists(dir.resolve("recipe.json"));
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // something else was put there: leave it
            }
        }
    }

    /** A regression's figures for one part: {@code "train_rmse": …, "train_mae": …, "train_r2": …,}. */
    private static String fit(String part, org.mlp4j.data.RegressionMetrics.Fit f) {
        return String.format(
                Locale.ROOT,
                " \"%s_rmse\": %s, \"%s_mae\": %s, \"%s_r2\": %s,",
                part,
                number(f.rmse()),
                part,
                number(f.mae()),
                part,
                number(f.r2()));
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
