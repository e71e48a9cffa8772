package org.mlp4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlp4j.data.ArrayDataset;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;

/**
 * A driver in its own JVM, as the cluster test runs it: trains the test job on the given master and
 * writes the model file. With "kill", it kills one executor JVM (SIGKILL) when the first epoch ends, in
 * the middle of training, so Spark must run the lost tasks again elsewhere. With "halt-in-task", an
 * executor dies inside a running training task ({@link HaltInTaskPlugin}), so Spark must run that task
 * again on another executor.
 */
public final class ClusterDriver {
    private ClusterDriver() {}

    static final int ROWS = 2400;

    static Recipe recipe() {
        return Recipe.named("default")
                .forTables()
                .with("layers", "20,32,4")
                .with("epochs", 3)
                .with("batch-size", 32)
                .with("dropout", 0.2)
                .with("validation-split", 200)
                .with("seed", 21L);
    }

    static ArrayDataset data() {
        int[] y = new int[ROWS];
        float[][] x = SparkTests.blobs(ROWS, 20, 4, 9, y);
        return ArrayDataset.of(x, y, 4);
    }

    static Network train(JavaSparkContext sc, EpochListener listener) {
        return DistributedTrainer.train(
                        sc, data(), recipe(), false, Distribution.defaults().withWorkers(2), listener)
                .network();
    }

    public static void main(String[] args) throws Exception {
        String master = args[0];
        Path out = Path.of(args[1]);
        boolean kill = args.length > 2 && args[2].equals("kill");
        boolean haltInTask = args.length > 2 && args[2].equals("halt-in-task");
        // the test's own settings, as system properties (Spark reads spark.* from them), and the session as
        // spark-train starts it (SparkTraining.start: spark.jars among others)
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.executor.memory", "1g");
        System.setProperty("spark.executor.cores", "1");
        System.setProperty("spark.cores.max", "2");
        System.setProperty("spark.task.maxFailures", "4");
        String executorClassPath = System.getProperty("mlp4j.executorClassPath", "");
        if (!executorClassPath.isEmpty()) {
            System.setProperty("spark.executor.extraClassPath", executorClassPath);
        }
        if (haltInTask) {
            System.setProperty("spark.plugins", HaltInTaskPlugin.class.getName());
            System.setProperty("spark.mlp4j.test.haltMarker", out + ".halted");
        }
        SparkSession spark = SparkTraining.start(master, "mlp4j cluster test").session();
        System.out.println("spark.jars: " + spark.sparkContext().getConf().get("spark.jars", ""));
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // which executor ran each task once the replacement is there: it should take its share
        java.util.Map<String, Integer> tasksAfterLoss = new java.util.concurrent.ConcurrentSkipListMap<>();
        // Spark's own word that the executor is gone (polling the count could miss a quick replacement)
        java.util.concurrent.CountDownLatch removed = new java.util.concurrent.CountDownLatch(1);
        sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onExecutorRemoved(org.apache.spark.scheduler.SparkListenerExecutorRemoved r) {
                removed.countDown();
            }
        });
        org.apache.spark.scheduler.SparkListener afterTheLoss = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) {
                    tasksAfterLoss.merge(end.taskInfo().executorId(), 1, Integer::sum);
                }
            }
        };
        EpochListener listener = new EpochListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                System.out.println("epoch " + stats.epoch() + " validation accuracy " + stats.validationAccuracy());
                if (kill && stats.epoch() == 1) {
                    List<ProcessHandle> executors = ProcessHandle.allProcesses()
                            .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                            .filter(p -> p.info()
                                    .commandLine()
                                    .orElse("")
                                    .contains(sc.sc().applicationId()))
                            .toList();
                    System.out.println("killing executor " + executors.get(0).pid() + " of " + executors.size());
                    executors.get(0).destroyForcibly();
                    // once Spark has noticed, the next round rebuilds the lost shard on the survivor (before a
                    // replacement can start): the placement a replacement then found all taken
                    try {
                        if (!removed.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                            throw new IllegalStateException("Spark did not notice the lost executor in 2 minutes");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                if (kill && stats.epoch() == 2) {
                    // epoch 2 ran on the survivor alone, or with the replacement if it came quickly; from here
                    // on the replacement is there for certain
                    waitForExecutors(sc, 2);
                    System.out.println("the replacement executor is up");
                    sc.sc().addSparkListener(afterTheLoss);
                }
            }
        };
        Network net = train(sc, listener);
        if (kill) {
            System.out.println("tasks per executor after the loss: " + tasksAfterLoss);
        }
        Files.write(out, ModelFile.encode(net, java.util.Map.of()));
        spark.stop();
        System.out.println("done");
    }

    /** Waits until at least {@code n} executors (the driver not counted) are registered. */
    static void waitForExecutors(JavaSparkContext sc, int n) {
        long end = System.nanoTime() + 120_000_000_000L;
        while (sc.sc().statusTracker().getExecutorInfos().length - 1 < n) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not " + n + " executors in 2 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
