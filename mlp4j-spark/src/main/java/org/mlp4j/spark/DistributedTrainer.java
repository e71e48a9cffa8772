package org.mlp4j.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Standardizer;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.TrainingDiverged;

/**
 * The driver's side of data-parallel training: converts the rows once into cached {@link Shard}s, then
 * runs rounds. A round is one Spark job: broadcast the state, every partition takes the round's steps
 * from it ({@link LocalRound}), collect the results and average them in partition order. Epoch figures
 * go to the listener as on one machine.
 */
public final class DistributedTrainer {
    private DistributedTrainer() {}

    /** The cached shards' name, as Spark's UI and storage status show it. */
    static final String SHARDS = "mlp4j shards";

    /**
     * What training produced.
     *
     * @param network        the trained network
     * @param plan           the plan it followed (the recipe with the data's sizes)
     * @param workers        partitions that trained
     * @param rounds         Spark jobs of training
     * @param overheadSeconds time spent outside the workers' steps: broadcasts, scheduling, collecting,
     *                       averaging (summed over the rounds)
     * @param kernels        the kernels the executors reported
     * @param targetScaling  a regression's target standardisation (the model keeps it), else null
     * @param costs          where the rounds' time went
     */
    public record Result(
            Network network,
            TrainingPlan plan,
            int workers,
            int rounds,
            double overheadSeconds,
            String kernels,
            Standardizer targetScaling,
            RoundCosts costs) {}

    /**
     * Trains on a DataFrame.
     *
     * @param rows         the data; {@code featuresCol} a vector or an array of numbers, {@code labelCol} a
     *                     class index 0 .. k − 1
     * @param featuresCol  the features column
     * @param labelCol     the label column
     * @param recipe       every hyper-parameter; layers whose input or output size the caller did not set
     *                     follow the data when {@code fitLayers}
     * @param pixelScale   divide features by 255 (grey levels, as mlp4j does for MNIST)
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @return the network and what the run cost
     * @throws InvalidInputException naming the column, row and value of the first bad input, before training
     */
    public static Result train(
            Dataset<Row> rows,
            String featuresCol,
            String labelCol,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener) {
        return train(rows, featuresCol, labelCol, recipe, pixelScale, distribution, listener, Checkpointing.NONE);
    }

    /**
     * As {@link #train(Dataset, String, String, Recipe, boolean, Distribution, EpochListener)}, writing
     * checkpoints, and continuing from the checkpoint of the same job found at their location.
     *
     * @param rows         the data
     * @param featuresCol  the features column
     * @param labelCol     the label column
     * @param recipe       every hyper-parameter
     * @param pixelScale   divide features by 255
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often
     * @return the network and what the run cost
     */
    public static Result train(
            Dataset<Row> rows,
            String featuresCol,
            String labelCol,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        return train(rows, featuresCol, labelCol, null, recipe, pixelScale, distribution, listener, checkpoints);
    }

