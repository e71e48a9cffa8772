package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.recipe.Recipe;

/** A round's results at the driver against spark.driver.maxResultSize: refused before training, with what to change. */
class ResultSizeTest {
    private static final long GIB = 1L << 30;

    @Test
    void aWorkersResultIsItsParametersAndItsOptimizersState() {
        long params = 784L * 1024 + 1024 + 1024L * 10 + 10; // 814,090
        assertThat(RoundLoop.resultBytes(Recipe.named("default").plan(60_000, 28)))
                .as("784-1024-10 with Nesterov momentum: parameters and velocities")
                .isEqualTo(4 * params * 2);
        assertThat(RoundLoop.resultBytes(
                        Recipe.named("default").with("optimizer", "sgd").plan(60_000, 28)))
                .isEqualTo(4 * params);
        assertThat(RoundLoop.resultBytes(
                        Recipe.named("default").with("optimizer", "adam").plan(60_000, 28)))
                .isEqualTo(4 * params * 3);
    }

    @Test
    void beyondHalfTheDriversLimitTheResultsAreSummedInGroupsOnTheExecutors() {
        long perWorker = 6_512_720; // 784-1024-10 with momentum
        assertThat(TreeAveraging.fanIn(perWorker, 82, GIB, 0))
                .as("534 MB: flat")
                .isEqualTo(1);
        assertThat(TreeAveraging.fanIn(perWorker, 83, GIB, 0))
                .as("more than half of 1 GiB: groups whose sums (13 MB each, in double) fill at most half: 41")
                .isEqualTo(3);
        assertThat(TreeAveraging.fanIn(perWorker, 165, GIB, 0)).isEqualTo(5);
        assertThat(TreeAveraging.fanIn(perWorker, 400, GIB, 0)).isEqualTo(10);
        assertThat(TreeAveraging.fanIn(perWorker, 400, 0, 0)).as("0: no limit").isEqualTo(1);
        assertThat(TreeAveraging.fanIn(perWorker, 8, GIB, 4)).as("asked for").isEqualTo(4);
    }

    @Test
    void whatCannotFitIsRefusedBeforeTrainingWithWhatToChange() {
        long perWorker = 6_512_720;
        assertThatThrownBy(() -> TreeAveraging.fanIn(perWorker, 8, 16L << 20, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 group sums x 13.0 MB")
                .hasMessageContaining("more than spark.driver.maxResultSize (16.8 MB) allows")
                .hasMessageContaining("set spark.driver.maxResultSize to at least 28m");
        assertThatCode(() -> TreeAveraging.fanIn(perWorker, 164, GIB, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TreeAveraging.fanIn(perWorker, 165, GIB, 1))
                .as("flat, asked for")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("165 workers x 6.5 MB = 1074.6 MB")
                .hasMessageContaining("set spark.driver.maxResultSize to at least 1128m");
        assertThatThrownBy(() -> TreeAveraging.fanIn(perWorker, 400, GIB, 2))
                .as("groups of 2, asked for: 200 sums of 13 MB")
                .hasMessageContaining("200 group sums");
    }
}
