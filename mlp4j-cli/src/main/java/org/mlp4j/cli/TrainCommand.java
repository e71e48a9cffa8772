package org.mlp4j.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.io.CheckpointFile;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.MinibatchSgd;
import org.mlp4j.train.TrainingSettings;
import org.mlp4j.train.TrainingStopped;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j train}: trains a network from a recipe (named, or a JSON/YAML file) with flags on top, and
 * prints its test accuracy. Every recipe key is also a flag ({@link Recipe#KEYS}); they are added to
 * the command when it is built ({@link #addRecipeOptions}).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a multilayer perceptron on MNIST, Fashion-MNIST or a CSV file and print its test accuracy.",
            "Settings come from a recipe (--recipe); every recipe key is also a flag, which wins. Keys a recipe"
                    + " does not set take their built-in value (shown below; the recipes are in recipes/)."
        })
class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--recipe",
            description = "A named recipe (default, article, fast-98, fast-99, best, fashion, tabular) or a JSON/YAML"
                    + " recipe file (default: default).")
    String recipe;

    @Option(
            names = "--preset",
            description = "Same as --recipe (kept for 'mlp4j train --preset article').",
            hidden = true)
    String preset;

    @Option(names = "--threads", description = Options.THREADS_HELP)
    Integer threads;

    @Option(
            names = "--data",
            description = "MNIST/Fashion-MNIST: directory holding the dataset's files (raw or .gz); else"
                    + " MLP4J_DATA, the cache, Debian's dataset package, mirrors, npm. csv: the training CSV file.")
    Path data;

    @Option(names = "--save", description = "Write the trained model to this safetensors file (atomically).")
    Path save;

    @Option(
            names = "--runs",
            description = "Folder for run records (default: runs). Each run writes <runs>/<name>/ with"
                    + " recipe.json, metrics.jsonl, model.safetensors and summary.json.")
    Path runs;

    @Option(names = "--run-name", description = "Name of this run's folder (default: date, time and recipe).")
    String runName;

    @Option(
            names = "--checkpoint",
            description = "Write a checkpoint to this file at every epoch end and on Ctrl-C"
                    + " (atomically). With --resume, the default is the resumed file.")
    Path checkpoint;

    @Option(
            names = "--resume",
            description = "Continue the run saved in this checkpoint, with its recipe; the result is"
                    + " bit for bit that of an uninterrupted run.")
    Path resume;

    /** Adds one option per recipe key (--layers, --lr, --dropout, …) to the train command, and the recipes' list. */
    static void addRecipeOptions(CommandLine train) {
        CommandSpec s = train.getCommandSpec();
        // the list of recipes comes from the recipes' own descriptions, so it cannot go stale
        java.util.List<String> footer = new java.util.ArrayList<>(java.util.List.of(
                "", "Recipes (JSON files in recipes/ of the repository; measured results in docs/recipes.md):"));
        for (String name : Recipe.names()) {
            String label = String.format(Locale.ROOT, "  %-8s ", name);
            StringBuilder line = new StringBuilder(label);
            for (String word : Recipe.description(name).replace("%", "%%").split(" ")) {
                if (line.length() + word.length() > 79 && line.length() > label.length()) { // picocli wraps at 80
                    footer.add(line.toString().stripTrailing());
                    line = new StringBuilder(" ".repeat(label.length()));
                }
                line.append(word).append(' ');
            }
            footer.add(line.toString().stripTrailing());
        }
        s.usageMessage().footer(footer.toArray(String[]::new));
        // picocli formats descriptions with String.format: a literal % must be doubled
        Recipe.keys()
                .forEach((key, d) -> s.addOption(OptionSpec.builder("--" + key)
                        .type(String.class)
                        .paramLabel("<" + key + ">")
                        .description((d.description() + " (built-in: "
                                        + (String.valueOf(d.defaultValue()).isEmpty() ? "none" : d.defaultValue())
                                        + ")")
                                .replace("%", "%%"))
                        .build()));
    }

    @Option(names = "--no-header", description = "CSV: the first row is data, not a header (--header no).")
    boolean noHeader;

    /** The recipe keys given as flags. */
    private Map<String, Object> flags() {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String key : Recipe.keys().keySet()) {
            OptionSpec o = spec.findOption("--" + key);
            if (o != null && o.getValue() != null) {
                given.put(key, typed(o.getValue()));
            }
        }
        if (noHeader) {
            Object header = given.get("header");
            if (header != null && !String.valueOf(header).equalsIgnoreCase("no")) {
                throw new InvalidInputException("--no-header: says the opposite of --header " + header + "; give one");
            }
            given.put("header", "no");
        }
        return given;
    }

    /** A flag's text as a recipe value: a whole number, a number, or text. */
    private static Object typed(String text) {
        String t = text.trim();
        if (t.matches("[+-]?[0-9]{19,}")) {
            return text; // too long for a long: kept as written, so its error shows the digits given
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) || t.matches("[+-]?(Infinity|NaN)") ? d : text;
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }

    /** The recipe a run follows, what to call it, and the checkpoint it resumes (or null). */
    record Resolved(Recipe recipe, String name, CheckpointFile.Loaded resumed) {}

    @Override
    public Integer call() {
        int nThreads = Options.threads(threads);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        Resolved resolved = resolveRecipe(err);
        Recipe r = resolved.recipe();
        CheckpointFile.Loaded resumed = resolved.resumed();
        // Check where results go, and the whole recipe, before fetching or reading any data.
        Path runsRoot = checkOutputs();
        r.plan(Integer.MAX_VALUE, isCsv(r) ? 0 : 28);
        TrainingData td = TrainingData.load(r, data, line -> {
            err.println("mlp4j: " + line);
            err.flush();
        });
        if (resumed != null) {
            sameData(resumed.metadata(), td, resume);
        }
        // what the user did not set follows the data (layer ends, batch size, a table's validation split)
        r = r.fitTo(td.train().features(), td.train().classes(), td.train().size(), isCsv(r), line -> {
            err.println("mlp4j: " + line);
            err.flush();
        });
        TrainingPlan plan = r.plan(td.train().size(), td.imageSide());
        TrainingSettings settings = plan.settings();
        Rng rng = new Rng(plan.seed());
        Network net;
        Checkpointer.Position from;
        double secondsBefore = 0;
        if (resumed != null) {
            net = resumed.network();
            from = resumed.position();
            secondsBefore = finiteNumber(
                    resumed.metadata().getOrDefault("train_seconds", "0"), resume + ": metadata" + " train_seconds");
        } else {
            net = plan.network(rng);
            from = Checkpointer.Position.start(rng);
        }
        Kernels kernels = Kernels.best();
        printBanner(err, plan, td, net, from, nThreads, kernels);

        long t0 = System.nanoTime();
        Map<String, String> meta = metadata(r, resolved.name(), plan, td);
        CliCheckpointer checkpointer = new CliCheckpointer(checkpointFile, net, meta, secondsBefore, t0);
        try (WorkerPool pool = new WorkerPool(nThreads);
                RunRecord record = RunRecord.start(runsRoot, runName, resolved.name(), r.toJson())
                        .warningsTo(w -> err.println("mlp4j: warning: " + w))) {
            err.println("mlp4j: recording the run in " + record.dir());
            try {
                fit(
                        net,
                        td,
                        plan,
                        rng,
                        new EpochPrinter(out, err, settings, record),
                        checkpointer,
                        from,
                        kernels,
                        pool);
            } catch (TrainingStopped stopped) {
                err.println("mlp4j: interrupted; checkpoint written to " + checkpointFile + " (epoch "
                        + stopped.position().epoch() + ", minibatch "
                        + stopped.position().batch()
                        + "); continue with: mlp4j train --resume " + checkpointFile);
                err.flush();
                return 130;
            } finally {
                checkpointer.finished();
            }
            double trainSeconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
            double test = Accuracy.of(net, td.test(), kernels, pool);
            out.println("Test accuracy: "
                    + (settings.isArticle() ? twoDecimals(test) : String.format(Locale.ROOT, "%.4f", test)));
            finish(out, err, record, net, meta, td.tensors(), test, trainSeconds, settings.epochs());
        }
        return 0;
    }

    /**
     * The end of a run: its figures into the metadata, the run record finished, the --save file, and the
     * result line for scripts.
     */
    void finish(
            PrintWriter out,
            PrintWriter err,
            RunRecord record,
            Network net,
            Map<String, String> meta,
            Map<String, float[]> tensors,
            double test,
            double trainSeconds,
            int epochs) {
        meta.put("test_accuracy", String.format(Locale.ROOT, "%.4f", test));
        meta.put("train_seconds", String.format(Locale.ROOT, "%.2f", trainSeconds));
        // --save first: the file the user asked for must not depend on the run record's disk
        if (save != null) {
            ModelFile.save(save, net, meta, tensors);
            err.println("mlp4j: saved " + save);
        }
        RuntimeException recordFailed = null;
        try {
            record.finish(net, meta, tensors, test, trainSeconds);
        } catch (java.io.UncheckedIOException | InvalidInputException e) {
            recordFailed = e; // said after the result line: the model itself is safe
        }
        out.printf(
                Locale.ROOT,
                "result test_accuracy=%.4f train_seconds=%.2f epochs=%d%s%n",
                test,
                trainSeconds,
                record.lastEpoch() > 0 ? record.lastEpoch() : epochs, // early stopping ends before the last
                resultExtra());
        out.flush();
        if (recordFailed != null) {
            throw recordFailed;
        }
    }

    /**
     * Trains {@code net} in place, from {@code from}, telling {@code listener} about each epoch: here on
     * this machine; {@code spark-train} trains on Spark instead.
     */
    void fit(
            Network net,
            TrainingData td,
            TrainingPlan plan,
            Rng rng,
            EpochListener listener,
            Checkpointer checkpointer,
            Checkpointer.Position from,
            Kernels kernels,
            WorkerPool pool) {
        new MinibatchSgd(kernels, pool).fit(net, td.train(), plan.settings(), rng, listener, checkpointer, from);
    }

    /** What the result line adds after the epochs ({@code spark-train}: the workers). */
    String resultExtra() {
        return "";
    }

    private static boolean isCsv(Recipe r) {
        return r.string("dataset").trim().equalsIgnoreCase("csv");
    }

    /**
     * The run's recipe: a checkpoint's own (with --resume), or the named recipe or file with the flags on
     * top; a named recipe's image augmentation is turned off for tabular data.
     */
    Resolved resolveRecipe(PrintWriter err) {
        Recipe r;
        CheckpointFile.Loaded resumed = null;
        if (resume != null) {
            if (!flags().isEmpty() || recipe != null || preset != null) {
                throw new InvalidInputException("--resume continues the checkpoint's run with its own recipe; remove "
                        + String.join(
                                ", ",
                                flags().keySet().stream().map(k -> "--" + k).toList())
                        + (recipe != null || preset != null ? " --recipe" : ""));
            }
            resumed = CheckpointFile.load(resume);
            String json = resumed.metadata().get("recipe");
            if (json == null) {
                throw new InvalidInputException(resume + ": checkpoint metadata: expected a recipe, found none");
            }
            r = Recipe.fromJson(json, resume + " (its recipe)");
        } else {
            if (recipe != null && preset != null) {
                throw new InvalidInputException("--preset is another name for --recipe; give one of them");
            }
            r = Recipe.nameOrFile(recipe != null ? recipe : preset != null ? preset : defaultRecipe())
                    .mergeOptions(flags(), "--");
        }
        String name = recipe != null
                ? recipe
                : preset != null
                        ? preset
                        : resume != null ? resumed.metadata().getOrDefault("recipe_name", "resumed") : defaultRecipe();
        r = org.mlp4j.recipe.DataDefaults.settle(r, line -> err.println("mlp4j: " + line));
        if (isCsv(r)) {
            Recipe tabular = r.withoutNamedAugmentation();
            if (tabular != r) {
                err.println("mlp4j: the named recipe's image augmentation does not apply to tabular data: turned off");
                r = tabular;
            }
        }
        return new Resolved(r, name, resumed);
    }

    /** The recipe when none is named: {@code tabular} for a CSV file ({@code --dataset csv}), else {@code default}. */
    private String defaultRecipe() {
        Object dataset = flags().get("dataset");
        return dataset != null && String.valueOf(dataset).trim().equalsIgnoreCase("csv") ? "tabular" : "default";
    }

    /** Checks that --save, --checkpoint and the runs folder can be written; returns the runs folder. */
    Path checkOutputs() {
        if (save != null) {
            AtomicFile.checkWritable(save, "--save");
        }
        if (checkpoint != null) {
            AtomicFile.checkWritable(checkpoint, "--checkpoint");
        }
        Path runsRoot = runs != null ? runs : Path.of(System.getProperty("mlp4j.runs", "runs"));
        RunRecord.checkRoot(runsRoot);
        return runsRoot;
    }

    /** The two lines that say what is about to be trained, on what, and how. */
    private void printBanner(
            PrintWriter err,
            TrainingPlan plan,
            TrainingData td,
            Network net,
            Checkpointer.Position from,
            int nThreads,
            Kernels kernels) {
        TrainingSettings settings = plan.settings();
        err.printf(
                Locale.ROOT,
                "mlp4j: %s %s %s%s/%s, %s, %d epochs, batch %d, lr %s (%s), seed %d, %d threads, %s kernels%n",
                resume != null
                        ? "resuming " + resume + " at epoch " + from.epoch() + ", minibatch " + from.batch() + ":"
                        : "training",
                Options.layersText(net.sizes()),
                net.activation().id(),
                net.outputActivation() == net.activation()
                        ? ""
                        : "+" + net.outputActivation().id(),
                net.cost().id(),
                settings.optimizer().kind().id(),
                settings.epochs(),
                settings.batchSize(),
                settings.learningRate(),
                settings.schedule().describe(),
                plan.seed(),
                nThreads,
                kernels.name());
        err.printf(
                Locale.ROOT,
                "mlp4j: %s: %d training examples%s, %d test examples%n",
                td.description(),
                td.train().size() - Math.max(0, settings.validation().heldOut()),
                settings.validation().heldOut() > 0
                        ? ", " + settings.validation().heldOut() + " held out for validation"
                        : settings.isArticle()
                                ? " (validation: the last minibatch of each epoch, as in the article)"
                                : "",
                td.test().size());
        err.flush();
    }

    /**
     * Refuses to resume a checkpoint on data whose classes or features differ from its own: the network
     * was relabelled in silence (classes cat/dog/eel resumed on apple/pear/plum tested at 0.34).
     */
    static void sameData(Map<String, String> checkpoint, TrainingData td, Path file) {
        sameNames("class", checkpoint.get("class_names"), td.classNames(), file);
        sameNames("feature", checkpoint.get("feature_names"), td.featureNames(), file);
    }

    private static void sameNames(String what, String stored, String now, Path file) {
        if (stored == null || now == null || stored.equals(now)) {
            return;
        }
        List<String> a = List.of(stored.split(",", -1));
        List<String> b = List.of(now.split(",", -1));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? "'" + a.get(i) + "'" : "none";
            String y = i < b.size() ? "'" + b.get(i) + "'" : "none";
            if (!x.equals(y)) {
                throw new InvalidInputException("--resume " + file + ": expected the checkpoint's " + what
                        + " names in the data, found a difference at " + what + " " + (i + 1) + ": the checkpoint has "
                        + TextOutput.safe(x) + ", the data " + TextOutput.safe(y));
            }
        }
    }

    /** What the model file, checkpoints and run record keep about the run. */
    private static Map<String, String> metadata(Recipe r, String recipeName, TrainingPlan plan, TrainingData td) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", r.toJson());
        meta.put("recipe_name", recipeName);
        meta.put("seed", Long.toString(plan.seed()));
        meta.put("dataset", td.id());
        meta.put("class_names", td.classNames());
        meta.put("input_scaling", td.inputScaling());
        if (td.featureNames() != null) {
            meta.put("feature_names", td.featureNames());
        }
        return meta;
    }

    /**
     * The per-epoch lines: the article's {@code Epoch N: Validation Accuracy: 0.xx} for the article's
     * algorithm, losses and accuracies otherwise; the progress bar on a terminal; the run record.
     */
    static final class EpochPrinter implements EpochListener {
        private final PrintWriter out;
        private final boolean article;
        private final TrainProgress progress;
        private final RunRecord record;

        EpochPrinter(PrintWriter out, PrintWriter err, TrainingSettings settings, RunRecord record) {
            this.out = out;
            this.article = settings.isArticle();
            this.progress = new TrainProgress(TrainProgress.onTerminal(), err, settings.epochs());
            this.record = record;
        }

        @Override
        public void onEpoch(EpochStats stats) {
            progress.epoch(stats);
            if (article) {
                out.println(
                        "Epoch " + stats.epoch() + ": Validation Accuracy: " + twoDecimals(stats.validationAccuracy()));
            } else {
                // with no held-out set (validation-split 0) there are no validation columns
                String validation = Double.isNaN(stats.validationAccuracy())
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " validation loss %.4f, validation accuracy %.4f,",
                                stats.validationLoss(),
                                stats.validationAccuracy());
                out.printf(
                        Locale.ROOT,
                        "Epoch %d: train loss %.4f, train accuracy %.4f,%s lr %.4g, %.1f s%n",
                        stats.epoch(),
                        stats.trainLoss(),
                        stats.trainAccuracy(),
                        validation,
                        stats.learningRate(),
                        stats.seconds());
            }
            out.flush();
            if (record != null) {
                record.epoch(stats);
            }
        }

        @Override
        public void onBatch(int epoch, int done, int total, double loss) {
            progress.batch(epoch, done, total, loss);
        }
    }

    /**
     * Writes checkpoints to a file (when one is named) and turns Ctrl-C into a clean stop: a shutdown
     * hook asks training to stop, and waits until the position has been saved.
     */
    private static final class CliCheckpointer implements Checkpointer {
        private final Path file;
        private final Network net;
        private final Map<String, String> meta;
        private final double secondsBefore;
        private final long t0;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private final Thread hook;
        private volatile boolean stop;

        CliCheckpointer(Path file, Network net, Map<String, String> meta, double secondsBefore, long t0) {
            this.file = file;
            this.net = net;
            this.meta = meta;
            this.secondsBefore = secondsBefore;
            this.t0 = t0;
            if (file == null) {
                hook = null;
                return;
            }
            hook = new Thread(
                    () -> {
                        stop = true;
                        try {
                            done.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "mlp4j-checkpoint-on-exit");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void save(Position position) {
            if (file == null) {
                return;
            }
            Map<String, String> m = new LinkedHashMap<>(meta);
            m.put("train_seconds", Double.toString(secondsBefore + (System.nanoTime() - t0) / 1e9));
            CheckpointFile.save(file, net, position, m);
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

    private static double finiteNumber(String text, String field) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isFinite(d) && d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(field + ": expected a number of seconds, found '" + text + "'");
    }

    /**
     * Python's {@code "{:.2f}".format(x)}: the exact binary value rounded half-to-even, so a validation
     * accuracy of exactly 0.125 prints as 0.12, as in the article's code.
     */
    static String twoDecimals(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
