package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;

/**
 * Issue 23, aggregation that does not grow at the driver: the executors sum groups of partitions first, the
 * driver collects the groups' sums. The groups follow the partitions' numbers, so the run is the same on
 * every rerun; one group is the flat average, bit for bit, and so (the sums being exact) are groups of two.
 */
class TreeAveragingTest {
    /** A run's model, and how many of its stages wrote shuffle data (a tree's groups; a flat round has none). */
    private record Run(Network net, int shuffleStages) {}

    private static Run train(String fanIn) throws java.util.concurrent.TimeoutException {
        int n = 480;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 6, 3, 11, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "6,16,3")
                .with("epochs", 3)
                .with("batch-size", 16)
                .with("validation-split", 48)
                .with("seed", 4L);
        JavaSparkContext sc = SparkTests.jsc();
        java.util.concurrent.atomic.AtomicInteger shuffles = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted done) {
                if (done.stageInfo().taskMetrics().shuffleWriteMetrics().bytesWritten() > 0) {
                    shuffles.incrementAndGet();
                }
            }
        };
        sc.sc().addSparkListener(listener);
        sc.setLocalProperty(TreeAveraging.FAN_IN, fanIn);
        try {
            Network net = DistributedTrainer.train(
                            SparkTests.frame(x, y, 4),
                            "features",
                            "label",
                            recipe,
                            false,
                            Distribution.defaults().withWorkers(4).withRoundsPerEpoch(4),
                            null)
                    .network();
            sc.sc().listenerBus().waitUntilEmpty();
            return new Run(net, shuffles.get());
        } finally {
            sc.setLocalProperty(TreeAveraging.FAN_IN, null);
            sc.sc().removeSparkListener(listener);
        }
    }

    private static byte[] bytes(Network net) {
        return ModelFile.encode(net, java.util.Map.of());
    }

    @Test
    void oneGroupIsTheFlatAverageBitForBitAndGroupsOfTwoAreTheSameOnEveryRun() throws Exception {
        Run flatRun = train("1");
        Run oneGroupRun = train("4");
        Run pairsRun = train("2");
        Network flat = flatRun.net();
        Network oneGroup = oneGroupRun.net();
        Network pairs = pairsRun.net();
        assertThat(oneGroupRun.shuffleStages())
                .as("the tree's rounds each sum their group in a shuffle")
                .isGreaterThan(flatRun.shuffleStages());
        assertThat(pairsRun.shuffleStages()).isEqualTo(oneGroupRun.shuffleStages());
        assertThat(bytes(oneGroup)).as("4 workers in one group of 4").isEqualTo(bytes(flat));
        assertThat(bytes(train("2").net())).as("groups of 2, run again").isEqualTo(bytes(pairs));
        // A float has 24 bits and a double 53: four parameters of like size add exactly in double in any
        // order, so here the groups give the flat average's bits too. (Only values some 2^29 apart round
        // differently, in the order the partitions' numbers fix: AveragingTest.)
        assertThat(bytes(pairs)).as("groups of 2 against flat").isEqualTo(bytes(flat));
    }
}
