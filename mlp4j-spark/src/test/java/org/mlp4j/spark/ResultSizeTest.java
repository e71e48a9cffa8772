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
    void moreThanTheDriverAcceptsIsRefusedWithWhatToChange() {
        long perWorker = 6_512_720;
        assertThatCode(() -> RoundLoop.checkResultSize(perWorker, 164, GIB)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RoundLoop.checkResultSize(perWorker, 165, GIB))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("165 workers x 6.5 MB = 1074.6 MB")
                .hasMessageContaining("more than spark.driver.maxResultSize (1073.7 MB)")
                .hasMessageContaining("set spark.driver.maxResultSize to at least 1128m");
        assertThatThrownBy(() -> RoundLoop.checkResultSize(perWorker, 400, GIB)).hasMessageContaining("400 workers");
        assertThatCode(() -> RoundLoop.checkResultSize(perWorker, 400, 0))
                .as("0: no limit")
                .doesNotThrowAnyException();
    }
}