    /**
     * As {@link #train(Dataset, String, String, Recipe, boolean, Distribution, EpochListener, Checkpointing)},
     * each row weighted by {@code weightCol} when it is not null: every worker's minibatch gradient is then
     * Σ w·∇ / Σ w over its rows (the workers' copies are still averaged alike).
     *
     * @param rows         the data
     * @param featuresCol  the features column
     * @param labelCol     the label column
     * @param weightCol    the weight column (a finite number, 0 or more, a row), or null for none
     * @param recipe       every hyper-parameter
     * @param pixelScale   divide features by 255
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often
     * @return the network and what the run cost
     */
    public static Result train(
            Dataset<Row> rows,
            String featuresCol,
            String labelCol,
            String weightCol,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        boolean regression = recipe.regression();
        InputCheck.columns(rows.schema(), featuresCol, labelCol, regression);
        InputCheck.weightColumn(rows.schema(), weightCol);
        Dataset<Row> selected =
                weightCol == null ? rows.select(featuresCol, labelCol) : rows.select(featuresCol, labelCol, weightCol);
        // one RDD for the check and the shards: the check's pass counts each partition's rows for Balanced
        JavaRDD<Row> input = selected.javaRDD();
        InputCheck.Summary summary = InputCheck.summarize(
                input, rows.schema().apply(labelCol), featuresCol, labelCol, weightCol, true, regression);
        Recipe r = fitToData(recipe, summary, pixelScale);
        TrainingPlan plan = r.plan(Integer.MAX_VALUE, InputCheck.imageSide(summary.features(), pixelScale));
        int features = plan.sizes()[0];
        int classes = plan.sizes()[plan.sizes().length - 1];
        Standardizer targets =
                InputCheck.checkedTargets(summary, features, classes, r, featuresCol, labelCol, regression);
        JavaSparkContext context =
                JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        int workers = distribution.workers() > 0 ? distribution.workers() : context.defaultParallelism();
        Balanced.Spread spread = Balanced.spread(input, summary.partitionRows(), workers);
        long[] rowsPer = spread.sizes();
        double density = summary.sparseDensity();
        ShardStorage storage = ShardStorage.of(context.sc());
        // every shard keeps its rows' labels in one array, so no partition may pass an array's rows; a sparse
        // shard's entries live in chunks, and one on disk has long offsets: only a dense shard held in the heap
        // must fit all its values in one array
        boolean denseInHeap = storage.mode() == ShardStorage.Mode.MEMORY && density == 0;
        ShardBuilder.checkFits(rowsPer, denseInHeap ? features : 1, featuresCol);
        ShardBuilder builder = new ShardBuilder(featuresCol, 0, labelCol, 1, features, classes, regression)
                .storedBy(storage, summary.shardBytesPerRow());
        if (weightCol != null) {
            builder.weightedBy(weightCol, 2);
        }
        if (density > 0) {
            builder.sparse(density);
        }
        JavaRDD<Shard> shards = spread.rows()
                .mapPartitionsWithIndex(
                        (Integer p, Iterator<Row> it) ->
                                List.of(builder.build(p, it, rowsPer[p])).iterator(),
                        true)
                .persist(StorageLevel.MEMORY_AND_DISK())
                .setName(SHARDS);
        try {
            List<Integer> sizes = unwrap(() -> shards.map(s -> s.size).collect());
            return rounds(shards, sizes, r, plan, workers, pixelScale, distribution, listener, targets, checkpoints);
        } finally {
            shards.unpersist(false);
        }
    }

    /**
     * What the user did not set, fitted to the DataFrame as the command line fits it to a file
     * ({@link Recipe#fitTo}: layer ends, {@code layers: auto}, a table's validation split, the batch size);
     * a named recipe's early stopping, which Spark does not have yet, is off. (A table's image augmentation
     * is turned off where every entry point plans: {@link Recipe#plan} on data without an image side.)
     */
    static Recipe fitToData(Recipe recipe, InputCheck.Summary summary, boolean pixelScale) {
        System.Logger log = System.getLogger("org.mlp4j.spark");
        int rows = (int) Math.min(Integer.MAX_VALUE, summary.rows());
        Recipe r = recipe.fitTo(
                summary.features(),
                summary.classes(),
                rows,
                !pixelScale,
                note -> log.log(System.Logger.Level.INFO, note));
        return withoutEarlyStopping(r);
    }

    /**
     * The recipe with a named recipe's early stopping off, which Spark does not have yet (a patience the
     * user set is kept, and refused when training starts).
     *
     * @param r a recipe
     * @return it, with patience 0 unless the user set one
     */
    public static Recipe withoutEarlyStopping(Recipe r) {
        if (r.get(Hyperparameter.PATIENCE) > 0 && !r.setByUser("patience")) {
            return r.merge(java.util.Map.of("patience", 0), "Spark (no early stopping yet)");
        }
        return r;
    }

