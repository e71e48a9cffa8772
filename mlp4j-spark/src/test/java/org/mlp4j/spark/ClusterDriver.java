package org.mlp4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlp4j.data.TabularDataset;
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
 * again on another executor. With "csv URI", the executors read the CSV file at URI ({@link ExecutorCsv}).
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

    static TabularDataset data() {
        int[] y = new int[ROWS];
        float[][] x = SparkTests.blobs(ROWS, 20, 4, 9, y);
        return TabularDataset.of(x, y, 4);
    }

    static Network train(JavaSparkContext sc, EpochListener listener) {
        return DistributedTrainer.train(
                        sc, data(), recipe(), false, Distribution.defaults().withWorkers(2), listener)
                .network();
    }

    /** Rows of the data larger than the executors' storage memory, and their features. */
    static final int LARGE_ROWS = 40_000;

    static final int LARGE_FEATURES = 100;

    /** Blobs generated on the executors (two partitions, from fixed seeds): no task carries the data. */
    static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> largeFrame(SparkSession spark) {
        org.apache.spark.api.java.JavaRDD<org.apache.spark.sql.Row> rows = JavaSparkContext.fromSparkContext(
                        spark.sparkContext())
                .parallelize(List.of(0, 1), 2)
                .flatMap(p -> {
                    int[] y = new int[LARGE_ROWS / 2];
                    float[][] x = SparkTests.blobs(y.length, LARGE_FEATURES, 4, 100 + p, y);
                    List<org.apache.spark.sql.Row> out = new java.util.ArrayList<>();
                    for (int i = 0; i < y.length; i++) {
                        double[] d = new double[LARGE_FEATURES];
                        for (int k = 0; k < d.length; k++) {
                            d[k] = x[i][k];
                        }
                        out.add(org.apache.spark.sql.RowFactory.create(
                                org.apache.spark.ml.linalg.Vectors.dense(d), (double) y[i]));
                    }
                    return out.iterator();
                });
        return spark.createDataFrame(rows, SparkTests.VECTOR_SCHEMA);
    }

    static Network trainLarge(SparkSession spark, EpochListener listener) {
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", LARGE_FEATURES + ",32,4")
                .with("epochs", 2)
                .with("batch-size", 64)
                .with("validation-split", 1000)
                .with("seed", 22L);
        return DistributedTrainer.train(
                        largeFrame(spark),
                        "features",
                        "label",
                        recipe,
                        false,
                        Distribution.defaults().withWorkers(2),
                        listener)
                .network();
    }

    /** {@link #data()} as a CSV file with a header, the label a class name in the middle of the columns. */
    static void writeCsv(Path file) throws java.io.IOException {
        TabularDataset d = data();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 20; k++) {
            b.append(k == 10 ? "label," : "").append('f').append(k).append(k < 19 ? "," : "\n");
        }
        float[] row = new float[20];
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, row, 0);
            for (int k = 0; k < 20; k++) {
                b.append(k == 10 ? "class" + d.label(i) + "," : "")
                        .append(row[k])
                        .append(k < 19 ? "," : "\n");
            }
        }
        Files.writeString(file, b);
    }

    /** Trains the test job on a CSV file that the executors read (20% of its rows held out). */
    static Network trainCsv(SparkSession spark, String uri) {
        ExecutorCsv.Table t = ExecutorCsv.read(spark, uri, null, org.mlp4j.data.CsvFormat.of("label"), 21L, 2);
        return DistributedTrainer.train(
                        t.train(),
                        "features",
                        "label",
                        recipe(),
                        false,
                        Distribution.defaults().withWorkers(2),
                        null)
                .network();
    }

    public static void main(String[] args) throws Exception {
        String master = args[0];
        Path out = Path.of(args[1]);
        boolean kill = args.length > 2 && args[2].equals("kill");
        boolean haltInTask = args.length > 2 && args[2].equals("halt-in-task");
        boolean outOfCore = args.length > 2 && args[2].equals("out-of-core");
        String csv = args.length > 3 && args[2].equals("csv") ? args[3] : null;
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
        if (outOfCore) {
            // about 7 MB of storage memory an executor (the 1 GiB heap less Spark's 300 MB, x 0.01): each
            // executor's shard (20,000 rows of 100 floats, 8 MB) is larger than all of it
            System.setProperty("spark.memory.fraction", "0.01");
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
        if (outOfCore) {
            waitForExecutors(sc, 2);
            long storage = java.util.Arrays.stream(sc.sc().statusTracker().getExecutorInfos())
                    .mapToLong(org.apache.spark.SparkExecutorInfo::totalOnHeapStorageMemory)
                    .max()
                    .orElseThrow();
            System.out.println("storage memory per executor: " + storage + " bytes");
            System.out.println("data: " + (long) LARGE_ROWS * LARGE_FEATURES * 4 + " bytes of floats");
            listener = stats -> {
                for (org.apache.spark.storage.RDDInfo info : sc.sc().getRDDStorageInfo()) {
                    if (info.name().equals(DistributedTrainer.SHARDS)) {
                        System.out.println("epoch " + stats.epoch() + ": shards cached " + info.numCachedPartitions()
                                + " of " + info.numPartitions() + ", memory " + info.memSize() + " bytes, disk "
                                + info.diskSize() + " bytes");
                    }
                }
            };
        }
        Network net =
                csv != null ? trainCsv(spark, csv) : outOfCore ? trainLarge(spark, listener) : train(sc, listener);
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
