package org.mlp4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.mlp4j.data.Mnist;

/** MNIST and Fashion-MNIST, found or fetched, verified and loaded in one call. */
public final class Datasets {
    private Datasets() {}

    /**
     * Finds or fetches the dataset (see {@link DatasetFetcher}), verifies every file against its SHA-256
     * and loads both sets.
     *
     * @param spec    which dataset ({@link DatasetSpec#MNIST}, {@link DatasetSpec#FASHION_MNIST}) and where
     *                it is found
     * @param options the data folder, cache, mirrors and log
     * @return the training and test sets
     * @throws org.mlp4j.InvalidInputException when no source has a verified copy of a file, listing what was
     *                                         tried
     */
    public static Mnist.Split load(DatasetSpec spec, FetchOptions options) {
        List<Path> files = new DatasetFetcher(spec, options).fetch();
        int classes = spec.classNames().isEmpty() ? 10 : spec.classNames().size();
        return new Mnist.Split(
                Mnist.load(files.get(0), files.get(1), classes), Mnist.load(files.get(2), files.get(3), classes));
    }
}