    /**
     * Trains on a dataset that is already in the driver's memory (MNIST, a CSV file): it is broadcast
     * once, and each of the workers cuts its contiguous share out of it into a cached shard, so no task
     * ever carries the data. With one worker the shard is the dataset itself, in its order.
     *
     * @param sc           the Spark context
     * @param data         the training set
     * @param recipe       every hyper-parameter; its layers must fit the data
     * @param pixelScale   divide features by 255 (the data's features must then be grey levels)
     * @param distribution workers (0: Spark's default parallelism), rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @return the network and what the run cost
     */
    public static Result train(
            JavaSparkContext sc,
            org.mlp4j.data.Dataset data,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener) {
        return train(sc, data, recipe, pixelScale, distribution, listener, Checkpointing.NONE);
    }

    /**
     * As {@link #train(JavaSparkContext, org.mlp4j.data.Dataset, Recipe, boolean, Distribution,
     * EpochListener)}, writing checkpoints, and continuing from the checkpoint of the same job found at
     * their location.
     *
     * @param sc           the Spark context
     * @param data         the training set
     * @param recipe       every hyper-parameter
     * @param pixelScale   divide features by 255
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often
     * @return the network and what the run cost
     */
    public static Result train(
            JavaSparkContext sc,
            org.mlp4j.data.Dataset data,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        TrainingPlan rough = recipe.plan(Integer.MAX_VALUE, InputCheck.imageSide(data.features(), pixelScale));
        checkLayers(rough, data, recipe);
        int workers = distribution.workers() > 0 ? distribution.workers() : sc.defaultParallelism();
        // one broadcast a worker, of its own rows: an executor fetches the slices of the tasks it runs, not
        // the whole dataset (a broadcast, unlike a task, has no size limit: it travels in 4 MB pieces)
        List<Broadcast<Shard>> slices = slices(Shard.of(data, pixelScale), workers).stream()
                .map(sc::broadcast)
                .toList();
        JavaRDD<Shard> shards = sc.parallelize(
                        java.util.stream.IntStream.range(0, workers).boxed().toList(), workers)
                .map(p -> slices.get(p).value())
                .persist(StorageLevel.MEMORY_AND_DISK())
                .setName(SHARDS);
        try {
            List<Integer> sizes = unwrap(() -> shards.map(s -> s.size).collect());
            return rounds(
                    shards,
                    sizes,
                    recipe,
                    rough,
                    workers,
                    pixelScale,
                    distribution,
                    listener,
                    data.targetScaling(),
                    checkpoints);
        } finally {
            shards.unpersist(false);
            slices.forEach(Broadcast::destroy);
        }
    }

    /** The recipe's layers must take the data's features and give at least its classes. */
    private static void checkLayers(TrainingPlan rough, org.mlp4j.data.Dataset data, Recipe recipe) {
        int[] sizes = rough.sizes();
        if (data.features() != sizes[0] || data.classes() > sizes[sizes.length - 1]) {
            throw new InvalidInputException(
                    "layers",
                    recipe.source("layers") + ": expected " + data.features()
                            + " inputs and " + data.classes() + " outputs for " + data.description() + ", found "
                            + Arrays.toString(sizes));
        }
    }

    /** Worker p's share of the rows: rows [n·p/N, n·(p+1)/N), in order. */
    static List<Shard> slices(Shard whole, int workers) {
        int n = whole.size;
        return java.util.stream.IntStream.range(0, workers)
                .mapToObj(p -> whole.slice(p, (int) ((long) n * p / workers), (int) ((long) n * (p + 1) / workers)))
                .toList();
    }

