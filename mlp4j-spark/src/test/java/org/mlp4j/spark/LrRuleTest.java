package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.spark.Distribution.LrScaling;

/**
 * The learning-rate rules for N workers, and the measured one ({@code auto}, the default) as the trainer
 * applies it: linear to 4 workers; beyond 4, the rate capped, smaller minibatches and more averagings.
 */
class LrRuleTest {
    @Test
    void eachRuleScalesTheRateAsDocumented() {
        assertThat(Distribution.defaults().lrScaling()).isEqualTo(LrScaling.AUTO);
        for (int n : new int[] {1, 2, 3, 4}) {
            assertThat(LrScaling.AUTO.lrFactor(n)).as("auto is linear to 4").isEqualTo(LrScaling.LINEAR.lrFactor(n));
        }
        assertThat(LrScaling.AUTO.lrFactor(8)).isEqualTo(4.0);
        assertThat(LrScaling.AUTO.lrFactor(64)).isEqualTo(4.0);
        assertThat(LrScaling.LINEAR.lrFactor(8)).isEqualTo(8.0);
        assertThat(LrScaling.SQRT.lrFactor(16)).isEqualTo(4.0);
        assertThat(LrScaling.NONE.lrFactor(16)).isEqualTo(1.0);
        assertThat(LrScaling.parse(" Auto ", "lrScaling")).isEqualTo(LrScaling.AUTO);
    }

    @Test
    void autoKeepsTheRecipesMinibatchAndRoundsUpToFourWorkersAndShrinksThemBeyond() {
        assertThat(LrScaling.AUTO.workerBatch(128, 4)).isEqualTo(128);
        assertThat(LrScaling.AUTO.workerBatch(128, 5)).isEqualTo(102);
        assertThat(LrScaling.AUTO.workerBatch(128, 8)).isEqualTo(64);
        assertThat(LrScaling.AUTO.workerBatch(128, 16)).isEqualTo(32);
        assertThat(LrScaling.AUTO.workerBatch(128, 64)).isEqualTo(8);
        assertThat(LrScaling.AUTO.workerBatch(3, 64)).as("never below one row").isEqualTo(1);
        assertThat(LrScaling.AUTO.rounds(8, 4)).isEqualTo(8);
        assertThat(LrScaling.AUTO.rounds(8, 8)).isEqualTo(16);
        assertThat(LrScaling.AUTO.rounds(8, 16)).isEqualTo(32);
        assertThat(LrScaling.AUTO.rounds(3, 64)).isEqualTo(48);
        for (LrScaling other : new LrScaling[] {LrScaling.LINEAR, LrScaling.SQRT, LrScaling.NONE}) {
            assertThat(other.workerBatch(128, 64)).isEqualTo(128);
            assertThat(other.rounds(8, 64)).isEqualTo(8);
        }
    }

    /**
     * 16 workers under the default rule: 32-row minibatches and 32 averagings per epoch; each worker trains
     * on 1,200 rows, 38 minibatches (the last round only validates the last epoch).
     */
    @Test
    void theTrainerAppliesTheRuleUnlessTheUserSetTheMinibatch() {
        int rows = 19_200;
        int[] y = new int[rows];
        TabularDataset data = TabularDataset.of(SparkTests.blobs(rows, 6, 3, 5, y), y, 3);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "6,16,3")
                .with("epochs", 1)
                .with("validation-split", 0);
        DistributedTrainer.Result ruled = DistributedTrainer.train(
                SparkTests.jsc(), data, recipe, false, Distribution.defaults().withWorkers(16), null);
        assertThat(ruled.plan().batchSize()).isEqualTo(32);
        assertThat(ruled.rounds()).isEqualTo(32 + 1);

        DistributedTrainer.Result mine = DistributedTrainer.train(
                SparkTests.jsc(),
                data,
                recipe.with("batch-size", 128),
                false,
                Distribution.defaults().withWorkers(16),
                null);
        assertThat(mine.plan().batchSize()).as("the user's minibatch is kept").isEqualTo(128);
        assertThat(mine.rounds()).as("10 steps an epoch: 10 rounds, not 32").isEqualTo(10 + 1);
    }
}
