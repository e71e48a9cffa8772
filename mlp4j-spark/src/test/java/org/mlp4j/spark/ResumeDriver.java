package org.mlp4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.train.EpochListener;

/**
 * A driver in its own JVM for the resume test: trains the cluster test's job on local[2] with a checkpoint
 * every 4 rounds and writes the model file. With "stall" it stops moving once epoch 2's figures arrive
 * (after the checkpoint of round 16), so the test can kill it (SIGKILL) there; it prints every epoch it
 * sees, so a resumed run shows where it started.
 */
public final class ResumeDriver {
    private ResumeDriver() {}

    static Network train(JavaSparkContext sc, String checkpoint, EpochListener listener) {
        return DistributedTrainer.train(
                        sc,
                        ClusterDriver.data(),
                        ClusterDriver.recipe(),
                        false,
                        Distribution.defaults().withWorkers(2),
                        listener,
                        Checkpointing.at(checkpoint, 4))
                .network();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String checkpoint = args[1];
        boolean stall = args.length > 2 && args[2].equals("stall");
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("mlp4j resume test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Network net = train(sc, checkpoint, stats -> {
            System.out.println("epoch " + stats.epoch());
            if (stall && stats.epoch() == 2) {
                System.out.println("stalled");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Files.write(out, ModelFile.encode(net, Map.of()));
        System.out.println("done");
        spark.stop();
    }
}
