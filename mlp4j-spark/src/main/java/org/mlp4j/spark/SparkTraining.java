package org.mlp4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.train.EpochListener;

/**
 * A Spark session for training from plain Java: what {@code mlp4j spark-train} uses. Its methods take and
 * return mlp4j's types only, so a caller compiles without Spark. Close it to stop the session.
 */
public final class SparkTraining implements AutoCloseable {
    private final SparkSession spark;

    private SparkTraining(SparkSession spark) {
        this.spark = spark;
    }

    /** Where a jar that bundles mlp4j (the command's) keeps mlp4j-spark's cluster jar. */
    static final String EMBEDDED_CLUSTER_JAR = "META-INF/mlp4j/mlp4j-spark-cluster.jar";

    /**
     * The jars holding mlp4j's classes (this module's and the core's; one jar when they are bundled),
     * after the ones already listed; classes in folders (a build's target/classes) are not shipped. A jar
     * that carries mlp4j-spark's cluster jar (the command's, with its web server, plots and command line)
     * ships that one instead: mlp4j's classes and nothing else.
     *
     * @param listed spark.jars as already set, comma-separated, or empty
     * @return the list to set
     */
    static String jarsToShip(String listed) {
        java.util.List<java.nio.file.Path> sources = new java.util.ArrayList<>();
        for (Class<?> c : new Class<?>[] {SparkTraining.class, Recipe.class}) {
            java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null) {
                continue;
            }
            try {
                sources.add(java.nio.file.Path.of(source.getLocation().toURI()));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // not a file on this machine: nothing to ship from here
            }
        }
        return jarsToShip(listed, sources, SparkTraining.class.getClassLoader().getResource(EMBEDDED_CLUSTER_JAR));
    }

    /**
     * As {@link #jarsToShip(String)}, from the code sources of mlp4j's classes and the embedded cluster jar
     * (null when there is none), which is copied out to a temporary file.
     */
    static String jarsToShip(String listed, java.util.List<java.nio.file.Path> sources, java.net.URL embedded) {
        java.util.LinkedHashSet<String> jars = new java.util.LinkedHashSet<>();
        for (String j : listed.split(",")) {
            if (!j.isBlank()) {
                jars.add(j.trim());
            }
        }
        if (embedded != null) {
            jars.add(extract(embedded).toUri().toString());
            return String.join(",", jars);
        }
        for (java.nio.file.Path p : sources) {
            if (java.nio.file.Files.isRegularFile(p)) {
                jars.add(p.toAbsolutePath().toUri().toString());
            }
        }
        return String.join(",", jars);
    }

    /** The embedded jar copied to a temporary file, deleted when this JVM ends. */
    private static java.nio.file.Path extract(java.net.URL embedded) {
        try (java.io.InputStream in = embedded.openStream()) {
            java.nio.file.Path jar = java.nio.file.Files.createTempFile("mlp4j-spark-cluster-", ".jar");
            jar.toFile().deleteOnExit();
            java.nio.file.Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("copying out mlp4j's cluster jar (" + embedded + ")", e);
        }
    }

    /**
     * Writes a file where Spark's file systems reach (a path, or a URI: hdfs://, s3a://, file://), through
     * a temporary file renamed over the old one; a folder there is refused.
     *
     * @param location the path or URI
     * @param bytes the content
     * @param field names the setting in messages ("--save")
     */
    public void write(String location, byte[] bytes, String field) {
        HadoopFiles.replace(location, bytes, spark.sparkContext().hadoopConfiguration(), field);
    }

    /**
     * Checks before training that {@link #write} can write there: a file system for its scheme, and no
     * folder in the way.
     *
     * @param location the path or URI
     * @param field names the setting in messages
     */
    public void checkWritable(String location, String field) {
        HadoopFiles.checkWritable(location, spark.sparkContext().hadoopConfiguration(), field);
    }

    /** The running session. */
    SparkSession session() {
        return spark;
    }

    /** Training in a session that is already running (the tests'); closing it stops that session. */
    static SparkTraining in(SparkSession spark) {
        return new SparkTraining(spark);
    }

    /**
     * Starts (or joins) a Spark session.
     *
     * @param master  a Spark master URL ({@code local[2]}, {@code spark://host:7077}), or null to take the
     *                one {@code spark-submit} gives
     * @param appName the application's name in Spark's UI and logs
     * @return the session
     */
    public static SparkTraining start(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b.master(master);
            if (master.startsWith("local")) {
                b.config("spark.ui.enabled", "false");
                b.config("spark.driver.bindAddress", "127.0.0.1");
                b.config("spark.driver.host", "127.0.0.1");
            }
        }
        if (master != null && !master.startsWith("local")) {
            // a cluster's executors need mlp4j's classes: without its jar they failed on the first task
            // (ClassCastException … SerializedLambda). spark-submit ships the application jar itself.
            b.config("spark.jars", jarsToShip(System.getProperty("spark.jars", "")));
        }
        // a task may run on any free executor at once rather than wait 3 s for the one caching its shard:
        // with the default wait, a replacement executor stayed idle after a loss while the survivor, which
        // had rebuilt the lost shard, ran every task (an executor still takes its own shard's task first)
        if (System.getProperty("spark.locality.wait") == null) {
            b.config("spark.locality.wait", "0s");
        }
        // executors that a cluster manager starts get the Vector API module (Spark 4.2 already adds it
        // for the ones a standalone Worker starts; this covers the others)
        b.config("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector");
        // a round's results (a network and its optimizer state per worker, megabytes) come back with the
        // task's answer rather than through the block manager, one trip fewer per round
        b.config("spark.task.maxDirectResultSize", "64m");
        // on a cluster, the first job waits until the executors asked for have registered: their start-up
        // (seconds of JVM launch) belongs to the session, not to training
        b.config("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        b.config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        JavaSparkContext.fromSparkContext(s.sparkContext())
                .parallelize(java.util.List.of(1), 1)
                .count();
        return new SparkTraining(s);
    }

    /**
     * Trains on a dataset in the driver's memory.
     *
     * @param data         the training set
     * @param recipe       every hyper-parameter
     * @param pixelScale   divide features by 255 (an image dataset's grey levels)
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often the driver writes checkpoints (a checkpoint of the same job
     *                     found there is resumed)
     * @return the network and what the run cost
     */
    public DistributedTrainer.Result train(
            Dataset data,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        return DistributedTrainer.train(
                JavaSparkContext.fromSparkContext(spark.sparkContext()),
                data,
                recipe,
                pixelScale,
                distribution,
                listener,
                checkpoints);
    }

    /**
     * Trains on a Parquet dataset, read by Spark where it lies.
     *
     * @param path         the Parquet file or folder
     * @param featuresCol  the features column (a vector, or an array of numbers)
     * @param labelCol     the label column (class indexes)
     * @param recipe       every hyper-parameter
     * @param pixelScale   divide features by 255
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often the driver writes checkpoints
     * @return the network and what the run cost
     */
    public DistributedTrainer.Result trainParquet(
            String path,
            String featuresCol,
            String labelCol,
            Recipe recipe,
            boolean pixelScale,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        return DistributedTrainer.train(
                spark.read().parquet(path),
                featuresCol,
                labelCol,
                recipe,
                pixelScale,
                distribution,
                listener,
                checkpoints);
    }

    /**
     * What a run on a CSV file read by the executors gives: the run, its test rows, and what the model file
     * keeps of the data.
     *
     * @param result       the network and what the run cost
     * @param test         the test rows, standardised: {@code features}, {@code label}
     * @param classes      the class names, in index order
     * @param features     the feature columns' names
     * @param standardizer fitted on the training rows; the model applies it to its inputs
     * @param trainRows    the training rows
     */
    public record CsvRun(
            DistributedTrainer.Result result,
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> test,
            java.util.List<String> classes,
            java.util.List<String> features,
            org.mlp4j.data.Standardizer standardizer,
            long trainRows) {
        /**
         * The share of the test rows the trained network classifies right, computed where they lie.
         *
         * @return the accuracy
         */
        public double testAccuracy() {
            return accuracy(result.network(), test, "features", "label", false);
        }
    }

    /**
     * Trains a classifier on a CSV file, or a folder of them, that Spark's executors read where it lies: no
     * row passes through the driver. The rows are parsed and standardised as {@code mlp4j train} does it
     * (see {@code docs/spark.md} for the two differences: one record a line, and the held-out rows).
     *
     * @param location     the training file or folder, a path or URI
     * @param testLocation the test file or folder, or null to hold out 20% of the rows
     * @param format       the files' delimiter, header and label column
     * @param recipe       every hyper-parameter; its seed also picks the held-out rows
     * @param distribution workers, rounds, learning-rate rule
     * @param listener     told after each epoch, or null
     * @param checkpoints  where and how often the driver writes checkpoints
     * @return the run, its test rows and the data's description
     * @throws org.mlp4j.InvalidInputException naming the file, part, line and column of a malformed value
     */
    public CsvRun trainCsv(
            String location,
            String testLocation,
            org.mlp4j.data.CsvFormat format,
            Recipe recipe,
            Distribution distribution,
            EpochListener listener,
            Checkpointing checkpoints) {
        ExecutorCsv.Table t = ExecutorCsv.read(
                spark,
                location,
                testLocation,
                format,
                recipe.get(org.mlp4j.recipe.Hyperparameter.SEED),
                spark.sparkContext().defaultParallelism());
        DistributedTrainer.Result r = DistributedTrainer.train(
                t.train(), "features", "label", recipe, false, distribution, listener, checkpoints);
        return new CsvRun(r, t.test(), t.classes(), t.features(), t.standardizer(), t.trainRows());
    }

    /**
     * The accuracy of a network on a Parquet dataset, computed where the data lies.
     *
     * @param net         the network
     * @param path        the Parquet file or folder
     * @param featuresCol the features column
     * @param labelCol    the label column
     * @param pixelScale  divide features by 255
     * @return the share of rows classified right
     */
    public double accuracyOnParquet(
            org.mlp4j.model.Network net, String path, String featuresCol, String labelCol, boolean pixelScale) {
        return accuracy(net, spark.read().parquet(path), featuresCol, labelCol, pixelScale);
    }

    /** The share of rows whose prediction is their label, counted in one pass where the rows lie. */
    static double accuracy(
            org.mlp4j.model.Network net,
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows,
            String featuresCol,
            String labelCol,
            boolean pixelScale) {
        java.util.Map<String, String> meta = java.util.Map.of("input_scaling", pixelScale ? "pixel/255" : "none");
        MlpClassificationModel m = new MlpClassificationModel("mlp4j-eval", MlpClassificationModel.encode(net, meta))
                .setFeaturesCol(featuresCol)
                .setProbabilityCol("")
                .setRawPredictionCol("");
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> scored = m.transform(rows);
        // one pass over the rows for both counts (a file the executors read is parsed again by each pass)
        org.apache.spark.sql.Column right = functions.col("prediction").equalTo(functions.col(labelCol));
        org.apache.spark.sql.Row counts = scored.agg(
                        functions.sum(functions.when(right, 1L).otherwise(0L)), functions.count(functions.lit(1)))
                .first();
        return (double) (counts.isNullAt(0) ? 0 : counts.getLong(0)) / counts.getLong(1);
    }

    /**
     * Checks a Parquet test set before training: its columns and every row as a training set's are
     * checked, and vectors as wide as the training set's (a test set of the wrong width failed only after
     * training, with an executor's trace).
     *
     * @param trainPath   the training set's Parquet file or folder (a path or a URI)
     * @param testPath    the test set's
     * @param featuresCol the features column
     * @param labelCol    the label column
     * @throws InvalidInputException naming the test set, the column and what was found
     */
    public void checkTestSet(String trainPath, String testPath, String featuresCol, String labelCol) {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> test =
                spark.read().parquet(testPath);
        InputCheck.Summary s;
        try {
            InputCheck.columns(test.schema(), featuresCol, labelCol);
            s = InputCheck.summarize(test.select(featuresCol, labelCol), featuresCol, labelCol, false);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), "--test-data " + testPath + ": " + e.getMessage());
        }
        org.apache.spark.sql.Row first =
                spark.read().parquet(trainPath).select(featuresCol).first();
        Object v = first.get(0);
        int trainWidth = v instanceof org.apache.spark.ml.linalg.Vector vec
                ? vec.size()
                : first.getList(0).size();
        if (s.features() != trainWidth) {
            throw new InvalidInputException(
                    "featuresCol",
                    "--test-data " + testPath + ": column " + featuresCol + ": expected vectors of " + trainWidth
                            + " values (as the training set's), found " + s.features());
        }
    }

    /** @return the number of tasks Spark runs at once by default */
    public int defaultParallelism() {
        return spark.sparkContext().defaultParallelism();
    }

    @Override
    public void close() {
        spark.stop();
    }
}
