package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.data.Mnist;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.EpochTimer;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlp4j bench}: seconds per training epoch of the article's network, data in memory. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time training epochs (the article's algorithm, all 60,000 MNIST training images per epoch) with the"
                    + " data already in memory.",
            "Ends with a line median_epoch_seconds=<x>."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", description = "Layer sizes (default: ${DEFAULT-VALUE}).", defaultValue = "784,512,10")
    String layers;

    @Option(names = "--batch-size", description = "Minibatch size (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int batchSize;

    @Option(names = "--epochs", description = "Timed epochs (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int epochs;

    @Option(names = "--warmup", description = "Untimed epochs first (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int warmup;

    @Option(names = "--threads", description = Options.THREADS_HELP)
    Integer threads;

    @Option(names = "--kernels", description = "best or scalar (default: ${DEFAULT-VALUE}).", defaultValue = "best")
    String kernelsName;

    @Option(names = "--dense", description = "Multiply every input, zeros included (shows what skipping zeros saves).")
    boolean dense;

    @Option(names = "--data", description = "Directory holding the MNIST files.")
    Path data;

    @Option(
            names = "--recipe",
            description = "Time a recipe's training step instead (its network, optimizer, dropout,"
                    + " augmentation); --layers and --batch-size, when given, override it.")
    String recipe;

    @Option(
            names = "--compare-augmentation",
            description = "With --recipe: alternate epochs with and without the"
                    + " recipe's augmentation and report both medians and the overhead.")
    boolean compareAugmentation;

    @Override
    public Integer call() {
        if (recipe != null) {
            return benchRecipe();
        }
        if (compareAugmentation) {
            throw new org.mlp4j.InvalidInputException(
                    "--compare-augmentation: needs --recipe (the augmentation to compare)");
        }
        int[] sizes = Options.parseLayers(layers);
        if (epochs < 1 || warmup < 0 || batchSize < 1) {
            throw new org.mlp4j.InvalidInputException(
                    "--epochs, --warmup, --batch-size: expected epochs >= 1, warmup >= 0," + " batch size >= 1, found "
                            + epochs + ", " + warmup + ", " + batchSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Mnist.Split mnist = Options.loadMnist(data, line -> err.println("mlp4j: " + line));
        var train = mnist.train();
        int nThreads = Options.threads(threads);
        Rng rng = new Rng(1);
        Network net = Network.articleInit(sizes, Activation.byName("sigmoid"), Cost.byName("quadratic"), rng);
        double[] times = new double[epochs];
        try (EpochTimer timer = new EpochTimer(net, train, batchSize, nThreads, scalar())) {
            timer.skipZeroInputs(!dense);
            out.printf(
                    Locale.ROOT,
                    "bench %s batch %d, %d threads, %s kernels%s, %d examples per epoch%n",
                    Options.layersText(sizes),
                    batchSize,
                    nThreads,
                    timer.kernels(),
                    dense ? ", dense" : "",
                    train.size());
            for (int e = -warmup; e < epochs; e++) {
                double s = timer.epoch(rng.permutation(train.size()), 0.5f);
                if (e >= 0) {
                    times[e] = s;
                    out.printf(Locale.ROOT, "epoch %d: %.3f s, %.0f examples/s%n", e + 1, s, train.size() / s);
                    out.flush();
                }
            }
        }
        double median = median(times);
        out.printf(Locale.ROOT, "median %.3f s per epoch, %.0f examples/s%n", median, train.size() / median);
        printWork(out, sparseWork(train, sizes) / 1e9, median, nThreads);
        out.printf(Locale.ROOT, "median_epoch_seconds=%.4f%n", median);
        out.flush();
        return 0;
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The epoch's necessary work, the rate it was done at, and the share of the sparse limit reached. */
    private static void printWork(PrintWriter out, double gflop, double median, int nThreads) {
        out.printf(
                Locale.ROOT,
                "work per epoch without multiplications by zero: %.2f GFLOP, done at %.1f GFLOPS%n",
                gflop,
                gflop / median);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) { // PeakFlops needs the Vector API
            // the sparse limit: that work at this machine's measured peak, on as many threads as trained
            double peak = org.mlp4j.cli.bench.PeakFlops.gflops(nThreads, 0.3);
            double limit = gflop / peak;
            out.printf(
                    Locale.ROOT,
                    "sparse limit: %.3f s an epoch at the measured peak of %.1f GFLOPS (%d threads); reached %.0f%%%n",
                    limit,
                    peak,
                    nThreads,
                    100 * limit / median);
        }
    }

    /**
     * The floating-point operations an epoch of the article's algorithm needs when no input that is zero is
     * multiplied (the sparse limit): the first layer's forward product and weight gradient over each example's
     * non-zero inputs only (2 FLOP per multiply-add, twice), every layer above it forward, back (its Δ times
     * its weights) and gradient in full. Biases, activations and the cost are left out (under 1%).
     */
    static double sparseWork(org.mlp4j.data.Dataset train, int[] sizes) {
        long nonZeros = 0;
        float[] row = new float[train.features()];
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (float v : row) {
                nonZeros += v != 0f ? 1 : 0;
            }
        }
        double work = 4.0 * nonZeros * sizes[1];
        for (int l = 1; l + 1 < sizes.length; l++) {
            work += 6.0 * train.size() * sizes[l] * sizes[l + 1];
        }
        return work;
    }

    /** Epochs of a recipe's training steps (all 60,000 images), optionally with and without augmentation. */
    private Integer benchRecipe() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingPlan plan = recipePlan();
        Mnist.Split mnist = Options.loadMnist(data, line -> err.println("mlp4j: " + line));
        var train = mnist.train();
        int nThreads = Options.threads(threads);
        Rng rng = new Rng(1);
        Network net = plan.network(rng);
        int bs = plan.batchSize();
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        try (EpochTimer timer = new EpochTimer(plan, net, train, nThreads, scalar())) {
            out.printf(
                    Locale.ROOT,
                    "bench recipe %s: %s, batch %d, %d threads, %s kernels, %d examples per epoch%n",
                    recipe,
                    describe(net, plan),
                    bs,
                    nThreads,
                    timer.kernels(),
                    train.size());
            for (int e = -warmup; e < epochs; e++) {
                // alternate the order of the pair, so drifts of the machine's speed hit both alike
                boolean[] modes = !compareAugmentation
                        ? new boolean[] {plan.augmented()}
                        : (e & 1) == 0 ? new boolean[] {true, false} : new boolean[] {false, true};
                for (boolean augmented : modes) {
                    int[] order = rng.permutation(train.size());
                    timer.augment(augmented, e);
                    double s = timer.epoch(order);
                    if (e >= 0) {
                        (augmented ? with : without).add(s);
                        out.printf(
                                Locale.ROOT,
                                "epoch %d%s: %.3f s, %.0f examples/s%n",
                                e + 1,
                                compareAugmentation ? (augmented ? " augmented" : " plain    ") : "",
                                s,
                                train.size() / s);
                        out.flush();
                    }
                }
            }
        }
        printRecipeMedians(out, with, without);
        return 0;
    }

    /** "784-1024-10 relu, nesterov": the network and optimizer a recipe bench times. */
    private static String describe(Network net, TrainingPlan plan) {
        return Options.layersText(net.sizes()) + " " + net.activation().id() + ", " + plan.optimizerName();
    }

    /** The recipe with --layers and --batch-size on top, planned for MNIST; checked for --compare-augmentation. */
    private TrainingPlan recipePlan() {
        Map<String, Object> overrides = new java.util.LinkedHashMap<>();
        if (spec.commandLine().getParseResult().hasMatchedOption("--layers")) {
            overrides.put("layers", layers);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--batch-size")) {
            overrides.put("batch-size", (long) batchSize);
        }
        TrainingPlan plan =
                Recipe.nameOrFile(recipe).mergeOptions(overrides, "--").plan(60000, 28);
        if (compareAugmentation && !plan.augmented()) {
            throw new org.mlp4j.InvalidInputException(
                    "--compare-augmentation: recipe " + recipe + " has no augmentation");
        }
        return plan;
    }

    /** The medians of the timed epochs, with and without augmentation when they were compared. */
    private void printRecipeMedians(PrintWriter out, List<Double> with, List<Double> without) {
        if (compareAugmentation) {
            double a = median(with);
            double p = median(without);
            out.printf(
                    Locale.ROOT,
                    "median %.3f s per epoch augmented, %.3f s plain: augmentation adds %.1f%%%n",
                    a,
                    p,
                    100 * (a - p) / p);
            out.printf(Locale.ROOT, "augmentation_overhead_percent=%.1f%n", 100 * (a - p) / p);
        } else {
            out.printf(Locale.ROOT, "median_epoch_seconds=%.4f%n", median(with.isEmpty() ? without : with));
        }
        out.flush();
    }

    private static double median(List<Double> v) {
        return median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether --kernels asks for the plain loops. */
    private boolean scalar() {
        return "scalar".equalsIgnoreCase(kernelsName);
    }
}
