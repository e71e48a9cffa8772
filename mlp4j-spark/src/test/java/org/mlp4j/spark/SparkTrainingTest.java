package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.recipe.Recipe;

/** spark-train's Parquet path: the test set checked before training, and data named by a URI. */
class SparkTrainingTest {
    @TempDir
    Path dir;

    private String parquet(String name, int rows, int features, int classes, long seed) {
        int[] y = new int[rows];
        float[][] x = SparkTests.blobs(rows, features, classes, seed, y);
        if (classes == 1) {
            java.util.Arrays.fill(y, 0);
        }
        Dataset<Row> frame = SparkTests.frame(x, y, 2);
        String path = dir.resolve(name).toString();
        frame.write().parquet(path);
        return path;
    }

    @Test
    void aJarCarryingTheClusterJarShipsThatOneAloneElseMlp4jsOwnJars(@TempDir Path tmp) throws Exception {
        Path fat = java.nio.file.Files.write(tmp.resolve("mlp4j.jar"), new byte[] {1, 2, 3});
        Path cluster = java.nio.file.Files.write(tmp.resolve("inside.jar"), new byte[] {4, 5, 6, 7});
        Path classes = java.nio.file.Files.createDirectories(tmp.resolve("classes"));
        String shipped = SparkTraining.jarsToShip(
                "hdfs://nn/lib/a.jar, ",
                java.util.List.of(fat, fat),
                cluster.toUri().toURL());
        String[] jars = shipped.split(",");
        assertThat(jars).hasSize(2).startsWith("hdfs://nn/lib/a.jar");
        Path copy = Path.of(java.net.URI.create(jars[1]));
        assertThat(copy).isNotEqualTo(cluster).hasBinaryContent(new byte[] {4, 5, 6, 7});
        assertThat(SparkTraining.jarsToShip("", java.util.List.of(fat, classes, fat), null))
                .as("no cluster jar inside: the jars mlp4j's classes come from, folders left out")
                .isEqualTo(fat.toUri().toString());
    }

    @Test
    void aParquetTestSetIsCheckedBeforeTrainingAndAUriIsReadAsGiven() {
        String train = parquet("train.parquet", 120, 3, 2, 3);
        String narrow = parquet("narrow.parquet", 20, 2, 2, 4);
        String oneClass = parquet("one.parquet", 20, 3, 1, 5);
        SparkTraining spark = SparkTraining.in(SparkTests.spark());
        assertThatThrownBy(() -> spark.checkTestSet(train, narrow, "features", "label"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--test-data " + narrow
                        + ": column features: expected vectors of 3 values (as the training set's), found 2");
        assertThatThrownBy(() -> spark.checkTestSet(train, train, "features", "y"))
                .hasMessageStartingWith("--test-data " + train + ": column y: not in the data");
        spark.checkTestSet(train, oneClass, "features", "label"); // a test set may hold one class
        // a training set may not: it is refused before training, as a CSV file is
        assertThatThrownBy(() -> spark.trainParquet(
                        oneClass,
                        "features",
                        "label",
                        Recipe.named("default"),
                        false,
                        Distribution.defaults(),
                        null,
                        Checkpointing.NONE))
                .hasMessage("column label: expected at least two classes, found only class 0 in 20 rows");
        // file:///… as typed (a java.nio path would fold its slashes); the default recipe fits the table
        String uri = "file://" + train;
        DistributedTrainer.Result r = spark.trainParquet(
                uri,
                "features",
                "label",
                Recipe.named("default").with("epochs", 2).with("lr", 0.05),
                false,
                Distribution.defaults().withWorkers(2),
                null,
                Checkpointing.at(uri + ".checkpoint", 1)); // the checkpoint at a URI, too
        assertThat(r.network().sizes()).containsExactly(3, 1024, 2);
        assertThat(Path.of(train + ".checkpoint"))
                .as("written through Hadoop's file:// file system")
                .isRegularFile();
        assertThat(spark.accuracyOnParquet(r.network(), uri, "features", "label", false))
                .isGreaterThan(0.8);
    }
}
