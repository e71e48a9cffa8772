package org.mlp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Mnist;
import org.mlp4j.datasets.DatasetSpec;
import org.mlp4j.datasets.Datasets;
import org.mlp4j.datasets.FetchOptions;

/** The image datasets the commands know, by the name used on the command line and in model files. */
enum DatasetChoice {
    MNIST(DatasetSpec.MNIST),
    FASHION(DatasetSpec.FASHION_MNIST);

    final String id;
    final DatasetSpec spec;
    final String classNames;

    DatasetChoice(DatasetSpec spec) {
        this.id = spec.id();
        this.spec = spec;
        this.classNames = String.join(",", spec.classNames());
    }

    /** "mnist", "fashion-mnist" or "fashion"; {@code field} names the flag or file in the error. */
    static DatasetChoice parse(String name, String field) {
        String n = name == null ? "mnist" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("fashion")) {
            return FASHION;
        }
        for (DatasetChoice d : values()) {
            if (d.id.equals(n)) {
                return d;
            }
        }
        throw new InvalidInputException(field + ": expected mnist or fashion-mnist, found '" + name + "'");
    }

    /** Finds or fetches the dataset (see {@code mlp4j fetch}) and loads both sets. */
    Mnist.Split load(Path dataDir, Consumer<String> log) {
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            // a file here is most often a table given without --dataset csv: say so, not only "a file"
            throw new InvalidInputException("--data: expected a directory of " + id + " files, found "
                    + (Files.exists(dataDir)
                            ? "a file at " + dataDir + " (a CSV file needs --dataset csv)"
                            : "nothing at " + dataDir));
        }
        return Datasets.load(spec, FetchOptions.fromEnvironment(dataDir, log));
    }
}
