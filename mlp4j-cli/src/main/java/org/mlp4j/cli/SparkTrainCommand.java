package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.spark.DistributedTrainer;
import org.mlp4j.spark.Distribution;
import org.mlp4j.spark.SparkTraining;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlp4j spark-train}: {@code train}, with the training spread over Apache Spark (synchronous local
 * SGD with periodic averaging, see mlp4j-spark). The same recipes, flags, per-epoch lines, run folder and
 * {@code --save} file; the data is MNIST, Fashion-MNIST or a CSV file (read here, then broadcast), or a
 * Parquet dataset that Spark reads where it lies. Spark's classes come from the launcher (or from
 * {@code spark-submit}); this class touches them only through mlp4j-spark, when it runs.
 */
@Command(
        name = "spark-train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train as 'train' does, on Apache Spark: each round, every worker takes a few minibatch steps on its"
                    + " share of the data and the driver averages the networks.",
            "Data: MNIST, Fashion-MNIST or a CSV file (as for train), or a Parquet dataset (--data x.parquet"
                    + " --features COL --label COL)."
        })
final class SparkTrainCommand extends TrainCommand {
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
            defaultValue = "8",
            description = "Averagings per epoch (default: ${DEFAULT-VALUE}).")
    int roundsPerEpoch;

    @Option(
            names = "--lr-scaling",
            defaultValue = "linear",
            description = "linear: the learning rate times the workers (matches one machine's progress per"
                    + " epoch); sqrt: times the square root of the workers; none: as the recipe says (default:"
                    + " ${DEFAULT-VALUE}).")
    String lrScaling;

    @Option(
            names = "--features",
            defaultValue = "features",
            description =
                    "Parquet: the features column, a vector" + " or an array of numbers (default: ${DEFAULT-VALUE}).")
    String featuresCol;

    private int workersUsed;
    /** The Spark session, started before training's clock starts (its start-up is not training). */
    private SparkTraining spark;

    private Distribution distribution() {
        return new Distribution(
                workers == null ? 0 : workers,
                roundsPerEpoch,
                Distribution.LrScaling.parse(lrScaling, "--lr-scaling"),
                1);
    }

    @Override
    public Integer call() {
        if (resume != null || checkpoint != null) {
            throw new InvalidInputException((resume != null ? "--resume" : "--checkpoint")
                    + ": spark-train keeps no checkpoints yet; train on one machine to resume a run");
        }
        distribution(); // checks the flags before anything starts
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
            try {
                return isParquet(data) ? parquet() : super.call();
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

    private static boolean isParquet(Path data) {
        if (data == null) {
            return false;
        }
        if (data.toString().endsWith(".parquet")) {
            return true;
        }
        try (var files = Files.list(data)) {
            return Files.isDirectory(data) && files.anyMatch(f -> f.toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
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
        DistributedTrainer.Result r =
                spark.train(td.train(), plan.recipe(), td.imageSide() > 0, distribution(), listener);
        net.copyParametersFrom(r.network());
        workersUsed = r.workers();
        report(spec.commandLine().getErr(), r);
    }

    private void report(PrintWriter err, DistributedTrainer.Result r) {
        err.printf(
                Locale.ROOT,
                "mlp4j: %d workers, %d rounds (Spark jobs), %.2f s outside the workers' training (broadcasts,"
                        + " scheduling, collecting, averaging), executors ran %s kernels%n",
                r.workers(),
                r.rounds(),
                r.overheadSeconds(),
                r.kernels());
        err.flush();
    }

    @Override
    String resultExtra() {
        return " workers=" + workersUsed;
    }

    /** Training on a Parquet dataset: Spark reads it; the test set is --test-data, or 20% held out. */
    private int parquet() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Resolved resolved = resolveRecipe(err);
        Recipe r = resolved.recipe();
        Path runsRoot = checkOutputs();
        boolean fitLayers = !r.source("layers").equals("--layers");
        String label = r.string("label");
        String testFile = r.string("test-data").trim();
        if (testFile.isEmpty()) {
            throw new InvalidInputException("--test-data: a Parquet run measures its model on a Parquet test set;"
                    + " found none (give --test-data test.parquet)");
        }
        long t0 = System.nanoTime();
        try (RunRecord record = RunRecord.start(runsRoot, runName, resolved.name(), r.toJson())
                .warningsTo(w -> err.println("mlp4j: warning: " + w))) {
            err.println("mlp4j: training on " + data + " (Parquet) on Spark " + (master == null ? "" : master)
                    + "; recording the run in " + record.dir());
            err.flush();
            EpochPrinter printer =
                    new EpochPrinter(out, err, r.plan(Integer.MAX_VALUE, 0).settings(), record);
            DistributedTrainer.Result result = spark.trainParquet(
                    data.toString(), featuresCol, label, r, fitLayers, false, distribution(), printer);
            TrainingPlan plan = result.plan();
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Network net = result.network();
            double test = spark.accuracyOnParquet(net, testFile, featuresCol, label, false);
            workersUsed = result.workers();
            report(err, result);
            out.printf(Locale.ROOT, "Test accuracy: %.4f%n", test);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("recipe", plan.recipe().toJson());
            meta.put("recipe_name", resolved.name());
            meta.put("seed", Long.toString(plan.seed()));
            meta.put("dataset", "parquet");
            meta.put("input_scaling", "none");
            finish(
                    out,
                    err,
                    record,
                    net,
                    meta,
                    Map.of(),
                    test,
                    trainSeconds,
                    plan.settings().epochs());
        }
        return 0;
    }
}
