package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlp4j.recipe.Recipe;

/** The scaling model's terms, as a run measures them: each round's time split into its parts. */
class RoundCostsTest {
    @Test
    void theTermsAddUpToTheRound() {
        RoundCosts c = RoundCosts.NONE.plus(0.100, 0.060, 0.030, 0.010).plus(0.200, 0.100, 0.050, 0.030);
        assertThat(c.rounds()).isEqualTo(2);
        assertThat(c.sparkSecondsPerRound()).isCloseTo((0.300 - 0.160 - 0.040) / 2, Offset.offset(1e-12));
        assertThat(c.stragglerRatio()).isCloseTo(2.0, Offset.offset(1e-12));
        assertThat(c.describe())
                .isEqualTo("a round 150.0 ms: the slowest worker's training 80.0 ms (2.00x the mean worker's),"
                        + " Spark 50.0 ms, the driver's averaging 20.0 ms");
        assertThat(RoundCosts.NONE.describe()).isEqualTo("no rounds timed");
        assertThat(RoundCosts.NONE.stragglerRatio()).isEqualTo(1.0);
    }

    @Test
    void aRunTimesEveryRoundAndItsParts() {
        int[] y = new int[400];
        float[][] x = SparkTests.blobs(400, 8, 2, 3, y);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "8,8,2")
                .with("epochs", 2)
                .with("batch-size", 20)
                .with("validation-split", 0)
                .with("seed", 2L);
        DistributedTrainer.Result r = DistributedTrainer.train(
                SparkTests.frame(x, y, 2),
                "features",
                "label",
                recipe,
                false,
                Distribution.defaults().withWorkers(2).withRoundsPerEpoch(2),
                null);
        RoundCosts c = r.costs();
        assertThat(c.rounds()).isEqualTo(r.rounds());
        assertThat(c.slowestSeconds()).isPositive().isLessThanOrEqualTo(c.roundSeconds());
        assertThat(c.meanTaskSeconds()).isPositive().isLessThanOrEqualTo(c.slowestSeconds());
        assertThat(c.driverSeconds()).isPositive().isLessThan(c.roundSeconds());
        assertThat(c.roundSeconds() - c.slowestSeconds())
                .as("the overhead reported is the rounds minus the slowest worker's training")
                .isCloseTo(r.overheadSeconds(), Offset.offset(1e-9));
    }
}
