package org.mlp4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** Issue 24, item 16: labels a model cannot predict are refused, not scored as mistakes in silence. */
class EvaluationGuardsTest {
    static final Network NET = Network.init(
            new int[] {2, 3, 3},
            StandardActivation.RELU,
            StandardActivation.SOFTMAX,
            StandardCost.CROSS_ENTROPY,
            Init.HE,
            new Rng(2));

    @Test
    void aTestSetWithMoreClassesThanOutputsIsRefused() {
        TabularDataset five = TabularDataset.of(new float[][] {{0, 1}, {1, 0}, {1, 1}}, new int[] {0, 4, 2}, 5);
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThatThrownBy(() -> Evaluation.accuracy(NET, five, pool.threads()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageEndingWith(
                            "expected 2 features and 3 classes for this model, found 2 features and 5 classes");
            TabularDataset three = TabularDataset.of(new float[][] {{0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 2}, 3);
            double a = Evaluation.accuracy(NET, three, pool.threads());
            assertThat(a).isBetween(0.0, 1.0);
            assertThat(ConfusionMatrix.of(NET, three, Kernels.best(), pool).total())
                    .isEqualTo(3);
        }
    }

    @Test
    void theArticlesAccuracyRefusesRowsOfDifferentWidths() {
        assertThatThrownBy(() -> Evaluation.accuracy(new float[][] {{0, 0, 0, 1}}, new float[][] {{0.2f, 0.5f, 0.3f}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y and pred: expected rows of the same width, found 4 and 3 at row 0");
        assertThat(Evaluation.accuracy(new float[][] {{0, 1}}, new float[][] {{0.2f, 0.8f}}))
                .isEqualTo(1.0);
    }
}
