package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/**
 * Examples with weights (MLlib's weightCol): a minibatch's gradient is Σ w·∇ / Σ w. Checked against two
 * oracles: an example of weight 2 is the example twice, and the per-example reference path in double.
 */
class WeightedTrainingTest {
    private static final int FEATURES = 5;

    private static float[][] inputs(int n, long seed) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][FEATURES];
        for (float[] row : x) {
            for (int k = 0; k < FEATURES; k++) {
                row[k] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    private static Network train(Network start, Dataset data, TrainingSettings settings) {
        Network net = start.copy();
        try (WorkerPool pool = new WorkerPool(1)) {
            new MinibatchSgd(Kernels.best(), pool).fit(net, data, settings, new Rng(7), null);
        }
        return net;
    }

    private static double largestDifference(Network a, Network b) {
        double worst = 0;
        for (int l = 0; l < a.layerCount(); l++) {
            for (float[][] pair : new float[][][] {{a.weights(l), b.weights(l)}, {a.biases(l), b.biases(l)}}) {
                for (int i = 0; i < pair[0].length; i++) {
                    worst = Math.max(worst, Math.abs(pair[0][i] - pair[1][i]));
                }
            }
        }
        return worst;
    }

    @Test
    void anExampleOfWeightTwoCountsAsTheExampleTwice() {
        int n = 6;
        float[][] x = inputs(n, 1);
        int[] y = {0, 1, 2, 0, 1, 2};
        float[][] twice = new float[n + 1][];
        int[] twiceY = new int[n + 1];
        for (int i = 0; i < n; i++) {
            twice[i] = x[i];
            twiceY[i] = y[i];
        }
        twice[n] = x[0];
        twiceY[n] = y[0];
        float[] w = {2, 1, 1, 1, 1, 1};
        Network start = Network.articleInit(
                new int[] {FEATURES, 8, 3}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(3));
        // one full-batch step each: the weighted mean gradient against the plain mean over 7 examples
        Network weighted = train(start, TabularDataset.of(x, y, 3).withWeights(w), TrainingSettings.of(1, n, 3.0, 0));
        Network duplicated = train(start, TabularDataset.of(twice, twiceY, 3), TrainingSettings.of(1, n + 1, 3.0, 0));
        Network plain = train(start, TabularDataset.of(x, y, 3), TrainingSettings.of(1, n, 3.0, 0));
        assertThat(largestDifference(weighted, duplicated))
                .as("weight 2 = twice")
                .isLessThan(1e-6);
        assertThat(largestDifference(plain, duplicated))
                .as("the weight changed the step")
                .isGreaterThan(1e-4);
    }

    @Test
    void theBatchedEngineAgreesWithTheReferencePathOnWeightedMinibatches() {
        int n = 40;
        float[][] x = inputs(n, 2);
        int[] y = new int[n];
        float[] w = new float[n];
        Rng rng = new Rng(9);
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            w[i] = (float) (3 * rng.nextDouble());
        }
        w[5] = 0; // an example that does not count
        Dataset data = TabularDataset.of(x, y, 3).withWeights(w);
        Network start = Network.articleInit(
                new int[] {FEATURES, 8, 3}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(4));
        Network batched = train(start, data, new TrainingSettings(3, 4, 1.0, GradientPath.BATCHED));
        Network reference = train(start, data, new TrainingSettings(3, 4, 1.0, GradientPath.REFERENCE));
        assertThat(largestDifference(batched, reference)).isLessThan(1e-5);
        Network unweighted =
                train(start, TabularDataset.of(x, y, 3), new TrainingSettings(3, 4, 1.0, GradientPath.BATCHED));
        assertThat(largestDifference(batched, unweighted))
                .as("the weights changed the training")
                .isGreaterThan(1e-3);
    }

    @Test
    void aBatchsWeightsAverageOne() {
        Dataset data =
                TabularDataset.of(inputs(4, 3), new int[] {0, 1, 0, 1}, 2).withWeights(new float[] {2, 1, 1, 0});
        Batch b = new Batch(4, FEATURES, 2);
        b.assign(data, null, 0, 3);
        assertThat(b.weights()).startsWith(1.5f, 0.75f, 0.75f);
        b.assign(data, new int[] {3, 3}, 0, 2);
        assertThat(b.weights()).as("a batch of weight 0: no step").startsWith(0f, 0f);
        b.assign(TabularDataset.of(inputs(4, 3), new int[] {0, 1, 0, 1}, 2), null, 0, 4);
        assertThat(b.weights()).as("unweighted").isNull();
        assertThat(data.slice(1, 3).weight(0)).as("a slice keeps its weights").isEqualTo(1f);
        assertThat(data.slice(1, 3).weighted()).isTrue();
        Dataset targets = org.mlp4j.data.RegressionDataset.of(inputs(4, 5), new float[][] {{1}, {2}, {3}, {4}})
                .withWeights(new float[] {1, 2, 1, 2});
        assertThat(targets.targetNames())
                .as("a weighted regression keeps its names")
                .containsExactly("y0");
        assertThat(targets.slice(0, 2).targetNames()).containsExactly("y0");
        assertThat(targets.regression()).isTrue();
    }

    @Test
    void badWeightsAreRefusedNamingTheFirst() {
        Dataset data = TabularDataset.of(inputs(3, 4), new int[] {0, 1, 0}, 2);
        assertThatThrownBy(() -> data.withWeights(new float[] {1, 2}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("weights: expected one per example (3), found 2");
        assertThatThrownBy(() -> data.withWeights(new float[] {1, -1, 1}))
                .hasMessage("weights[1]: expected a finite number, 0 or more, found -1.0");
        assertThatThrownBy(() -> data.withWeights(new float[] {1, 1, Float.NaN}))
                .hasMessage("weights[2]: expected a finite number, 0 or more, found NaN");
        assertThatThrownBy(() -> data.withWeights(new float[] {Float.POSITIVE_INFINITY, 1, 1}))
                .hasMessage("weights[0]: expected a finite number, 0 or more, found Infinity");
        assertThatThrownBy(() -> data.withWeights(new float[] {0, 0, 0}))
                .hasMessage("weights: expected some above 0, found all 3 0");
    }
}
