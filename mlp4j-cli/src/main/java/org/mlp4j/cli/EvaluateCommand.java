package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.eval.ConfusionMatrix;
import org.mlp4j.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j evaluate MODEL}: accuracy, per-class metrics and the confusion matrix on the MNIST test set. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a saved model on its dataset's test set: accuracy, per-class precision, recall and F1, and the"
                        + " confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file written by 'mlp4j train --save'.")
    Path model;

    @Mixin
    TestSetOptions testSet;

    @Option(
            names = "--label",
            description = "CSV: the label column, its name or position from 1 (default: the one the model was"
                    + " trained with).")
    String label;

    @Option(names = "--threads", description = Options.THREADS_HELP)
    Integer threads;

    @Override
    public Integer call() {
        int nThreads = Options.threads(threads); // a bad flag is reported before any file is read
        ModelFile.Loaded loaded = ModelFile.load(model);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        org.mlp4j.data.Dataset test;
        String id;
        if (isTable(loaded.metadata()) && testSet.dataset == null) {
            Path data = csvFile(loaded, err);
            List<String> classes = classNames(loaded);
            String stored = loaded.metadata().get("feature_names");
            List<String> features = stored == null || stored.isEmpty() ? null : Arrays.asList(stored.split(",", -1));
            var trained = TrainingData.csvFormat(loaded.metadata(), model.toString());
            var format = label == null
                    ? trained
                    : new org.mlp4j.data.CsvFormat(trained.delimiter(), trained.header(), label);
            float[] mean = loaded.extraTensors().get("input.mean");
            float[] std = loaded.extraTensors().get("input.std");
            org.mlp4j.data.Standardizer inputs =
                    mean == null || std == null ? null : new org.mlp4j.data.Standardizer(mean, std);
            if (ModelFile.REGRESSION.equals(loaded.metadata().get("task"))) {
                return regression(
                        loaded, org.mlp4j.data.RegressionDataset.read(data, format, features), inputs, nThreads);
            }
            var raw = org.mlp4j.data.TabularDataset.read(data, format, classes, features);
            test = inputs == null ? raw : raw.standardized(inputs);
            id = "csv";
        } else {
            DatasetChoice which = testSet.choice(loaded.metadata(), model);
            test = which.load(testSet.data, line -> err.println("mlp4j: " + line))
                    .test();
            id = which.id;
        }
        if (loaded.network().inputSize() != test.features() || loaded.network().outputSize() != test.classes()) {
            throw new InvalidInputException(model + ": expected a model with " + test.features() + " inputs and "
                    + test.classes() + " outputs for " + id + ", found layers "
                    + loaded.metadata().get("layers"));
        }
        List<String> names = classLabels(loaded, test.classes());
        ConfusionMatrix m = ConfusionMatrix.of(loaded.network(), test, nThreads);
        out.println(TextOutput.safe(
                "model " + model + " (layers " + loaded.metadata().get("layers") + ", "
                        + loaded.metadata().get("activation") + "/"
                        + loaded.metadata().getOrDefault("output_activation", "")
                        + "/" + loaded.metadata().get("cost") + ") on " + test.description()));
        // class names come from the training CSV's label column: never raw escapes to the terminal
        out.print(m.report(names.stream().map(TextOutput::safe).toList()));
        out.flush();
        return 0;
    }

    /** The CSV file a table's model is evaluated on: --data, else the test file recorded with the model. */
    private Path csvFile(ModelFile.Loaded loaded, PrintWriter err) {
        Path data = testSet.data != null ? testSet.data : trainedTestFile(loaded.metadata());
        if (data == null || !java.nio.file.Files.isRegularFile(data)) {
            throw new InvalidInputException("--data: a model trained on a table is evaluated on a CSV file; found "
                    + (data == null
                            ? "no --data (and no --test-data recorded with the model)"
                            : data + ", not a file"));
        }
        if (testSet.data == null) {
            err.println("mlp4j: evaluating on " + data + ", the test file the model was trained with");
        }
        return data;
    }

    /** The model's class names, or "0", "1", … when it has none for these classes. */
    private static List<String> classLabels(ModelFile.Loaded loaded, int classes) {
        List<String> names =
                Arrays.asList(loaded.metadata().getOrDefault("class_names", "").split(","));
        return names.size() == classes
                ? names
                : java.util.stream.IntStream.range(0, classes)
                        .mapToObj(Integer::toString)
                        .toList();
    }

    /** A regression model's RMSE, MAE and R² on a CSV file's rows, in the target's units. */
    private int regression(
            ModelFile.Loaded loaded,
            org.mlp4j.data.RegressionDataset raw,
            org.mlp4j.data.Standardizer inputs,
            int nThreads) {
        org.mlp4j.data.RegressionDataset test = (inputs == null ? raw : raw.standardized(inputs))
                .withTargetScaling(new org.mlp4j.data.Standardizer(
                        loaded.extraTensors().get("target.mean"),
                        loaded.extraTensors().get("target.std")));
        PrintWriter out = spec.commandLine().getOut();
        var fit = org.mlp4j.eval.Evaluation.regression(loaded.network(), test, nThreads);
        out.println(TextOutput.safe(
                "model " + model + " (layers " + loaded.metadata().get("layers") + ", "
                        + loaded.metadata().get("activation") + "/"
                        + loaded.metadata().get("output_activation") + "/"
                        + loaded.metadata().get("cost") + ", regression of "
                        + loaded.metadata().getOrDefault("target_names", "") + ") on " + test.description()));
        out.printf(
                java.util.Locale.ROOT,
                "rows %d%nRMSE %.6g%nMAE %.6g%nR² %.4f%n",
                fit.rows(),
                fit.rmse(),
                fit.mae(),
                fit.r2());
        out.flush();
        return 0;
    }

    /**
     * A model trained on a table: on a CSV file, or on Spark (a DataFrame or Parquet) with its inputs taken as
     * they are. A Spark model of grey levels (pixel/255) is an image model: {@code --dataset} names its images.
     */
    static boolean isTable(java.util.Map<String, String> metadata) {
        String dataset = metadata.getOrDefault("dataset", "mnist");
        String scaling = metadata.getOrDefault("input_scaling", "pixel/255");
        return dataset.equals("csv")
                || ((dataset.equals("spark") || dataset.equals("parquet")) && !scaling.equals("pixel/255"));
    }

    /** The model's class names; a Spark model keeps none, so its classes are the label indexes 0 … k − 1. */
    private static List<String> classNames(ModelFile.Loaded loaded) {
        String stored = loaded.metadata().getOrDefault("class_names", "");
        if (!stored.isEmpty()) {
            return Arrays.asList(stored.split(","));
        }
        return java.util.stream.IntStream.range(0, loaded.network().outputSize())
                .mapToObj(Integer::toString)
                .toList();
    }

    /** The test file recorded in a model's recipe ({@code --test-data} at training), or null. */
    private static Path trainedTestFile(java.util.Map<String, String> metadata) {
        String recipe = metadata.get("recipe");
        if (recipe == null) {
            return null;
        }
        String file = org.mlp4j.recipe.Recipe.fromJson(recipe, "the model's recipe")
                .get(org.mlp4j.recipe.Hyperparameter.TEST_DATA)
                .trim();
        return file.isEmpty() ? null : Path.of(file);
    }
}
