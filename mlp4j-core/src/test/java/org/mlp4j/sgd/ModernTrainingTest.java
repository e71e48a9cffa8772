package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.sgd.optim.OptimizerSettings;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.TrainingStopped;

/** The modern loop end to end on a learnable synthetic task (the class is the quadrant of a 2-D point, in a 4×4 "image"). */
class ModernTrainingTest {

    /** 16 features: a 4×4 image holding a blob whose position encodes the class. */
    private static TabularDataset quadrants(long seed, int n) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][16];
        float[][] y = new float[n][4];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(4);
            int r0 = (c / 2) * 2;
            int c0 = (c % 2) * 2;
            for (int v = 0; v < 4; v++) {
                for (int u = 0; u < 4; u++) {
                    boolean in = v >= r0 && v < r0 + 2 && u >= c0 && u < c0 + 2;
                    x[i][v * 4 + u] = (float) Math.max(0, (in ? 0.8 : 0.1) + 0.25 * rng.nextGaussian());
                }
            }
            y[i][c] = 1;
        }
        return TabularDataset.of(x, y);
    }

    private static TrainingSettings settings(OptimizerSettings optimizer) {
        return TrainingSettings.of(8, 32, optimizer.kind() == OptimizerSettings.Kind.ADAMW ? 0.01 : 0.1, 400)
                .withOptimizer(optimizer)
                .withSchedule(new Schedule(Schedule.Kind.COSINE, 1, 1, 1))
                .withRegularization(new Regularization(0.1, 0.2, 3));
    }

    @Test
    void everyOptimizerLearnsAndHeldOutValidationIsReported() {
        TabularDataset data = quadrants(1, 2000);
        for (OptimizerSettings o : List.of(
                OptimizerSettings.sgd(),
                OptimizerSettings.momentum(0.9, false),
                OptimizerSettings.momentum(0.9, true),
                OptimizerSettings.adam(0),
                OptimizerSettings.adam(0.05))) {
            Rng rng = new Rng(3);
            Network net = reluNet(rng);
            List<EpochStats> stats = new java.util.ArrayList<>();
            List<Double> history;
            try (WorkerPool pool = new WorkerPool(2)) {
                history = new MinibatchSgd(Kernels.best(), pool).fit(net, data, settings(o), rng, stats::add);
            }
            assertThat(history).hasSize(8);
            assertThat(history.get(7)).as(o.kind().id()).isGreaterThan(0.9);
            assertThat(stats.get(7).trainLoss())
                    .as(o.kind().id())
                    .isLessThan(stats.get(0).trainLoss());
            assertThat(stats.get(7).validationLoss()).isFinite();
        }
    }

    @Test
    void modernRunsAreIdenticalForAnyThreadCount() {
        TabularDataset data = quadrants(2, 1000);
        Network[] nets = new Network[2];
        for (int t = 1; t <= 2; t++) {
            Network net = Network.init(
                    new int[] {16, 40, 36, 4},
                    StandardActivation.GELU,
                    StandardActivation.SOFTMAX,
                    StandardCost.CROSS_ENTROPY,
                    Init.GLOROT,
                    new Rng(5));
            try (WorkerPool pool = new WorkerPool(t)) {
                new MinibatchSgd(Kernels.best(), pool)
                        .fit(
                                net,
                                data,
                                settings(OptimizerSettings.adam(0.01))
                                        .withAugmentation(new Augmentation(4, 1, 10, 0.1, 0.2)),
                                new Rng(9),
                                null);
            }
            nets[t - 1] = net;
        }
        assertThat(nets[0].sameParameters(nets[1])).isTrue();
    }

    @Test
    void earlyStoppingStopsAndKeepsTheBestEpoch() {
        TabularDataset data = quadrants(3, 600);
        // on 400 training examples validation accuracy stops improving long before 40 epochs
        Network net = reluNet(new Rng(1));
        List<Double> history;
        try (WorkerPool pool = new WorkerPool(1)) {
            history = new MinibatchSgd(Kernels.best(), pool)
                    .fit(
                            net,
                            data,
                            TrainingSettings.of(40, 16, 0.05, 200)
                                    .withOptimizer(OptimizerSettings.momentum(0.9, false))
                                    .withPatience(3),
                            new Rng(2),
                            null);
        }
        assertThat(history.size()).isLessThan(40);
        double best = history.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        int bestEpoch = history.indexOf(best);
        assertThat(history.size() - 1 - bestEpoch).isEqualTo(3); // stopped three epochs after the best
        // the restored network scores the best epoch's validation accuracy again
        assertThat(org.mlp4j.eval.Evaluation.accuracy(net, data.slice(400, 600), 1))
                .isEqualTo(best);
    }

    /**
     * A run stopped mid-epoch and resumed from what the checkpointer saved (parameters, position, the
     * optimizer's moments, early stopping's best weights) ends with the bits of an uninterrupted run.
     */
    @Test
    void resumedRunsEndBitForBitLikeUninterruptedOnes() {
        TabularDataset data = quadrants(4, 800);
        TrainingSettings settings = TrainingSettings.of(12, 32, 0.005, 300)
                .withOptimizer(OptimizerSettings.adam(0.01))
                .withRegularization(new Regularization(0.1, 0.2, 0))
                .withPatience(4)
                .withAugmentation(new Augmentation(4, 1, 10, 0.1, 0.2));
        Network start = Network.init(
                new int[] {16, 24, 4},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(6));
        Network uninterrupted = start.copy();
        try (WorkerPool pool = new WorkerPool(2)) {
            new MinibatchSgd(Kernels.best(), pool).fit(uninterrupted, data, settings, new Rng(7), null);
        }
        for (int stopAfter : new int[] {5, 37, 70}) {
            Network interrupted = start.copy();
            Checkpointer.Position[] saved = new Checkpointer.Position[1];
            Network[] savedNet = new Network[1];
            Checkpointer recorder = new Checkpointer() {
                int batches;

                @Override
                public void save(Position p) {
                    java.util.Map<String, float[]> copy = new java.util.LinkedHashMap<>();
                    p.state().forEach((k, v) -> copy.put(k, v.clone()));
                    saved[0] = new Position(p.epoch(), p.batch(), p.epochStart(), p.step(), copy);
                    savedNet[0] = interrupted.copy();
                }

                @Override
                public boolean stopRequested() {
                    return ++batches == stopAfter;
                }
            };
            try (WorkerPool pool = new WorkerPool(1)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MinibatchSgd(Kernels.best(), pool)
                                .fit(
                                        interrupted,
                                        data,
                                        settings,
                                        new Rng(7),
                                        null,
                                        recorder,
                                        Checkpointer.Position.start(new Rng(7))))
                        .isInstanceOf(TrainingStopped.class);
                Network resumed = savedNet[0];
                new MinibatchSgd(Kernels.best(), pool)
                        .fit(resumed, data, settings, new Rng(7), null, Checkpointer.NONE, saved[0]);
                assertThat(resumed.sameParameters(uninterrupted))
                        .as("stopped after %d minibatches", stopAfter)
                        .isTrue();
            }
        }
    }

    /** A 16-32-4 ReLU network with softmax and cross-entropy, He's initialisation drawn from {@code rng}. */
    private static Network reluNet(Rng rng) {
        return Network.init(
                new int[] {16, 32, 4},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                rng);
    }
}
