package org.mlp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.Mnist;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;

/**
 * The training and test sets a recipe names: MNIST or Fashion-MNIST (fetched when needed), or a CSV
 * file standardised with statistics of its training rows (the rows before the held-out validation
 * split), which then travel with the model.
 *
 * @param imageSide   side of the square images (0 for tabular data)
 * @param tensors     extra tensors for the model file (the standardisation), possibly empty
 */
record TrainingData(String id, Dataset train, Dataset test, String classNames, String inputScaling, int imageSide,
        Map<String, float[]> tensors, String description, String featureNames) {

    static TrainingData load(Recipe r, Path data, Consumer<String> log) {
        String id = r.string("dataset").trim().toLowerCase(Locale.ROOT);
        if (!id.equals("csv")) {
            DatasetChoice choice = DatasetChoice.parse(id, r.source("dataset") + " (mnist, fashion-mnist or csv)");
            Mnist.Split split = choice.load(data, log);
            return new TrainingData(choice.id, split.train(), split.test(), choice.classNames, "pixel/255", 28, Map.of(),
                    choice.id, null);
        }
        if (data == null || !Files.isRegularFile(data)) {
            throw new InvalidInputException("--data: dataset csv needs the training CSV file, found "
                    + (data == null ? "no --data" : Files.exists(data) ? "a directory at " + data : "nothing at " + data));
        }
        String label = r.string("label");
        TabularDataset all = TabularDataset.read(data, label, null);
        // Files are often sorted by class: shuffle the rows once, with the run's seed, before any split.
        all = shuffled(all, r.longValue("seed"));
        TabularDataset train;
        TabularDataset test;
        String testFile = r.string("test-data").trim();
        if (!testFile.isEmpty()) {
            train = all;
            test = TabularDataset.read(Path.of(testFile), label, all.classNames());
        } else {
            int cut = (int) Math.round(all.size() * 0.8);
            if (cut < 2 || cut >= all.size()) {
                throw new InvalidInputException(data + ": expected enough rows to hold out 20% as a test set, found "
                        + all.size());
            }
            train = all.rows(0, cut);
            test = all.rows(cut, all.size());
        }
        if (test.features() != train.features()) {
            throw new InvalidInputException(testFile + ": expected " + train.features() + " feature columns like " + data
                    + ", found " + test.features());
        }
        int held = Math.max(0, TrainPlan.validation(r, train.size()).heldOut());
        Standardizer s = Standardizer.fit(train.rows(0, Math.max(1, train.size() - held)).rows());
        return new TrainingData("csv", train.standardized(s), test.standardized(s), String.join(",", train.classNames()),
                "standardize", 0, Map.of("input.mean", s.mean(), "input.std", s.std()),
                data + " (" + train.features() + " features, " + train.classes() + " classes)",
                String.join(",", train.featureNames()));
    }

    private static TabularDataset shuffled(TabularDataset d, long seed) {
        return d.reordered(new Rng(seed ^ 0x5DEECE66DL).permutation(d.size()));
    }
}
