package org.mlp4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The evaluation metrics against values computed by hand: a wrong metric is a silent wrong answer. */
class MetricsTest {
    /**
     * true\predicted: class 0: 3 right, 1 called 1; class 1: 2 right, 2 called 0; class 2: 1 called 1, 0 right.
     */
    static ConfusionMatrix matrix() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        for (int i = 0; i < 3; i++) {
            m.add(0, 0);
        }
        m.add(0, 1);
        m.add(1, 1);
        m.add(1, 1);
        m.add(1, 0);
        m.add(1, 0);
        m.add(2, 1);
        return m;
    }

    @Test
    void countsAccuracyPrecisionRecallAndF1ByHand() {
        ConfusionMatrix m = matrix();
        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.total()).isEqualTo(9);
        assertThat(m.count(1, 0)).isEqualTo(2);
        assertThat(m.count(2, 2)).isZero();
        assertThat(m.accuracy()).isEqualTo(5.0 / 9);
        // class 0: predicted 0 five times (3 right), actually 0 four times
        assertThat(m.precision(0)).isEqualTo(3.0 / 5);
        assertThat(m.recall(0)).isEqualTo(3.0 / 4);
        assertThat(m.f1(0)).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-15));
        // class 1: predicted 1 four times (2 right), actually 1 four times
        assertThat(m.precision(1)).isEqualTo(0.5);
        assertThat(m.recall(1)).isEqualTo(0.5);
        assertThat(m.f1(1)).isEqualTo(0.5);
        // class 2: never predicted, never right: 0, not NaN
        assertThat(m.precision(2)).isZero();
        assertThat(m.recall(2)).isZero();
        assertThat(m.f1(2)).isZero();
        ConfusionMatrix empty = new ConfusionMatrix(2);
        assertThat(empty.accuracy()).isZero();
        assertThat(empty.total()).isZero();
    }

    @Test
    void theReportPrintsEveryFigureInItsColumn() {
        String nl = System.lineSeparator();
        String report = matrix().report(List.of("ant", "bee", "a-long-name"));
        assertThat(report)
                .isEqualTo("accuracy 0.5556 (9 examples)" + nl + nl
                        + "class        precision    recall        f1   support" + nl
                        + "ant             0.6000    0.7500    0.6667         4" + nl
                        + "bee             0.5000    0.5000    0.5000         4" + nl
                        + "a-long-name     0.0000    0.0000    0.0000         1" + nl
                        + nl
                        + "confusion matrix (rows: true class, columns: predicted class number)" + nl
                        + "                  0      1      2" + nl
                        + "ant               3      1      0" + nl
                        + "bee               2      2      0" + nl
                        + "a-long-name       0      1      0" + nl);
        String narrow = matrix().report(List.of("a", "b", "c"));
        assertThat(narrow.lines().toList().get(2)).isEqualTo("class    precision    recall        f1   support");
    }

    @Test
    void accuracyCountsTheRowsWhoseArgmaxIsTheLabel() {
        float[] outputs = {
            0.1f, 0.7f, 0.2f, // 1
            0.5f, 0.5f, 0.0f, // a tie: the first, 0
            0.0f, 0.1f, 0.9f, // 2
            0.3f, 0.3f, 0.4f // 2
        };
        int[] labels = {1, 0, 2, 0};
        assertThat(Evaluation.correct(outputs, labels, 4, 3)).isEqualTo(3);
        assertThat(Evaluation.accuracy(outputs, labels, 4, 3)).isEqualTo(0.75);
        assertThat(Evaluation.correct(outputs, labels, 1, 3))
                .as("only the first n rows")
                .isEqualTo(1);
        assertThat(Evaluation.argmax(new float[] {1, 3, 3, 2}, 0, 4))
                .as("ties go to the first")
                .isEqualTo(1);
        assertThat(Evaluation.argmax(new float[] {9, 1, 3, 2}, 1, 3))
                .as("an offset row")
                .isEqualTo(1);
        assertThat(Evaluation.accuracy(
                        new float[][] {{0, 1}, {1, 0}, {1, 0}},
                        new float[][] {{0.2f, 0.8f}, {0.3f, 0.7f}, {0.9f, 0.1f}}))
                .isEqualTo(2.0 / 3);
    }

    @Test
    void theMatrixOfANetworkCountsEveryExampleInBatches() {
        Network net = Network.init(
                new int[] {2, 4, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(4));
        Rng rng = new Rng(5);
        int n = 2 * Evaluation.EVAL_BATCH + 7; // three batches, the last short
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) rng.nextGaussian();
            x[i][1] = (float) rng.nextGaussian();
            y[i] = i % 2;
        }
        TabularDataset data = TabularDataset.of(x, y, 2);
        try (WorkerPool pool = new WorkerPool(1)) {
            ConfusionMatrix m = ConfusionMatrix.of(net, data, Kernels.best(), pool);
            assertThat(m.total()).isEqualTo(n);
            int right = 0;
            for (int i = 0; i < n; i++) {
                float[] out = org.mlp4j.engine.Inference.outputs(net, new float[][] {x[i]}, Kernels.best(), pool)[0];
                int predicted = Evaluation.argmax(out, 0, 2);
                if (predicted == y[i]) {
                    right++;
                }
                assertThat(m.count(y[i], predicted)).isPositive();
            }
            assertThat(m.accuracy()).isEqualTo((double) right / n);
            assertThat(Evaluation.accuracy(net, data, pool.threads())).isEqualTo((double) right / n);
            long predictedZero = 0;
            for (int i = 0; i < n; i++) {
                float[] out = org.mlp4j.engine.Inference.outputs(net, new float[][] {x[i]}, Kernels.best(), pool)[0];
                predictedZero += Evaluation.argmax(out, 0, 2) == 0 ? 1 : 0;
            }
            assertThat(m.count(0, 0) + m.count(1, 0)).isEqualTo(predictedZero);
        }
    }
}
