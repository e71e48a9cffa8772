package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;

/**
 * Small tables under the default rounds (auto): with up to 4 workers a round spans whole epochs when a worker's
 * epoch is shorter than 32 steps, so a fit is not a string of Spark jobs of one step each; every epoch is still reported, and one
 * worker still trains exactly as one machine.
 */
class SmallTableRoundsTest {

    @Test
    void roundsSpanEpochsOnlyWhenAnEpochIsShortAndTheRoundsAreAuto() {
        Distribution auto = Distribution.defaults();
        assertThat(auto.roundsPerEpoch()).isEqualTo(Distribution.AUTO_ROUNDS);
        assertThat(auto.askedRounds()).isEqualTo(8);
        assertThat(auto.epochsPerRound(4, 2)).isEqualTo(8);
        assertThat(auto.epochsPerRound(5, 2)).isEqualTo(7); // 35 steps, the fewest whole epochs reaching 32
        assertThat(auto.epochsPerRound(31, 2)).isEqualTo(2);
        assertThat(auto.epochsPerRound(32, 2)).isEqualTo(1);
        assertThat(auto.epochsPerRound(117, 2)).isEqualTo(1); // MNIST's shortest worker epoch (64 workers)
        assertThat(auto.epochsPerRound(1, 2)).isEqualTo(32);
        assertThat(auto.epochsPerRound(4, 4)).isEqualTo(8);
        assertThat(auto.epochsPerRound(4, 5))
                .as("beyond 4 workers the copies drift: rounds stay within epochs")
                .isEqualTo(1);
        Distribution asked = auto.withRoundsPerEpoch(8);
        assertThat(asked.askedRounds()).isEqualTo(8);
        assertThat(asked.epochsPerRound(4, 2)).as("asked for: kept").isEqualTo(1);
        assertThatThrownBy(() -> auto.withRoundsPerEpoch(-1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("roundsPerEpoch: expected 0 (auto");
    }

    @Test
    void aSmallTableTakesFewRoundsAndReportsEveryEpoch() {
        int n = 455; // breast_cancer's training rows: 2 workers of about 228, 4 minibatches of 64 an epoch
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 30, 2, 21, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "30,32,2")
                .with("epochs", 20)
                .with("batch-size", 64)
                .with("validation-split", 45)
                .with("seed", 5L);
        List<EpochStats> epochs = new ArrayList<>();
        EpochListener listener = epochs::add;
        DistributedTrainer.Result r = DistributedTrainer.train(
                SparkTests.frame(x, y, 2),
                "features",
                "label",
                recipe,
                false,
                Distribution.defaults().withWorkers(2),
                listener);
        // 4 steps an epoch: 8 epochs a round, so rounds end after epochs 8, 16 and 20, and one more validates 20
        assertThat(r.rounds()).isEqualTo(4);
        assertThat(epochs).extracting(EpochStats::epoch).containsExactlyElementsOf(range(1, 20));
        for (EpochStats s : epochs) {
            assertThat(s.trainLoss())
                    .as("epoch %d's training loss", s.epoch())
                    .isFinite()
                    .isPositive();
            assertThat(s.validationAccuracy())
                    .as("epoch %d's validation", s.epoch())
                    .isBetween(0.0, 1.0);
        }
        assertThat(epochs.get(19).trainLoss())
                .as("the loss falls across the rounds")
                .isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs.get(19).validationAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void oneWorkerWithRoundsOfWholeEpochsTrainsExactlyAsOneMachine() {
        int[] y = new int[300];
        float[][] x = SparkTests.blobs(300, 12, 3, 9, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "12,16,3")
                .with("epochs", 7)
                .with("batch-size", 32)
                .with("optimizer", "nesterov")
                .with("schedule", "one-cycle")
                .with("dropout", 0.2)
                .with("validation-split", 40)
                .with("seed", 17L);
        List<EpochStats> spark = new ArrayList<>();
        DistributedTrainer.Result r = DistributedTrainer.train(
                SparkTests.frame(x, y, 1),
                "features",
                "label",
                recipe,
                false,
                Distribution.defaults().withWorkers(1),
                spark::add);

        TrainingPlan plan = recipe.plan(300, 0);
        Rng rng = new Rng(plan.seed());
        Network alone = plan.network(rng);
        List<EpochStats> local = new ArrayList<>();
        plan.fit(alone, TabularDataset.of(x, y, 3), 1, rng, local::add);
        // 260 rows in minibatches of 32: 9 steps an epoch, 4 epochs a round: epochs 1-4, 5-7, then 7's validation
        assertThat(r.rounds()).isEqualTo(3);
        assertThat(r.network().sameParameters(alone))
                .as("one worker's weights, bit for bit")
                .isTrue();
        assertThat(spark).extracting(EpochStats::epoch).containsExactlyElementsOf(range(1, 7));
        for (int e = 0; e < 7; e++) {
            assertThat(spark.get(e).validationLoss())
                    .as("epoch %d's validation loss", e + 1)
                    .isEqualTo(local.get(e).validationLoss());
            assertThat(spark.get(e).trainLoss())
                    .as("epoch %d's training loss", e + 1)
                    .isCloseTo(local.get(e).trainLoss(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
