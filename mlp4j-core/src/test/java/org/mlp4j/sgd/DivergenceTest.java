package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.train.TrainingDiverged;

class DivergenceTest {
    private static Network softmax(int classes) {
        return Network.init(
                new int[] {3, 4, classes},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(1));
    }

    @Test
    void anEpochDivergesAboveTwiceTheLargerOfTheStartingAndTheChanceLoss() {
        double chance = Math.log(10);
        Divergence d = new Divergence("learning rate 0.1 (lr)", "try a lower learning rate");
        d.started(3.0); // the first minibatch: above chance (raw features give large logits)
        d.started(1.0); // later minibatches do not move the start
        d.afterEpoch(1, 6.0, softmax(10)); // twice the start, exactly: not diverged
        assertThatThrownBy(() -> d.afterEpoch(2, 6.0 + 1e-9, softmax(10)))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessageContaining("training diverged in epoch 2: training loss 6.000, more than twice the 3.000 it"
                        + " started from (or the 2.303 of a network that guesses uniformly), with")
                .hasMessageContaining("with learning rate 0.1 (lr); try a lower learning rate")
                .satisfies(e -> assertThat(((TrainingDiverged) e).epoch()).isEqualTo(2));

        // a start below chance: epochs are held to twice chance, not twice that small loss
        Divergence low = new Divergence("learning rate 1", "advice");
        low.started(0.1);
        assertThatCode(() -> low.afterEpoch(1, 2 * chance, softmax(10))).doesNotThrowAnyException();
        assertThatThrownBy(() -> low.afterEpoch(2, 2 * chance + 1e-9, softmax(10)))
                .isInstanceOf(TrainingDiverged.class);

        // no start given (a resumed run): the first epoch's loss is the start
        Divergence resumed = new Divergence("s", "a");
        resumed.afterEpoch(5, 9.0, softmax(10));
        assertThatCode(() -> resumed.afterEpoch(6, 18.0, softmax(10))).doesNotThrowAnyException();
        assertThatThrownBy(() -> resumed.afterEpoch(7, 18.1, softmax(10))).isInstanceOf(TrainingDiverged.class);
    }

    @Test
    void infiniteLossOrWeightsDiverge() {
        assertThatThrownBy(() -> new Divergence("s", "a").afterEpoch(1, Double.POSITIVE_INFINITY, softmax(2)))
                .isInstanceOf(TrainingDiverged.class);
        Network broken = softmax(2);
        broken.weights(0)[0] = Float.NaN;
        assertThatThrownBy(() -> new Divergence("learning rate 9", "lower it").afterEpoch(2, Double.NaN, broken))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessage("training diverged in epoch 2: weights became NaN or infinite, with learning rate 9;"
                        + " lower it");
    }

    @Test
    void lossesWithoutAChanceLevelAreCheckedForFiniteWeightsOnly() {
        Network quadratic = Network.init(
                new int[] {3, 4, 2},
                StandardActivation.SIGMOID,
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                Init.HE,
                new Rng(1));
        Divergence d = new Divergence("s", "a");
        d.afterEpoch(1, 1e6, quadratic);
        assertThatCode(() -> d.afterEpoch(2, 1e9, quadratic)).doesNotThrowAnyException();
    }
}
