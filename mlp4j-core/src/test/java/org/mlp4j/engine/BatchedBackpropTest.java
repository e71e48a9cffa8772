package org.mlp4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.TestData;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The fast batched path against the plain per-example reference path. */
class BatchedBackpropTest {

    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of(new int[] {20, 40, 10}, StandardActivation.SIGMOID, 0.8, 16),
                Arguments.of(new int[] {37, 70, 33, 5}, StandardActivation.TANH, 0.0, 9),
                Arguments.of(new int[] {64, 100, 3}, StandardActivation.RELU, 0.6, 13),
                Arguments.of(new int[] {17, 64, 40}, StandardActivation.IDENTITY, 0.3, 7),
                Arguments.of(new int[] {784, 96, 10}, StandardActivation.SIGMOID, 0.81, 32),
                // wide, narrow, wide, narrow: equation (2) per example chunk, then for the whole batch
                Arguments.of(new int[] {30, 70, 12, 40, 5}, StandardActivation.TANH, 0.5, 10),
                Arguments.of(new int[] {50, 64, 80, 10}, StandardActivation.RELU, 0.5, 70));
    }

    @ParameterizedTest(name = "{0} {1} zeros={2} batch={3}")
    @MethodSource("nets")
    void oneStepMatchesTheReferenceUpdate(int[] sizes, StandardActivation act, double zeros, int n) {
        Network start = Network.articleInit(sizes, act, StandardCost.QUADRATIC, new Rng(11));
        TabularDataset data = TestData.dataset(5, n, sizes[0], sizes[sizes.length - 1], zeros);
        float lr = 0.3f;

        Network reference = start.copy();
        float[][] xs = new float[n][];
        float[][] ys = new float[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = data.features(i);
            ys[i] = data.oneHot(i);
        }
        ReferenceNetwork.updateParams(reference, xs, ys, lr);

        for (Kernels kernels : List.of(Kernels.best(), Kernels.scalar())) {
            Network batched = start.copy();
            Batch batch = new Batch(n, sizes[0], sizes[sizes.length - 1]);
            batch.fillRange(data, 0, n);
            try (WorkerPool pool = new WorkerPool(2)) {
                new BatchedBackprop(batched, n, kernels, pool).step(batch, lr);
            }
            for (int l = 0; l < start.layerCount(); l++) {
                assertClose(batched.weights(l), reference.weights(l), start.weights(l), kernels.name() + " W" + l);
                assertClose(batched.biases(l), reference.biases(l), start.biases(l), kernels.name() + " b" + l);
            }
        }
    }

    /** Compares the updates (new − old) with a tolerance relative to the update's size. */
    private static void assertClose(float[] got, float[] want, float[] before, String what) {
        double maxUpdate = 0;
        for (int i = 0; i < want.length; i++) {
            maxUpdate = Math.max(maxUpdate, Math.abs(want[i] - before[i]));
        }
        assertThat(maxUpdate).as(what + " moves").isGreaterThan(0);
        for (int i = 0; i < want.length; i++) {
            double tol = 1e-4 * maxUpdate + 2e-6 * Math.abs(before[i]) + 1e-7;
            assertThat((double) got[i])
                    .as("%s[%d]", what, i)
                    .isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    @Test
    void forwardMatchesTheReferenceFeedforward() {
        int[] sizes = {50, 30, 20, 10};
        Network net = Network.articleInit(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(2));
        TabularDataset data = TestData.dataset(3, 12, 50, 10, 0.5);
        Batch batch = new Batch(12, 50, 10);
        batch.fillRange(data, 0, 12);
        try (WorkerPool pool = new WorkerPool(2)) {
            BatchedBackprop engine = new BatchedBackprop(net, 12, Kernels.best(), pool);
            engine.forward(batch);
            ReferenceNetwork ref = ReferenceNetwork.of(net);
            for (int i = 0; i < 12; i++) {
                double[] want = ref.feedforward(ReferenceNetwork.asDouble(data.features(i)));
                for (int j = 0; j < 10; j++) {
                    assertThat((double) engine.outputs()[i * 10 + j])
                            .isCloseTo(want[j], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    /** Skipping zero inputs changes the work, not the arithmetic: identical bits. */
    @Test
    void skippingZerosGivesIdenticalBits() {
        int[] sizes = {200, 64, 10};
        Network start = Network.articleInit(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(4));
        TabularDataset data = TestData.dataset(8, 24, 200, 10, 0.8);
        Network skipping = start.copy();
        Network dense = start.copy();
        Batch batch = new Batch(24, 200, 10);
        batch.fillRange(data, 0, 24);
        try (WorkerPool pool = new WorkerPool(2)) {
            new BatchedBackprop(skipping, 24, Kernels.best(), pool).step(batch, 0.5f);
            BatchedBackprop d = new BatchedBackprop(dense, 24, Kernels.best(), pool);
            d.skipZeroInputs(false);
            d.step(batch, 0.5f);
        }
        assertThat(skipping.sameParameters(dense)).isTrue();
    }

    static Stream<Arguments> modernNets() {
        return Stream.of(
                Arguments.of(
                        new int[] {30, 48, 10},
                        StandardActivation.RELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        0.0,
                        0.0,
                        16),
                Arguments.of(
                        new int[] {40, 64, 36, 10},
                        StandardActivation.LEAKY_RELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        0.2,
                        0.5,
                        11),
                Arguments.of(
                        new int[] {25, 40, 33, 6},
                        StandardActivation.GELU,
                        StandardActivation.SIGMOID,
                        StandardCost.BINARY_CROSS_ENTROPY,
                        0.0,
                        0.3,
                        9),
                Arguments.of(
                        new int[] {20, 35, 4},
                        StandardActivation.SIGMOID,
                        StandardActivation.SOFTMAX,
                        StandardCost.QUADRATIC,
                        0.1,
                        0.1,
                        8),
                Arguments.of(
                        new int[] {30, 70, 12, 40, 5},
                        StandardActivation.RELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        0.2,
                        0.5,
                        13),
                Arguments.of(
                        new int[] {784, 64, 40, 10},
                        StandardActivation.TANH,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        0.2,
                        0.5,
                        24));
    }

    /**
     * The optimizer path's gradient, with dropout, equals the reference backprop's gradient averaged over
     * the batch with the same masks; and the parameters move by −lr · gradient under plain SGD.
     */
    @ParameterizedTest(name = "{0} {1}/{2}/{3} dropout {4}/{5}")
    @MethodSource("modernNets")
    void gradientWithDropoutMatchesTheReference(
            int[] sizes,
            StandardActivation hidden,
            StandardActivation output,
            StandardCost cost,
            double inputDropout,
            double hiddenDropout,
            int n) {
        Network start = Network.init(sizes, hidden, output, cost, org.mlp4j.model.Init.HE, new Rng(12));
        int classes = sizes[sizes.length - 1];
        TabularDataset data = TestData.dataset(6, n, sizes[0], classes, 0.5);
        for (Kernels kernels : List.of(Kernels.best(), Kernels.scalar())) {
            Network net = start.copy();
            Batch batch = new Batch(n, sizes[0], classes);
            batch.fillRange(data, 0, n);
            float lr = 0.05f;
            var sgd = new org.mlp4j.sgd.optim.OptimizerSettings(
                    org.mlp4j.sgd.optim.OptimizerSettings.Kind.SGD,
                    0,
                    0.9,
                    0.999,
                    1e-8,
                    0,
                    0,
                    1e9); // a huge clip norm: the two-phase path, never clipping
            try (WorkerPool pool = new WorkerPool(2)) {
                BatchedBackprop engine = new BatchedBackprop(net, n, kernels, pool);
                engine.regularize(inputDropout, hiddenDropout, 0, 99);
                var opt = new org.mlp4j.sgd.optim.Optimizer(sgd, net);
                opt.learningRate(lr);
                engine.step(batch, opt, 7);
                ReferenceNetwork ref = ReferenceNetwork.of(start);
                org.mlp4j.model.Gradients want = org.mlp4j.model.Gradients.zerosLike(sizes);
                for (int i = 0; i < n; i++) {
                    double[][] masks = new double[sizes.length - 1][];
                    for (int l = 0; l < masks.length; l++) {
                        boolean dropped = l == 0 ? inputDropout > 0 : hiddenDropout > 0;
                        if (dropped) {
                            masks[l] = new double[sizes[l]];
                            for (int k = 0; k < sizes[l]; k++) {
                                masks[l][k] = engine.dropoutMask(l)[i * sizes[l] + k];
                            }
                        }
                    }
                    want.add(ref.trace(
                                    ReferenceNetwork.asDouble(data.features(i)),
                                    ReferenceNetwork.asDouble(data.oneHot(i)),
                                    masks)
                            .gradients());
                }
                want.scale(1.0 / n);
                for (int l = 0; l < sizes.length - 1; l++) {
                    assertGradient(engine.gradients().w[l], want.weights(l), kernels.name() + " dW" + l);
                    assertGradient(engine.gradients().b[l], want.biases(l), kernels.name() + " db" + l);
                    for (int p = 0; p < start.weights(l).length; p += 7) {
                        assertThat((double) net.weights(l)[p])
                                .isCloseTo(
                                        start.weights(l)[p] - lr * want.weights(l)[p],
                                        org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
                if (hiddenDropout > 0) {
                    float[] m = engine.dropoutMask(1);
                    long zeros = 0;
                    for (int p = 0; p < n * sizes[1]; p++) {
                        assertThat(m[p]).isIn(0f, (float) (1 / (1 - hiddenDropout)));
                        zeros += m[p] == 0f ? 1 : 0;
                    }
                    assertThat((double) zeros / (n * sizes[1]))
                            .isCloseTo(hiddenDropout, org.assertj.core.data.Offset.offset(0.12));
                }
            }
        }
    }

    /**
     * The masks drop the requested share of units: over 64 × 512 hidden units the share dropped is within
     * 0.012 of p (about seven standard deviations of a binomial share at p = 0.5, so a correct mask cannot
     * fail it, while a mask that never drops, or drops half at p = 0.1, cannot pass).
     */
    @ParameterizedTest(name = "dropout {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0.1, 0.25, 0.5})
    void dropoutDropsTheRequestedShareOfUnits(double p) {
        int[] sizes = {32, 512, 10};
        int n = 64;
        Network net = Network.init(
                sizes,
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                org.mlp4j.model.Init.HE,
                new Rng(3));
        TabularDataset data = TestData.dataset(4, n, sizes[0], 10, 0.5);
        Batch batch = new Batch(n, sizes[0], 10);
        batch.fillRange(data, 0, n);
        try (WorkerPool pool = new WorkerPool(2)) {
            BatchedBackprop engine = new BatchedBackprop(net, n, Kernels.best(), pool);
            engine.regularize(0, p, 0, 5);
            var opt = new org.mlp4j.sgd.optim.Optimizer(
                    org.mlp4j.sgd.optim.OptimizerSettings.sgd().withClipNorm(1e9), net);
            opt.learningRate(0.01f);
            engine.step(batch, opt, 1);
            float[] m = engine.dropoutMask(1);
            long zeros = 0;
            for (int i = 0; i < n * sizes[1]; i++) {
                zeros += m[i] == 0f ? 1 : 0;
            }
            assertThat((double) zeros / (n * sizes[1]))
                    .as("share of hidden units dropped at p = " + p)
                    .isCloseTo(p, org.assertj.core.data.Offset.offset(0.012));
        }
    }

    private static void assertGradient(float[] got, double[] want, String what) {
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertThat(scale).as(what + " is not all zero").isGreaterThan(0);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i])
                    .as("%s[%d]", what, i)
                    .isCloseTo(want[i], org.assertj.core.data.Offset.offset(2e-5 * scale + 1e-7));
        }
    }

    /** Dropout is off at inference: forward() after a dropout step uses every unit. */
    @Test
    void dropoutIsOffAtInference() {
        int[] sizes = {20, 30, 5};
        Network net = reluSoftmax(sizes, 1);
        TabularDataset data = TestData.dataset(2, 6, 20, 5, 0.0);
        Batch batch = filled(data, 6, 20, 5);
        try (WorkerPool pool = new WorkerPool(1)) {
            BatchedBackprop engine = new BatchedBackprop(net, 6, Kernels.best(), pool);
            engine.regularize(0.5, 0.5, 0, 3);
            engine.forward(batch);
            ReferenceNetwork ref = ReferenceNetwork.of(net);
            for (int i = 0; i < 6; i++) {
                double[] want = ref.feedforward(ReferenceNetwork.asDouble(data.features(i)));
                for (int j = 0; j < 5; j++) {
                    assertThat((double) engine.outputs()[i * 5 + j])
                            .isCloseTo(want[j], org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    /**
     * The engine keeps the transposed copies of deep layers up to date during its updates (and max-norm):
     * three steps with one engine give the same bits as three engines that each transpose afresh.
     */
    @ParameterizedTest(name = "clip={0} maxNorm={1}")
    @org.junit.jupiter.params.provider.CsvSource({"0,0", "0,0.5", "1e9,0", "1e9,0.5"})
    void keptTransposesEqualFreshOnes(double clip, double maxNorm) {
        int[] sizes = {30, 40, 36, 33, 10};
        Network start = Network.init(
                sizes,
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                org.mlp4j.model.Init.HE,
                new Rng(8));
        TabularDataset data = TestData.dataset(4, 16, 30, 10, 0.3);
        Batch batch = new Batch(16, 30, 10);
        batch.fillRange(data, 0, 16);
        var settings = new org.mlp4j.sgd.optim.OptimizerSettings(
                org.mlp4j.sgd.optim.OptimizerSettings.Kind.MOMENTUM, 0.9, 0.9, 0.999, 1e-8, 0, 0, clip);
        Network kept = start.copy();
        Network fresh = start.copy();
        try (WorkerPool pool = new WorkerPool(2)) {
            BatchedBackprop engine = new BatchedBackprop(kept, 16, Kernels.best(), pool);
            engine.regularize(0, 0, maxNorm, 1);
            var keptOpt = new org.mlp4j.sgd.optim.Optimizer(settings, kept);
            var freshOpt = new org.mlp4j.sgd.optim.Optimizer(settings, fresh);
            keptOpt.learningRate(0.1f);
            freshOpt.learningRate(0.1f);
            for (int step = 0; step < 3; step++) {
                engine.step(batch, keptOpt, step);
                BatchedBackprop once = new BatchedBackprop(fresh, 16, Kernels.best(), pool);
                once.regularize(0, 0, maxNorm, 1);
                once.step(batch, freshOpt, step);
            }
        }
        assertThat(kept.sameParameters(fresh)).isTrue();
        assertThat(kept.sameParameters(start)).isFalse();
    }

    @Test
    void clippingThroughTheEngineScalesTheWholeStepToTheNorm() {
        int[] sizes = {12, 9, 3};
        Network start = reluSoftmax(sizes, 5);
        Batch batch = filled(TestData.dataset(2, 8, 12, 3, 0.5), 8, 12, 3);
        float lr = 0.5f;
        Network free = step(start, batch, lr, 0);
        double norm = 0; // the gradient's global norm, from the unclipped plain-SGD step: g = (before - after) / lr
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < start.weights(l).length; i++) {
                double g = (start.weights(l)[i] - free.weights(l)[i]) / lr;
                norm += g * g;
            }
            for (int i = 0; i < start.biases(l).length; i++) {
                double g = (start.biases(l)[i] - free.biases(l)[i]) / lr;
                norm += g * g;
            }
        }
        norm = Math.sqrt(norm);
        double limit = norm / 4;
        Network clipped = step(start, batch, lr, limit);
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < start.weights(l).length; i++) {
                double want = (start.weights(l)[i] - free.weights(l)[i]) / 4;
                assertThat((double) start.weights(l)[i] - clipped.weights(l)[i])
                        .as("layer %d weight %d", l, i)
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 + 1e-3 * Math.abs(want)));
            }
        }
    }

    /** One plain-SGD step of the engine with the given clip norm (0: off). */
    private static Network step(Network start, Batch batch, float lr, double clip) {
        Network net = start.copy();
        var sgd = new org.mlp4j.sgd.optim.OptimizerSettings(
                org.mlp4j.sgd.optim.OptimizerSettings.Kind.SGD, 0, 0.9, 0.999, 1e-8, 0, 0, clip);
        var opt = new org.mlp4j.sgd.optim.Optimizer(sgd, net);
        assertThat(opt.needsGradientNorm()).isEqualTo(clip > 0);
        assertThat(opt.settings()).isSameAs(sgd);
        try (WorkerPool pool = new WorkerPool(2)) {
            opt.learningRate(lr);
            new BatchedBackprop(net, batch.size(), Kernels.best(), pool).step(batch, opt, 1);
        }
        return net;
    }

    /** A ReLU network with softmax and cross-entropy, He-initialised from {@code seed}. */
    private static Network reluSoftmax(int[] sizes, long seed) {
        return Network.init(
                sizes,
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                org.mlp4j.model.Init.HE,
                new Rng(seed));
    }

    /** The first n examples of {@code data} in a batch. */
    private static Batch filled(TabularDataset data, int n, int features, int classes) {
        Batch batch = new Batch(n, features, classes);
        batch.fillRange(data, 0, n);
        return batch;
    }
}
