package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.ModelFile;

/**
 * The driver's checkpoints: a driver killed (SIGKILL, in its own JVM) in the middle of training leaves a
 * checkpoint from which the same command continues to the bits of an undisturbed run; a checkpoint of
 * another job is refused, not overwritten or resumed.
 */
class DriverCheckpointTest {
    @TempDir
    Path dir;

    private Process driver(Path out, Path checkpoint, Path log, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--add-modules",
                "jdk.incubator.vector"));
        cmd.addAll(List.of(SparkJvm.OPTIONS.split(" ")));
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ResumeDriver.class.getName(),
                out.toString(),
                checkpoint.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    @Test
    void aDriverKilledMidRunResumesFromItsCheckpointToTheSameBits() throws Exception {
        Path checkpoint = dir.resolve("run.checkpoint");
        Path out = dir.resolve("model.safetensors");
        Path log1 = dir.resolve("killed.log");
        Process first = driver(out, checkpoint, log1, "stall");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!(Files.exists(log1) && Files.readString(log1).contains("stalled"))) {
                assertThat(first.isAlive()).as(Files.readString(log1)).isTrue();
                assertThat(System.nanoTime()).as("the driver reaches epoch 2").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
        }
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as("the killed driver wrote no model").doesNotExist();
        assertThat(checkpoint).as("it left its checkpoint").isRegularFile();
        assertThat(ModelFile.load(checkpoint).metadata()).containsEntry("spark_checkpoint.rounds", "16");

        Path log2 = dir.resolve("resumed.log");
        Process again = driver(out, checkpoint, log2);
        assertThat(again.waitFor(4, TimeUnit.MINUTES))
                .as("the resumed driver ends")
                .isTrue();
        String printed = Files.readString(log2);
        assertThat(again.exitValue()).as(printed).isZero();
        assertThat(printed).contains("epoch 2", "epoch 3", "done").doesNotContain("epoch 1\n");

        byte[] undisturbed = ModelFile.encode(ClusterDriver.train(SparkTests.jsc(), null), Map.of());
        assertThat(Files.readAllBytes(out))
                .as("resumed = undisturbed, bit for bit")
                .isEqualTo(undisturbed);
    }

    /** A regression's checkpoint is a model file that reads as the regression it is, in the target's units. */
    @Test
    void aRegressionsCheckpointKeepsItsTaskAndTargetScaling() {
        String checkpoint = dir.resolve("prices.checkpoint").toString();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> prices =
                new org.apache.spark.ml.feature.VectorAssembler()
                        .setInputCols(new String[] {"a", "b"})
                        .setOutputCol("features")
                        .transform(MlpRegressorTest.prices(400, 1));
        MlpRegressionModel fitted = MlpRegressorTest.small()
                .setEpochs(3)
                .setCheckpointPath(checkpoint)
                .setCheckpointInterval(1)
                .fit(prices);
        ModelFile.Loaded loaded = ModelFile.load(Path.of(checkpoint));
        assertThat(loaded.metadata()).containsEntry("task", ModelFile.REGRESSION);
        assertThat(loaded.extraTensors()).containsKeys("target.mean", "target.std");
        assertThat(loaded.extraTensors().get("target.mean")[0]).isBetween(4900f, 5100f);
        // resumed from it, the fit ends where it ended (the target scaling is not taken for optimizer state)
        MlpRegressionModel again = MlpRegressorTest.small()
                .setEpochs(3)
                .setCheckpointPath(checkpoint)
                .setCheckpointInterval(1)
                .fit(prices);
        assertThat(again.modelFileBytes()).isEqualTo(fitted.modelFileBytes());
    }

    @Test
    void aCheckpointOfAnotherJobIsRefusedAndAFolderIsNotReplaced() throws Exception {
        String checkpoint = dir.resolve("other.checkpoint").toString();
        ResumeDriver.train(SparkTests.jsc(), checkpoint, null);
        byte[] written = Files.readAllBytes(Path.of(checkpoint));
        assertThatThrownBy(() -> DistributedTrainer.train(
                        SparkTests.jsc(),
                        ClusterDriver.data(),
                        ClusterDriver.recipe().with("lr", 0.05),
                        false,
                        Distribution.defaults().withWorkers(2),
                        null,
                        Checkpointing.at(checkpoint, 4)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(checkpoint + ": a checkpoint of another job (recipe differs); remove it or write this"
                        + " fit's checkpoints elsewhere");
        assertThatThrownBy(() -> DistributedTrainer.train(
                        SparkTests.jsc(),
                        ClusterDriver.data(),
                        ClusterDriver.recipe(),
                        false,
                        Distribution.defaults().withWorkers(3),
                        null,
                        Checkpointing.at(checkpoint, 4)))
                .hasMessageContaining("(workers: this fit's is 3, the checkpoint's 2)");
        // the same recipe on other rows of the same sizes: resuming would continue on data it did not start on
        int[] y = new int[ClusterDriver.ROWS];
        org.mlp4j.data.TabularDataset other =
                org.mlp4j.data.TabularDataset.of(SparkTests.blobs(ClusterDriver.ROWS, 20, 4, 10, y), y, 4);
        assertThatThrownBy(() -> DistributedTrainer.train(
                        SparkTests.jsc(),
                        other,
                        ClusterDriver.recipe(),
                        false,
                        Distribution.defaults().withWorkers(2),
                        null,
                        Checkpointing.at(checkpoint, 4)))
                .hasMessageContaining("(data differs)");
        assertThat(Files.readAllBytes(Path.of(checkpoint))).as("left as it was").isEqualTo(written);

        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> ResumeDriver.train(SparkTests.jsc(), folder.toString(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(folder + ": expected a file, found a folder");
        assertThat(folder.resolve("keep.txt")).hasContent("mine");
    }
}
