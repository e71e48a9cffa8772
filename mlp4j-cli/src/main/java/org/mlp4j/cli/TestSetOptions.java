package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Map;
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

    /** --dataset, or the dataset named in the model's metadata ({@code modelFile} names it in errors). */
    DatasetChoice choice(Map<String, String> metadata, Path modelFile) {
        return dataset != null
                ? DatasetChoice.parse(dataset, "--dataset")
                : DatasetChoice.parse(metadata.get("dataset"), modelFile + ": __metadata__ dataset");
    }
}
