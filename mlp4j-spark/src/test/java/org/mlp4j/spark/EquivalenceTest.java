package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;

/**
 * Training on Spark proven against one machine: one worker is one machine bit for bit (the same engine
 * runs inside); N workers averaging after every plain SGD step are one machine taking the step on all N
 * minibatches at once, within float32 rounding.
 */
class EquivalenceTest {

    @Test
    void oneWorkerTrainsExactlyAsOneMachine() {
        int[] y = new int[700];
        float[][] x = SparkTests.blobs(700, 16, 3, 5, y);
        // momentum, a one-cycle schedule, dropout, a validation split and a partial last minibatch: every
        // piece of state a round must carry across
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "16,32,3")
                .with("epochs", 3)
                .with("batch-size", 64)
                .with("optimizer", "nesterov")
                .with("schedule", "one-cycle")
                .with("dropout", 0.3)
                .with("validation-split", 100)
                .with("seed", 11L);
        DistributedTrainer.Result spark = DistributedTrainer.train(
                SparkTests.frame(x, y, 1),
                "features",
                "label",
                recipe,
                false,
                Distribution.defaults().withWorkers(1).withRoundsPerEpoch(3),
                null);

        TrainingPlan plan = recipe.plan(700, 0);
        Rng rng = new Rng(plan.seed());
        Network alone = plan.network(rng);
        plan.fit(alone, TabularDataset.of(x, y, 3), 1, rng, null);
        assertThat(spark.network().sameParameters(alone))
                .as("one worker's weights, bit for bit")
                .isTrue();
        assertThat(spark.workers()).isEqualTo(1);
        assertThat(spark.rounds()).isEqualTo(3 * 3 + 1);
    }

    @Test
    void averagingEveryStepIsOneMachineOnTheGlobalMinibatch() {
        int n = 120; // two partitions of 60: six minibatches of 10 per epoch each
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 8, 3, 6, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "8,12,3")
                .with("epochs", 2)
                .with("batch-size", 10)
                .with("optimizer", "sgd")
                .with("schedule", "constant")
                .with("warmup", 0)
                .with("dropout", 0)
                .with("input-dropout", 0)
                .with("max-norm", 0)
                .with("weight-decay", 0)
                .with("lr", 0.2)
                .with("validation-split", 0)
                .with("seed", 3L);
        DistributedTrainer.Result spark = DistributedTrainer.train(
                SparkTests.frame(x, y, 2),
                "features",
                "label",
                recipe,
                false,
                new Distribution(2, 6, Distribution.LrScaling.NONE, 1),
                null);

        // one machine: every step on the union of the two partitions' minibatches, in double precision
        TrainingPlan plan = recipe.plan(n, 0);
        Rng rng0 = new Rng(plan.seed());
        Network net = plan.network(rng0);
        Rng rng1 = new Rng(Rng.seedFor(plan.seed(), 1));
        for (int e = 0; e < 2; e++) {
            int[] order0 = rng0.permutation(60);
            int[] order1 = rng1.permutation(60);
            for (int b = 0; b < 6; b++) {
                float[][] xs = new float[20][];
                float[][] ys = new float[20][3];
                for (int i = 0; i < 10; i++) {
                    int a = order0[b * 10 + i];
                    int c = 60 + order1[b * 10 + i];
                    xs[i] = x[a];
                    ys[i][y[a]] = 1;
                    xs[10 + i] = x[c];
                    ys[10 + i][y[c]] = 1;
                }
                // cross-entropy with softmax: the reference update is the article's update_params
                ReferenceNetwork.updateParams(net, xs, ys, 0.2);
            }
        }
        for (int l = 0; l < net.layerCount(); l++) {
            float[] got = spark.network().weights(l);
            float[] want = net.weights(l);
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i]).as("layer %d weight %d", l, i).isCloseTo(want[i], Offset.offset(1e-5));
            }
            for (int i = 0; i < net.biases(l).length; i++) {
                assertThat((double) spark.network().biases(l)[i]).isCloseTo(net.biases(l)[i], Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theSameSeedDataAndPartitioningGiveTheSameBits() {
        int[] y = new int[400];
        float[][] x = SparkTests.blobs(400, 10, 2, 8, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "10,16,2")
                .with("epochs", 2)
                .with("batch-size", 32)
                .with("validation-split", 0)
                .with("dropout", 0.2);
        Distribution d = Distribution.defaults().withWorkers(2);
        Network a = DistributedTrainer.train(SparkTests.frame(x, y, 2), "features", "label", recipe, false, d, null)
                .network();
        Network b = DistributedTrainer.train(SparkTests.frame(x, y, 2), "features", "label", recipe, false, d, null)
                .network();
        assertThat(a.sameParameters(b)).isTrue();
    }
}
