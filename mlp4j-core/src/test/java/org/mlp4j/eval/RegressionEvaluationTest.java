package org.mlp4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.RegressionDataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** A regression network's figures over a dataset, against the reference network's outputs by hand. */
class RegressionEvaluationTest {
    @Test
    void figuresAreTheReferenceOutputsInTheTargetsUnits() {
        Rng rng = new Rng(8);
        Network net = Network.init(
                new int[] {3, 5, 2},
                StandardActivation.TANH,
                StandardActivation.IDENTITY,
                StandardCost.QUADRATIC,
                Init.HE,
                rng);
        int n = 2300; // more than two evaluation batches
        float[][] x = new float[n][3];
        float[][] y = new float[n][2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = (float) rng.nextGaussian();
            }
            y[i][0] = (float) (50 + 10 * rng.nextGaussian());
            y[i][1] = (float) (-2 + rng.nextGaussian());
        }
        Standardizer targets = new Standardizer(new float[] {50f, -2f}, new float[] {10f, 1f});
        RegressionDataset data = RegressionDataset.of(x, y).withTargetScaling(targets);
        RegressionMetrics.Fit got;
        try (WorkerPool pool = new WorkerPool(2)) {
            got = Evaluation.regression(net, data, Kernels.best(), pool);
        }
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        RegressionMetrics want = new RegressionMetrics(2);
        for (int i = 0; i < n; i++) {
            double[] z = ref.feedforward(ReferenceNetwork.asDouble(x[i]));
            for (int j = 0; j < 2; j++) {
                want.add(j, targets.unscale(j, z[j]), y[i][j]);
            }
        }
        assertThat(got.rows()).isEqualTo(n);
        assertThat(Evaluation.regression(net, data, 1))
                .as("on one thread, its own pool")
                .isEqualTo(got);
        assertThat(got.rmse()).isCloseTo(want.fit().rmse(), offset(1e-4));
        assertThat(got.mae()).isCloseTo(want.fit().mae(), offset(1e-4));
        assertThat(got.r2()).isCloseTo(want.fit().r2(), offset(1e-6));
    }

    @Test
    void aClassifiersDataOrAnotherShapeIsRefused() {
        Network net = Network.init(
                new int[] {2, 3, 2},
                StandardActivation.RELU,
                StandardActivation.IDENTITY,
                StandardCost.QUADRATIC,
                Init.HE,
                new Rng(1));
        TabularDataset classes = TabularDataset.of(new float[][] {{1, 2}}, new int[] {1}, 2);
        RegressionDataset wide = RegressionDataset.of(new float[][] {{1, 2, 3}}, new float[][] {{1, 2}});
        RegressionDataset tall = RegressionDataset.of(new float[][] {{1, 2}}, new float[][] {{1, 2, 3}});
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThatThrownBy(() -> Evaluation.regression(net, classes, Kernels.best(), pool))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("expected a regression of 2 features and 2 targets for this model, found 2"
                            + " features and classes");
            assertThatThrownBy(() -> Evaluation.regression(net, wide, Kernels.best(), pool))
                    .hasMessageContaining("found 3 features and 2 targets");
            assertThatThrownBy(() -> Evaluation.regression(net, tall, Kernels.best(), pool))
                    .hasMessageContaining("found 2 features and 3 targets");
            RegressionDataset fits = RegressionDataset.of(new float[][] {{1, 2}}, new float[][] {{1, 2}});
            assertThatThrownBy(() -> ConfusionMatrix.of(net, fits, Kernels.best(), pool))
                    .hasMessageContaining("expected classes for a confusion matrix, found regression targets");
        }
    }
}
