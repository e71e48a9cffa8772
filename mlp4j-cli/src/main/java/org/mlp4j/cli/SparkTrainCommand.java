package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.spark.Checkpointing;
import org.mlp4j.spark.DistributedTrainer;
import org.mlp4j.spark.Distribution;
import org.mlp4j.spark.SparkTraining;
import org.mlp4j.train.EpochListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j spark-train}: {@code train}, with the training spread over Apache Spark (synchronous local
 * SGD with periodic averaging, see mlp4j-spark). The same recipes, flags, per-epoch lines, run folder and
 * {@code --save} file; the data is MNIST, Fashion-MNIST or a CSV file (a path: read here, then broadcast; a
 * URI: read by the executors), or a Parquet dataset that Spark reads where it lies. Spark's classes come from the launcher (or from
 * {@code spark-submit}); this class touches them only through mlp4j-spark, when it runs.
 */
@Command(
        name = "spark-train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train as 'train' does, on Apache Spark: each round, every worker takes a few minibatch steps on its"
                    + " share of the data and the driver averages the networks.",
            "Data: MNIST, Fashion-MNIST or a CSV file (as for train; as a URI, --dataset csv --data"
                    + " hdfs://.../x.csv, read by the executors), or a Parquet dataset (--data x.parquet"
                    + " --features COL --label COL)."
        })
