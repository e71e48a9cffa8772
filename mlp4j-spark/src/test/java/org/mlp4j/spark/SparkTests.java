package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;

/** One SparkSession per test JVM (local[2], no UI), and the small datasets the tests train on. */
final class SparkTests {
    private static SparkSession spark;

    private SparkTests() {}

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("mlp4j-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    static JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(spark().sparkContext());
    }

    /** Gaussian blobs: {@code classes} clusters in {@code features} dimensions, examples in class rotation. */
    static float[][] blobs(int n, int features, int classes, long seed, int[] labels) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][features];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int k = 0; k < features; k++) {
                double centre = (k % classes == labels[i]) ? 2.0 : -0.5;
                x[i][k] = (float) (centre + rng.nextGaussian());
            }
        }
        return x;
    }

    static TabularDataset dataset(float[][] x, int[] labels, int classes) {
        return TabularDataset.of(x, labels, classes);
    }

    static final StructType VECTOR_SCHEMA =
            new StructType().add("features", new VectorUDT(), false).add("label", DataTypes.DoubleType, false);

    /** The rows as a DataFrame of (features vector, label double) in {@code partitions} contiguous slices. */
    static Dataset<Row> frame(float[][] x, int[] labels, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x[i].length];
            for (int k = 0; k < d.length; k++) {
                d[k] = x[i][k];
            }
            rows.add(RowFactory.create(Vectors.dense(d), (double) labels[i]));
        }
        return spark().createDataFrame(jsc().parallelize(rows, partitions), VECTOR_SCHEMA);
    }
}
