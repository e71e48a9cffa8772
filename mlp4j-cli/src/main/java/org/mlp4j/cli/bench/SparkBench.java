package org.mlp4j.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.data.Mnist;
import org.mlp4j.datasets.DatasetSpec;
import org.mlp4j.datasets.Datasets;
import org.mlp4j.datasets.FetchOptions;

/**
 * The Spark side of {@code bench/spark/run.sh}: writes MNIST as Parquet (pixels / 255 as a vector, as
 * MLlib's examples prepare it), and trains Spark MLlib's {@code MultilayerPerceptronClassifier} on it,
 * printing the fit time and test accuracy. Not part of the API.
 *
 * <pre>
 * SparkBench parquet MASTER DIR              writes DIR/train.parquet and DIR/test.parquet
 * SparkBench mlpc MASTER DIR LAYERS ITERS     fits MLlib's MLPC (l-bfgs) and prints one result line
 * SparkBench latency MASTER DIR               Spark's own time per job: 20 jobs of 2 trivial tasks, each
 *                                            with a 2.4 MB broadcast (a fast-98 round's state), nothing else
 * SparkBench mlpc-csv MASTER DIR LAYERS ITERS  MLPC on DIR/train.csv and DIR/test.csv (a header, a "label"
 *                                            column of class names): label indexing, the features assembled
 *                                            and standardised, MLPC, as one pipeline whose fit is timed
 * </pre>
 */
public final class SparkBench {
    private SparkBench() {}

    public static void main(String[] args) {
        String mode = args[0];
        SparkSession spark = SparkSession.builder()
                .master(args[1])
                .appName("mlp4j spark bench " + mode)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Path dir = Path.of(args[2]);
        try {
            switch (mode) {
                case "parquet" -> writeParquet(spark, dir);
                case "mlpc" -> mnistMlpc(spark, dir, args[3], Integer.parseInt(args[4]));
                case "mlpc-csv" -> tableMlpc(spark, dir, args[3], Integer.parseInt(args[4]));
                case "latency" -> latency(spark, args[1]);
                default ->
                    throw new IllegalArgumentException(
                            "mode: expected parquet, mlpc, mlpc-csv or latency, found " + mode);
            }
        } finally {
            spark.stop();
        }
    }

    /** MNIST as Parquet: DIR/train.parquet and DIR/test.parquet. */
    private static void writeParquet(SparkSession spark, Path dir) {
        Mnist.Split mnist = Datasets.load(DatasetSpec.MNIST, FetchOptions.fromEnvironment(null, System.err::println));
        frame(spark, mnist.train())
                .write()
                .mode("overwrite")
                .parquet(dir.resolve("train.parquet").toString());
        frame(spark, mnist.test())
                .write()
                .mode("overwrite")
                .parquet(dir.resolve("test.parquet").toString());
    }

    /** MLlib's MLPC (l-bfgs) on the MNIST Parquet files: one result line. */
    private static void mnistMlpc(SparkSession spark, Path dir, String layersArg, int iterations) {
        int[] layers = java.util.Arrays.stream(layersArg.split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        Dataset<Row> train =
                spark.read().parquet(dir.resolve("train.parquet").toString()).cache();
        Dataset<Row> test =
                spark.read().parquet(dir.resolve("test.parquet").toString()).cache();
        train.count();
        test.count();
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
                .setLayers(layers)
                .setMaxIter(iterations)
                .setSeed(1L)
                .setBlockSize(128);
        long t0 = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mlpc.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy")
                .evaluate(model.transform(test));
        System.out.printf(
                Locale.ROOT,
                "mllib-mlpc layers=%s iterations=%d fit_seconds=%.2f test_accuracy=%.4f blas=%s%n",
                layersArg,
                iterations,
                seconds,
                accuracy,
                blas());
    }

    /** Spark's own time per job: 20 jobs of 2 trivial tasks, each with a 2.4 MB broadcast. */
    private static void latency(SparkSession spark, String master) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Integer> two = sc.parallelize(List.of(1, 2), 2).cache();
        two.count();
        float[] state = new float[600_000];
        for (int warm = 0; warm < 5; warm++) {
            sc.broadcast(state).destroy();
            two.map(x -> x).collect();
        }
        int jobs = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            Broadcast<float[]> b = sc.broadcast(state);
            two.map(x -> b.value().length).collect();
            b.destroy();
        }
        System.out.printf(
                Locale.ROOT,
                "spark-job-latency master=%s ms_per_job=%.1f%n",
                master,
                (System.nanoTime() - t0) / 1e6 / jobs);
    }

    /** MLPC on a table in CSV files: a pipeline of label indexing, assembling, standardising and MLPC. */
    private static void tableMlpc(SparkSession spark, Path dir, String layersArg, int iterations) {
        Dataset<Row> train = spark.read()
                .option("header", "true")
                .option("inferSchema", "true")
                .csv(dir.resolve("train.csv").toString())
                .cache();
        Dataset<Row> test = spark.read()
                .option("header", "true")
                .option("inferSchema", "true")
                .csv(dir.resolve("test.csv").toString())
                .cache();
        train.count();
        test.count();
        String[] features = java.util.Arrays.stream(train.columns())
                .filter(c -> !c.equals("label"))
                .toArray(String[]::new);
        int[] layers = java.util.Arrays.stream(layersArg.split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        org.apache.spark.ml.Pipeline pipeline = new org.apache.spark.ml.Pipeline()
                .setStages(new org.apache.spark.ml.PipelineStage[] {
                    new org.apache.spark.ml.feature.StringIndexer()
                            .setInputCol("label")
                            .setOutputCol("labelIndex"),
                    new org.apache.spark.ml.feature.VectorAssembler()
                            .setInputCols(features)
                            .setOutputCol("raw"),
                    new org.apache.spark.ml.feature.StandardScaler()
                            .setInputCol("raw")
                            .setOutputCol("features")
                            .setWithMean(true)
                            .setWithStd(true),
                    new MultilayerPerceptronClassifier()
                            .setLayers(layers)
                            .setMaxIter(iterations)
                            .setSeed(1L)
                            .setLabelCol("labelIndex")
                });
        long t0 = System.nanoTime();
        org.apache.spark.ml.PipelineModel model = pipeline.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator()
                .setLabelCol("labelIndex")
                .setMetricName("accuracy")
                .evaluate(model.transform(test));
        System.out.printf(
                Locale.ROOT,
                "mllib-mlpc-table layers=%s iterations=%d fit_seconds=%.2f test_accuracy=%.4f%n",
                layersArg,
                iterations,
                seconds,
                accuracy);
    }

    /** The images as (features: the 784 grey levels / 255, label) rows. */
    private static Dataset<Row> frame(SparkSession spark, ImageDataset images) {
        List<Row> rows = new ArrayList<>(images.size());
        int f = images.features();
        for (int i = 0; i < images.size(); i++) {
            double[] x = new double[f];
            for (int p = 0; p < f; p++) {
                x[p] = images.pixel(i, p) / 255.0;
            }
            rows.add(RowFactory.create(Vectors.dense(x).compressed(), (double) images.label(i)));
        }
        StructType schema =
                new StructType().add("features", new VectorUDT(), false).add("label", DataTypes.DoubleType, false);
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    /** Which BLAS MLlib ran: netlib's native one (OpenBLAS here) or its Java one (read by reflection). */
    private static String blas() {
        try {
            Object b = Class.forName("dev.ludovic.netlib.blas.BLAS")
                    .getMethod("getInstance")
                    .invoke(null);
            return b.getClass().getSimpleName();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown (" + e + ")";
        }
    }
}