final class SparkTrainCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(
            names = "--master",
            description = "Spark master: local[2] (this machine, 2 workers), spark://host:7077 (a standalone"
                    + " cluster); leave it out under spark-submit.")
    String master;

    @Option(
            names = "--workers",
            description = "Partitions that train, one task each per round; the rows are spread evenly over them"
                    + " (default: Spark's default parallelism, the executors' task slots).")
    Integer workers;

    @Option(
            names = "--rounds-per-epoch",
            defaultValue = "auto",
            description = "Averagings per epoch, or auto (the default): 8, or for a table whose epoch is under 32"
                    + " steps a worker, one every few epochs; --lr-scaling auto multiplies it by N/4 beyond 4"
                    + " workers.")
    String roundsPerEpoch;

    @Option(
            names = "--lr-scaling",
            defaultValue = "auto",
            description = "auto: the learning rate times the workers up to 4; beyond 4 workers smaller minibatches"
                    + " and more averagings per epoch (the rule measured to hold to 64 workers); linear: times the"
                    + " workers; sqrt: times their square root; none: as the recipe says (default:"
                    + " ${DEFAULT-VALUE}).")
    String lrScaling;

    @Option(
            names = "--features",
            defaultValue = "features",
            description =
                    "Parquet: the features column, a vector" + " or an array of numbers (default: ${DEFAULT-VALUE}).")
    String featuresCol;

    @Option(
            names = "--checkpoint",
            description = "Write the driver's checkpoint here (a path, or any URI Spark's file systems read:"
                    + " hdfs://, s3a://) every --checkpoint-every rounds. Run the same command again after a"
                    + " lost driver: it continues from the checkpoint and ends with the same model.")
    String checkpoint;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "8",
            description = "Rounds (Spark jobs) between two checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    private int workersUsed;
    /** The Spark session, started before training's clock starts (its start-up is not training). */
    private SparkTraining spark;

    private Distribution distribution() {
        return new Distribution(
                workers == null ? 0 : workers,
                roundsPerEpoch(),
                Distribution.LrScaling.parse(lrScaling, "--lr-scaling"),
                1);
    }

    /** --rounds-per-epoch as Distribution takes it: auto is {@link Distribution#AUTO_ROUNDS}. */
    private int roundsPerEpoch() {
        String v = roundsPerEpoch.trim();
        if (v.equalsIgnoreCase("auto")) {
            return Distribution.AUTO_ROUNDS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidInputException(
                "--rounds-per-epoch: expected auto or a whole number of at least 1, found '" + roundsPerEpoch + "'");
    }

    private Checkpointing checkpoints() {
        if (checkpoint == null) {
            return Checkpointing.NONE;
        }
        if (checkpoint.isBlank()) {
            throw new InvalidInputException("--checkpoint: expected a path or URI, found nothing");
        }
        if (checkpointEvery < 1) {
            throw new InvalidInputException("--checkpoint-every: expected at least 1 round, found " + checkpointEvery);
        }
        return Checkpointing.at(checkpoint, checkpointEvery);
    }

    @Override
    public Integer call() {
        distribution(); // checks the flags before anything starts
        checkpoints();
        checkDataKind();
        if (master == null && System.getProperty("spark.master") == null) {
            // spark-submit sets spark.master; without it Spark ended in a stack trace
            throw new InvalidInputException("--master: expected a Spark master (local[2] on this machine,"
                    + " spark://host:7077 for a cluster), found none (only spark-submit gives one itself)");
        }
        try {
            long t0 = System.nanoTime();
            spark = SparkTraining.start(master, "mlp4j spark-train");
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    Locale.ROOT,
                    "mlp4j: Spark %s started in %.1f s (%d tasks at once)%n",
                    master == null ? "session" : master,
                    (System.nanoTime() - t0) / 1e9,
                    spark.defaultParallelism());
            String saveTo = typed("--save");
            if (saveTo != null && hasScheme(saveTo)) {
                // hdfs://, s3a://…: written through Spark's file systems, as typed (a path folds its "//")
                spark.checkWritable(saveTo, "--save");
                run.saveElsewhere(saveTo, bytes -> spark.write(saveTo, bytes, "--save"));
            }
            String runsTo = run.runsElsewhere((location, bytes) -> spark.write(location, bytes, "--runs"));
            if (runsTo != null) {
                spark.checkWritable(runsTo.replaceAll("/+$", "") + "/.mlp4j-check", "--runs");
            }
            try {
                String location = dataLocation();
                if (location != null
                        && hasScheme(location)
                        && RunOptions.isCsv(run.recipe(new PrintWriter(java.io.Writer.nullWriter())))) {
                    return csvOnExecutors(location);
                }
                return isParquet(location) ? parquet(location) : inMemory(err);
            } finally {
                spark.close();
            }
        } catch (NoClassDefFoundError e) {
            if (String.valueOf(e.getMessage()).contains("org/apache/spark")) {
                throw new InvalidInputException("spark-train needs Apache Spark's jars: run it through ./mlp4j (which"
                        + " adds them) or spark-submit, found no "
                        + e.getMessage().replace('/', '.'));
            }
            throw e;
        }
    }

    /** MNIST, Fashion-MNIST or a CSV file, read here and broadcast; the run as train makes it. */
    private int inMemory(PrintWriter err) {
        TrainingRun.Resolved resolved = new TrainingRun.Resolved(
                DistributedTrainer.withoutEarlyStopping(run.recipe(err)), run.recipeName(), null, null);
        TrainingRun.Fitter onSpark = new TrainingRun.Fitter() {
            @Override
            public void fit(
                    Network net, TrainingData td, TrainingPlan plan, EpochListener listener, TrainingRun.Context at) {
                DistributedTrainer.Result r = spark.train(
                        td.train(), plan.recipe(), td.imageSide() > 0, distribution(), listener, checkpoints());
                net.copyParametersFrom(r.network());
                workersUsed = r.workers();
                report(spec.commandLine().getErr(), r);
            }

            @Override
            public String resultExtra() {
                return " workers=" + workersUsed;
            }
        };
        return new TrainingRun(run, spec.commandLine().getOut(), err).execute(resolved, onSpark);
    }

    /**
     * A CSV file's URI without --dataset csv is refused before Spark starts: it is neither Parquet nor the
     * folder of MNIST files the recipe's dataset expects (it was reported as "nothing at" the folded URI).
     */
    private void checkDataKind() {
        String location = dataLocation();
        if (location != null
                && hasScheme(location)
                && !isParquet(location)
                && !RunOptions.isCsv(run.recipe(new PrintWriter(java.io.Writer.nullWriter())))) {
            throw new InvalidInputException(
                    "--data " + location + ": a CSV file needs --dataset csv (without it the data is a Parquet"
                            + " dataset or the recipe's image dataset)");
        }
    }

    /**
     * --data as typed: a path, or a URI that Spark reads (hdfs://namenode:8020/x.parquet, s3a://…), which a
     * file path would turn into hdfs:/namenode:8020/… (its double slash folded); null when not given.
     */
    private String dataLocation() {
        if (run.data == null) {
            return null;
        }
        String typed = typed("--data");
        return typed == null ? run.data.toString() : typed;
    }

    /** An option's value as the user typed it (the last one given), or null. */
    private String typed(String option) {
        List<String> typed = spec.findOption(option).originalStringValues();
        return typed.isEmpty() ? null : typed.get(typed.size() - 1);
    }

    /**
     * A Parquet dataset: a .parquet path, a folder of .parquet files, or a URI of a file system Spark knows
     * that is not a CSV file (those are read here, on the driver).
     */
    static boolean isParquet(String data) {
        if (data == null) {
            return false;
        }
        boolean csv = data.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (data.endsWith(".parquet") || data.endsWith(".parquet/") || (hasScheme(data) && !csv)) {
            return true;
        }
        Path local = Path.of(data);
        try (var files = Files.list(local)) {
            return Files.isDirectory(local) && files.anyMatch(f -> f.toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** hdfs://, s3a://, gs://, abfss://, file:// …: Spark's file systems, not this machine's paths. */
    static boolean hasScheme(String data) {
        return data.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    private void report(PrintWriter err, DistributedTrainer.Result r) {
        err.printf(
                Locale.ROOT,
                "mlp4j: %d workers, %d rounds (Spark jobs), %.2f s outside the workers' training (broadcasts,"
                        + " scheduling, collecting, averaging), executors ran %s kernels%nmlp4j: %s%n",
                r.workers(),
                r.rounds(),
                r.overheadSeconds(),
                r.kernels(),
                r.costs().describe());
        err.flush();
    }

    /**
     * A CSV file (or a folder of them) given as a URI, {@code --dataset csv}: Spark's executors read it where
     * it lies and the driver sees only summaries; the test set is --test-data, or 20% of the rows held out.
     */
    private int csvOnExecutors(String dataLocation) {
        Recipe r = run.recipe(spec.commandLine().getErr());
        if (r.regression()) {
            throw new InvalidInputException(
                    "task",
                    r.source("task") + ": a CSV file that Spark's executors read trains classifiers only so far;"
                            + " give the file as a local path to learn a regression from it on the driver");
        }
        String testFile = r.get(Hyperparameter.TEST_DATA).trim();
        String testTyped = typed("--test-data");
        String test = testFile.isEmpty() ? null : testTyped != null ? testTyped : testFile;
        return whereItLies(r, dataLocation, "CSV, read by the executors", printer -> {
            SparkTraining.CsvRun csv = spark.trainCsv(
                    dataLocation, test, TrainingData.csvFormat(r), r, distribution(), printer, checkpoints());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("dataset", "csv");
            meta.put("class_names", String.join(",", csv.classes()));
            meta.put("input_scaling", "standardize");
            meta.put("feature_names", String.join(",", csv.features()));
            Map<String, float[]> tensors = new LinkedHashMap<>();
            tensors.put("input.mean", csv.standardizer().mean());
            tensors.put("input.std", csv.standardizer().std());
            return new Fitted(csv.result(), csv::testAccuracy, meta, tensors);
        });
    }

    /** Training on a Parquet dataset: Spark reads it; the test set is --test-data. */
    private int parquet(String dataLocation) {
        Recipe r = run.recipe(spec.commandLine().getErr());
        if (r.regression()) {
            throw new InvalidInputException(
                    "task",
                    r.source("task") + ": spark-train learns a regression from a CSV file; on Parquet it trains"
                            + " classifiers only so far (MlpRegressor in a Spark pipeline takes a DataFrame)");
        }
        String label = r.get(Hyperparameter.LABEL);
        String testFile = r.get(Hyperparameter.TEST_DATA).trim();
        if (testFile.isEmpty()) {
            throw new InvalidInputException("--test-data: a Parquet run measures its model on a Parquet test set;"
                    + " found none (give --test-data test.parquet)");
        }
        run.checkOutputs();
        spark.checkTestSet(dataLocation, testFile, featuresCol, label); // before training, not after
        return whereItLies(r, dataLocation, "Parquet", printer -> {
            DistributedTrainer.Result result = spark.trainParquet(
                    dataLocation, featuresCol, label, r, false, distribution(), printer, checkpoints());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("dataset", "parquet");
            meta.put("input_scaling", "none");
            return new Fitted(
                    result,
                    () -> spark.accuracyOnParquet(result.network(), testFile, featuresCol, label, false),
                    meta,
                    Map.of());
        });
    }

    /**
     * A run on data Spark reads where it lies: what it trained, how to score it on the test rows (after the
     * training clock stops), and what the model file keeps of the data.
     */
    private record Fitted(
            DistributedTrainer.Result result,
            java.util.function.DoubleSupplier testAccuracy,
            Map<String, String> dataMetadata,
            Map<String, float[]> tensors) {}

    /** Trains on data Spark reads where it lies: the run record, the epochs' lines, the test score, the end. */
    private int whereItLies(
            Recipe r, String dataLocation, String kind, java.util.function.Function<EpochListener, Fitted> fit) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = run.recipeName();
        Path runsRoot = run.checkOutputs();
        long t0 = System.nanoTime();
        try (RunRecord record = RunRecord.start(runsRoot, run.runName, name, r.toJson())
                .warningsTo(w -> err.println("mlp4j: warning: " + w))) {
            err.println("mlp4j: training on " + dataLocation + " (" + kind + ") on Spark "
                    + (master == null ? "" : master) + "; recording the run in " + record.dir());
            err.flush();
            Fitted fitted = fit.apply(new EpochPrinter(out, err, r.plan(Integer.MAX_VALUE, 0), record));
            DistributedTrainer.Result result = fitted.result();
            TrainingPlan plan = result.plan();
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double test = fitted.testAccuracy().getAsDouble();
            workersUsed = result.workers();
            report(err, result);
            out.printf(Locale.ROOT, "Test accuracy: %.4f%n", test);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("recipe", plan.recipe().toJson());
            meta.put("recipe_name", name);
            meta.put("seed", Long.toString(plan.seed()));
            meta.putAll(fitted.dataMetadata());
            run.finish(
                    out,
                    err,
                    record,
                    result.network(),
                    meta,
                    fitted.tensors(),
                    TestScore.accuracy(test),
                    trainSeconds,
                    plan.epochs(),
                    " workers=" + workersUsed);
        }
        return 0;
    }
}
