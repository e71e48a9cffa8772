package org.mlp4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.TestData;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.BatchedBackprop;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.sgd.Regularization;
import org.mlp4j.sgd.optim.Optimizer;
import org.mlp4j.sgd.optim.OptimizerSettings;

/**
 * What {@code mlp4j bench} times is the engine's steps and nothing else: an epoch through the timer leaves
 * the network bit for bit where the same steps taken by hand leave it.
 */
class EpochTimerTest {
    static final int[] SIZES = {30, 24, 5};
    static final int N = 70; // batches of 16: four full and a last one of 6

    private static Network start() {
        return Network.articleInit(SIZES, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(3));
    }

    private static void assertSameBits(Network a, Network b) {
        for (int l = 0; l < a.layerCount(); l++) {
            assertThat(a.weights(l)).containsExactly(b.weights(l));
            assertThat(a.biases(l)).containsExactly(b.biases(l));
        }
    }

    @Test
    void anArticleEpochTakesTheEngineStepsOverTheWholeOrder() {
        TabularDataset data = TestData.dataset(5, N, SIZES[0], SIZES[2], 0.5);
        int[] order = new Rng(9).permutation(N);
        Network timed = start();
        Network byHand = start();
        try (WorkerPool pool = new WorkerPool(2)) {
            double s;
            try (EpochTimer timer = new EpochTimer(timed, data, 16, 2, false)) {
                s = timer.epoch(order, 0.5f);
            }
            assertThat(s).isPositive();
            BatchedBackprop engine = new BatchedBackprop(byHand, 16, Kernels.best(), pool);
            Batch batch = new Batch(16, SIZES[0], SIZES[2]);
            for (int from = 0; from < N; from += 16) {
                batch.assign(data, order, from, Math.min(N, from + 16));
                engine.step(batch, 0.5f);
            }
        }
        assertSameBits(timed, byHand);
        assertThat(timed.weights(0)).isNotEqualTo(start().weights(0));
    }

    @Test
    void aPlansEpochsTakeItsUpdateRuleAndDropoutAndNumberTheirStepsOnAcrossEpochs() {
        TabularDataset data = TestData.dataset(6, N, SIZES[0], SIZES[2], 0.3);
        TrainingPlan plan = Recipe.named("default")
                .with("layers", "30,24,5")
                .with("batch-size", 16)
                .with("lr", 0.1)
                .with("dropout", 0.5)
                .with("input-dropout", 0.2)
                .with("validation-split", 0)
                .plan(N, 0);
        var settings = plan.settings();
        Network timed = start();
        Network byHand = start();
        try (WorkerPool pool = new WorkerPool(1);
                EpochTimer timer = new EpochTimer(plan, timed, data, 1, true)) {
            assertThat(timer.kernels()).isEqualTo(Kernels.scalar().name());
            BatchedBackprop engine = new BatchedBackprop(byHand, 16, Kernels.scalar(), pool);
            Regularization r = settings.regularization();
            engine.regularize(r.inputDropout(), r.hiddenDropout(), r.maxNorm(), 1);
            Optimizer optByHand = new Optimizer(settings.optimizer(), byHand);
            assertThat(settings.optimizer().kind()).isEqualTo(OptimizerSettings.Kind.NESTEROV);
            Batch batch = new Batch(16, SIZES[0], SIZES[2]);
            optByHand.learningRate(0.1);
            long step = 0;
            for (int e = 0; e < 2; e++) {
                int[] order = new Rng(e).permutation(N);
                timer.epoch(order);
                for (int from = 0; from < N; from += 16) {
                    batch.assign(data, order, from, Math.min(N, from + 16));
                    engine.step(batch, optByHand, step++);
                }
            }
        }
        assertSameBits(timed, byHand);
        assertThat(timed.weights(0)).isNotEqualTo(start().weights(0));
    }
}
