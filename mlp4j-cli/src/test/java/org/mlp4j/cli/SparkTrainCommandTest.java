package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which --data spark-train hands to Spark as Parquet, read as typed. */
class SparkTrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void urisGoToSparkAsTypedAndCsvFilesAreReadHere() throws Exception {
        assertThat(SparkTrainCommand.isParquet("hdfs://namenode:8020/data/train"))
                .isTrue();
        assertThat(SparkTrainCommand.isParquet("s3a://bucket/train.parquet")).isTrue();
        assertThat(SparkTrainCommand.isParquet("abfss://c@account.dfs.core.windows.net/t"))
                .isTrue();
        assertThat(SparkTrainCommand.isParquet("local/train.parquet")).isTrue();
        assertThat(SparkTrainCommand.isParquet("gs://bucket/train.csv")).isFalse();
        assertThat(SparkTrainCommand.isParquet("train.csv")).isFalse();
        assertThat(SparkTrainCommand.isParquet(null)).isFalse();
        assertThat(SparkTrainCommand.hasScheme("C:/data/train")).isFalse();
        assertThat(SparkTrainCommand.hasScheme("hdfs:/namenode/x")).isFalse();
        Path folder = Files.createDirectories(dir.resolve("parts"));
        assertThat(SparkTrainCommand.isParquet(folder.toString())).isFalse();
        Files.writeString(folder.resolve("part-0.parquet"), "");
        assertThat(SparkTrainCommand.isParquet(folder.toString())).isTrue();
    }

    @Test
    void trainKeepsItsRunRecordsInALocalFolder() {
        Cli r = Cli.run("train", "--runs", "hdfs://namenode:8020/runs", "--epochs", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("--runs hdfs://namenode:8020/runs: expected a local folder for run records;"
                        + " only spark-train copies them to a URI");
    }

    @Test
    void aCsvFilesUriWithoutDatasetCsvIsRefusedBeforeSparkStarts() {
        Cli r = Cli.run("spark-train", "--master", "local[1]", "--data", "file:///data/train.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("mlp4j: error: --data file:///data/train.csv: a CSV file needs --dataset csv (without it"
                        + " the data is a Parquet dataset or the recipe's image dataset)\n");
    }
}
