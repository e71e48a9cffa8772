package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The options that choose the image dataset a saved model is measured on ({@code evaluate}, {@code
 * explain}, {@code report}): by default the one the model was trained on, as its metadata says.
 */
final class TestSetOptions {
    @Option(names = "--dataset", description = "mnist or fashion-mnist (default: the one the model was trained on).")
    String dataset;

    @Option(
            names = "--data",
            description = "Directory holding the dataset's files (raw or .gz); else MLP4J_DATA, the"
                    + " cache, Debian's dataset package, mirrors, npm. evaluate, for a model trained on a CSV file: the CSV file"
                    + " to evaluate (raw values; the model standardises them).")
    Path data;

    /**
     * --dataset, or the dataset named in the model's metadata ({@code modelFile} names it in errors). A model
     * trained on a table has no images to measure on; one trained on Spark's grey levels does not say which
     * images they were, so it needs --dataset.
     */
    DatasetChoice choice(Map<String, String> metadata, Path modelFile) {
        if (dataset != null) {
            return DatasetChoice.parse(dataset, "--dataset");
        }
        String stored = metadata.get("dataset");
        if (EvaluateCommand.isTable(metadata)) {
            throw new InvalidInputException(modelFile + ": a model of a table (trained on " + stored + ", "
                    + metadata.getOrDefault("layers", "?").split(",")[0] + " inputs): this command takes MNIST or"
                    + " Fashion-MNIST images (evaluate takes the table: --data FILE.csv)");
        }
        if ("spark".equals(stored) || "parquet".equals(stored)) {
            throw new InvalidInputException(modelFile + ": a model of grey levels trained on Spark does not say"
                    + " which images they were: give --dataset mnist or fashion-mnist");
        }
        return DatasetChoice.parse(stored, modelFile + ": __metadata__ dataset");
    }
}
