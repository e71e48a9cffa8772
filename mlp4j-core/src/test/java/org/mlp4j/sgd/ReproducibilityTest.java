package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.TestData;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.train.TrainingDiverged;

class ReproducibilityTest {
    private static final int[] SIZES = {100, 48, 24, 10};

    private static Network train(long seed, int threads, List<Double> history) {
        TabularDataset data = TestData.dataset(99, 700, SIZES[0], 10, 0.7);
        Rng rng = new Rng(seed);
        Network net = Network.articleInit(SIZES, StandardActivation.SIGMOID, StandardCost.QUADRATIC, rng);
        try (WorkerPool pool = new WorkerPool(threads)) {
            history.addAll(
                    new MinibatchSgd(Kernels.best(), pool).fit(net, data, new TrainingSettings(3, 50, 0.5), rng, null));
        }
        return net;
    }

    @Test
    void sameSeedGivesBitwiseIdenticalWeightsForAnyThreadCount() {
        List<Double> h1 = new ArrayList<>();
        List<Double> h2 = new ArrayList<>();
        List<Double> h3 = new ArrayList<>();
        Network one = train(5, 1, h1);
        Network two = train(5, 2, h2);
        Network three = train(5, 3, h3);
        assertThat(one.sameParameters(two)).isTrue();
        assertThat(one.sameParameters(three)).isTrue();
        assertThat(h1).isEqualTo(h2).isEqualTo(h3).hasSize(3);
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        Network a = train(5, 2, new ArrayList<>());
        Network b = train(6, 2, new ArrayList<>());
        assertThat(a.sameParameters(b)).isFalse();
    }

    @Test
    void divergenceStopsWithTheEpochAndAHint() {
        TabularDataset data = TestData.dataset(1, 300, 20, 4, 0.0);
        Rng rng = new Rng(1);
        Network net =
                Network.articleInit(new int[] {20, 30, 4}, StandardActivation.IDENTITY, StandardCost.QUADRATIC, rng);
        try (WorkerPool pool = new WorkerPool(2)) {
            MinibatchSgd sgd = new MinibatchSgd(Kernels.best(), pool);
            assertThatThrownBy(() -> sgd.fit(net, data, new TrainingSettings(20, 10, 50.0), rng, null))
                    .isInstanceOf(TrainingDiverged.class)
                    .hasMessage("training diverged in epoch 1: weights became NaN or infinite, with learning rate 50.0"
                            + " (lr); try a lower learning rate");
        }
    }

    @Test
    void badSettingsNameTheFlag() {
        assertThatThrownBy(() -> new TrainingSettings(0, 10, 0.1)).hasMessageContaining("epochs:");
        assertThatThrownBy(() -> new TrainingSettings(1, 0, 0.1)).hasMessageContaining("batch-size:");
        assertThatThrownBy(() -> new TrainingSettings(1, 10, -1)).hasMessageContaining("lr:");
        assertThatThrownBy(() -> new TrainingSettings(1, 10, Double.NaN)).hasMessageContaining("lr:");
    }

    @Test
    void articleSemanticsHoldOutTheLastMinibatch() {
        // 101 examples, batch 25: ceil = 5 minibatches, 4 updates, the last (1 example) is only scored.
        TabularDataset data = TestData.dataset(4, 101, 10, 3, 0.2);
        Network net = Network.articleInit(
                new int[] {10, 6, 3}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(9));
        Network before = net.copy();
        assertThat(fitOnOneThread(net, data, new TrainingSettings(4, 25, 0.5)))
                .hasSize(4)
                .allMatch(v -> v == 0.0 || v == 1.0);
        assertThat(net.sameParameters(before)).isFalse();
        // A single minibatch per epoch means no update at all, as in the article's loop.
        Network untouched = before.copy();
        fitOnOneThread(untouched, data, new TrainingSettings(2, 200, 0.5));
        assertThat(untouched.sameParameters(before)).isTrue();
    }

    private static List<Double> fitOnOneThread(Network net, TabularDataset data, TrainingSettings settings) {
        try (WorkerPool pool = new WorkerPool(1)) {
            return new MinibatchSgd(Kernels.best(), pool).fit(net, data, settings, new Rng(10), null);
        }
    }
}
