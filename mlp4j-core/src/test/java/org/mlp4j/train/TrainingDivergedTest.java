package org.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The divergence rule itself; sgd's DivergenceTest checks a run's watch over it (its remembered start). */
class TrainingDivergedTest {
    @Test
    void chanceLossIsThatOfAUniformGuess() {
        assertThat(TrainingDiverged.chanceLoss(StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY, 10))
                .isCloseTo(Math.log(10), offset(1e-15));
        assertThat(TrainingDiverged.chanceLoss(StandardActivation.SIGMOID, StandardCost.BINARY_CROSS_ENTROPY, 3))
                .isCloseTo(3 * Math.log(2), offset(1e-15));
        assertThat(TrainingDiverged.chanceLoss(StandardActivation.SIGMOID, StandardCost.QUADRATIC, 10))
                .isNaN();
    }

    @Test
    void sigmoidWithBinaryCrossEntropyIsHeldToTwiceItsChanceLossWhenItStartedBelow() {
        Network net = Network.init(
                new int[] {3, 4, 3},
                StandardActivation.RELU,
                StandardActivation.SIGMOID,
                StandardCost.BINARY_CROSS_ENTROPY,
                Init.HE,
                new Rng(1));
        double twiceChance = 2 * 3 * Math.log(2);
        assertThatCode(() -> TrainingDiverged.check(1, twiceChance, 0.5, net, "s", "a"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TrainingDiverged.check(1, twiceChance + 1e-9, 0.5, net, "lr 3", "lower it"))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessage("training diverged in epoch 1: training loss 4.159, more than twice the 0.5000 it started"
                        + " from (or the 2.079 of a network that guesses uniformly), with lr 3; lower it")
                .satisfies(e -> {
                    TrainingDiverged d = (TrainingDiverged) e;
                    assertThat(d.epoch()).isEqualTo(1);
                    // what was seen alone, which Spark's driver repeats with "on a worker" and its own settings
                    assertThat(d.what())
                            .isEqualTo("training loss 4.159, more than twice the 0.5000 it started from (or the 2.079"
                                    + " of a network that guesses uniformly)");
                });
        // no start known: the epoch's own loss is the start, so only an infinite loss diverges
        assertThatCode(() -> TrainingDiverged.check(4, 1e6, Double.NaN, net, "s", "a"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TrainingDiverged.check(4, Double.POSITIVE_INFINITY, Double.NaN, net, "s", "a"))
                .isInstanceOf(TrainingDiverged.class);
        // an infinite start (a first minibatch that overflowed) is no start either
        assertThatCode(() -> TrainingDiverged.check(4, 1e6, Double.POSITIVE_INFINITY, net, "s", "a"))
                .doesNotThrowAnyException();
    }
}