    private static Result rounds(
            JavaRDD<Shard> shards,
            List<Integer> sizes,
            Recipe r,
            TrainingPlan rough,
            int workers,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Standardizer targets,
            Checkpointing checkpoints) {
        long total = totalRows(sizes, workers);
        int n = (int) Math.min(Integer.MAX_VALUE, total);
        int imageSide = InputCheck.imageSide(rough.sizes()[0], pixelScale);
        TrainingPlan plan = r.plan(n, imageSide);
        if (plan.patience() > 0) {
            throw new InvalidInputException(
                    "patience", r.source("patience") + ": early stopping is not supported on Spark yet; set it to 0");
        }
        int held = plan.heldOut();
        int[] heldOut = new int[workers];
        int trainRows = Integer.MAX_VALUE;
        for (int p = 0; p < workers; p++) {
            heldOut[p] = (int) Math.round((double) held * sizes.get(p) / total);
            trainRows = Math.min(trainRows, sizes.get(p) - heldOut[p]);
        }
        Recipe batched = workerBatch(r, plan.batchSize(), workers, trainRows, distribution.lrScaling());
        if (batched != r) {
            r = batched;
            plan = r.plan(n, imageSide);
        }
        if (trainRows < plan.batchSize()) {
            throw new InvalidInputException(
                    "batch-size",
                    r.source("batch-size") + ": expected at most the " + trainRows + " training rows of the smallest"
                            + " partition, found " + plan.batchSize()
                            + " (use fewer workers or a smaller batch)");
        }
        JobSpec spec = new JobSpec(
                // the recipe as planned (a table's augmentation already off): a recipe read back from JSON no
                // longer knows which values the user set
                plan.recipe().toJson(),
                imageSide,
                (int) Math.min(Integer.MAX_VALUE, total),
                trainRows,
                heldOut,
                plan.sizes()[plan.sizes().length - 1],
                pixelScale,
                workers,
                distribution,
                plan.seed(),
                targets == null ? null : new float[][] {targets.mean(), targets.std()});
        return new RoundLoop(shards, spec, plan, sizes, listener, checkpoints).run(targets);
    }

    /** The rows of all partitions; an empty partition is refused. */
    private static long totalRows(List<Integer> sizes, int workers) {
        long total = 0;
        for (int p = 0; p < sizes.size(); p++) {
            if (sizes.get(p) == 0) {
                throw new InvalidInputException(
                        "numWorkers",
                        "partition " + p + " of " + workers + " holds no rows: expected every partition to hold"
                                + " examples (repartition the data, or ask for fewer workers)");
            }
            total += sizes.get(p);
        }
        return total;
    }

    /**
     * The recipe with each worker's minibatch, unless the user set one: smaller beyond 4 workers under the
     * auto rule, and never more than the smallest partition's training rows (every partition trains on whole
     * minibatches).
     */
    private static Recipe workerBatch(Recipe r, int batch, int workers, int trainRows, Distribution.LrScaling rule) {
        if (r.setByUser("batch-size")) {
            return r;
        }
        int ruled = rule.workerBatch(batch, workers);
        int wanted = Math.min(ruled, trainRows);
        if (wanted >= batch) {
            return r;
        }
        String why = wanted == ruled
                ? "lrScaling " + rule.name().toLowerCase(java.util.Locale.ROOT) + " with " + workers + " workers"
                : "the smallest partition";
        return r.merge(java.util.Map.of("batch-size", wanted), why);
    }

    /** Runs a Spark action; a user's mistake found on an executor comes back as itself, not as a task failure. */
    static <T> T unwrap(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) { // Spark's job failures are SparkExceptions, checked but not declared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException mistake) {
                    throw new InvalidInputException(mistake.field(), mistake.getMessage());
                }
                if (t instanceof TrainingDiverged diverged) {
                    throw diverged;
                }
                if (t instanceof SparkException s && s.getMessage() != null) {
                    String m = s.getMessage();
                    int at = m.indexOf("org.mlp4j.InvalidInputException: ");
                    if (at >= 0) {
                        String line = m.substring(at + "org.mlp4j.InvalidInputException: ".length())
                                .lines()
                                .findFirst()
                                .orElse("");
                        throw new InvalidInputException(line);
                    }
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        }
    }
}
