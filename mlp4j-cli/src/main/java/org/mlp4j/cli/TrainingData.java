package org.mlp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.Mnist;
import org.mlp4j.data.RegressionDataset;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularData;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;

/**
 * The training and test sets a recipe names: MNIST or Fashion-MNIST (fetched when needed), or a CSV
 * file standardised with statistics of its training rows (the rows before the held-out validation
 * split), which then travel with the model.
 *
 * @param classNames  the class names, comma-separated (a regression's target names)
 * @param imageSide   side of the square images (0 for tabular data)
 * @param tensors     extra tensors for the model file (the standardisation), possibly empty
 */
record TrainingData(
        String id,
        Dataset train,
        Dataset test,
        String classNames,
        String inputScaling,
        int imageSide,
        Map<String, float[]> tensors,
        String description,
        String featureNames) {

    static TrainingData load(Recipe r, Path data, Consumer<String> log) {
        String id = r.get(Hyperparameter.DATASET);
        if (r.regression() && !id.equals("csv")) {
            throw new InvalidInputException(
                    "task",
                    r.source("task") + ": regression learns values from a table; expected dataset csv, found " + id);
        }
        if (!id.equals("csv")) {
            DatasetChoice choice = DatasetChoice.parse(id, r.source("dataset") + " (mnist, fashion-mnist or csv)");
            Mnist.Split split = choice.load(data, log);
            return new TrainingData(
                    choice.id,
                    split.train(),
                    split.test(),
                    choice.classNames,
                    "pixel/255",
                    28,
                    Map.of(),
                    choice.id,
                    null);
        }
        if (data == null || !Files.isRegularFile(data)) {
            throw new InvalidInputException("--data: dataset csv needs the training CSV file, found "
                    + (data == null
                            ? "no --data"
                            : Files.exists(data) ? "a directory at " + data : "nothing at " + data));
        }
        String testFile = r.get(Hyperparameter.TEST_DATA).trim();
        // the split the fitted recipe will have, so the standardisers never see the held-out rows
        java.util.function.IntUnaryOperator heldOut = trainRows -> r.heldOut(trainRows, true);
        Path test = testFile.isEmpty() ? null : Path.of(testFile);
        if (r.regression()) {
            return regression(
                    TabularData.readRegression(data, test, csvFormat(r), r.get(Hyperparameter.SEED), heldOut), data);
        }
        TabularData<TabularDataset> t = TabularData.read(data, test, csvFormat(r), r.get(Hyperparameter.SEED), heldOut);
        TabularDataset train = t.train();
        String labelWarning = labelCountWarning(r.get(Hyperparameter.LABEL), train.classes(), train.size());
        if (labelWarning != null) {
            log.accept("warning: " + labelWarning);
        }
        Standardizer s = t.standardizer();
        return table(
                t.standardizedTrain(),
                t.standardizedTest(),
                train.classNames(),
                Map.of("input.mean", s.mean(), "input.std", s.std()),
                data + " (" + train.features() + " features, " + train.classes() + " classes)",
                train.featureNames());
    }

    /** A table's data: standardised rows, and what the model keeps of them. */
    private static TrainingData table(
            Dataset train,
            Dataset test,
            java.util.List<String> names,
            Map<String, float[]> tensors,
            String description,
            java.util.List<String> features) {
        return new TrainingData(
                "csv",
                train,
                test,
                String.join(",", names),
                "standardize",
                0,
                tensors,
                description,
                String.join(",", features));
    }

    /** A regression table: its features and targets standardised, both scalings kept with the model. */
    private static TrainingData regression(TabularData<RegressionDataset> t, Path data) {
        RegressionDataset train = t.train();
        Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        tensors.put("input.mean", t.standardizer().mean());
        tensors.put("input.std", t.standardizer().std());
        tensors.put("target.mean", t.targets().mean());
        tensors.put("target.std", t.targets().std());
        return table(
                t.standardizedTrain(),
                t.standardizedTest(),
                train.targetNames(),
                tensors,
                data + " (" + train.features() + " features, target " + String.join(", ", train.targetNames()) + ")",
                train.featureNames());
    }

    /** Classes beyond which a label column is more likely an ID or a measurement than a class. */
    static final int MANY_CLASSES = 100;

    /**
     * A warning when the label column looks like something other than classes: more than
     * {@value #MANY_CLASSES} distinct values, or fewer than two rows a class on average (a CSV with 5,000
     * distinct labels trained without a word). Null when the labels look like classes.
     */
    static String labelCountWarning(String label, int classes, int rows) {
        if (classes <= MANY_CLASSES && 2L * classes <= rows) {
            return null;
        }
        return "the label column '" + label + "' has " + classes + " distinct values in " + rows
                + " training rows; a classifier needs several examples of each class. Is it the right column"
                + " (--label)?";
    }

    /** The layout of a run's CSV files, from its recipe (delimiter, header, label column). */
    static org.mlp4j.data.CsvFormat csvFormat(Recipe r) {
        return org.mlp4j.data.CsvFormat.parse(
                r.get(Hyperparameter.DELIMITER), r.get(Hyperparameter.HEADER), r.get(Hyperparameter.LABEL));
    }

    /**
     * The layout of the CSV files a model was trained on, from the recipe in its file (files written before
     * the delimiter and header keys read as commas with a detected header).
     */
    static org.mlp4j.data.CsvFormat csvFormat(Map<String, String> modelMetadata, String source) {
        String recipe = modelMetadata.get("recipe");
        return recipe == null
                ? org.mlp4j.data.CsvFormat.of("label")
                : csvFormat(Recipe.fromJson(recipe, source + " (its recipe)"));
    }
}
