package org.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.TestData;
import org.mlp4j.data.ArrayDataset;
import org.mlp4j.data.Batch;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
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
                Arguments.of(new int[] {784, 96, 10}, StandardActivation.SIGMOID, 0.81, 32));
    }

    @ParameterizedTest(name = "{0} {1} zeros={2} batch={3}")
    @MethodSource("nets")
    void oneStepMatchesTheReferenceUpdate(int[] sizes, StandardActivation act, double zeros, int n) {
        Network start = Network.articleInit(sizes, act, StandardCost.QUADRATIC, new Rng(11));
        ArrayDataset data = TestData.dataset(5, n, sizes[0], sizes[sizes.length - 1], zeros);
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
            assertThat((double) got[i]).as("%s[%d]", what, i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    @Test
    void forwardMatchesTheReferenceFeedforward() {
        int[] sizes = {50, 30, 20, 10};
        Network net = Network.articleInit(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(2));
        ArrayDataset data = TestData.dataset(3, 12, 50, 10, 0.5);
        Batch batch = new Batch(12, 50, 10);
        batch.fillRange(data, 0, 12);
        try (WorkerPool pool = new WorkerPool(2)) {
            BatchedBackprop engine = new BatchedBackprop(net, 12, Kernels.best(), pool);
            engine.forward(batch);
            ReferenceNetwork ref = ReferenceNetwork.of(net);
            for (int i = 0; i < 12; i++) {
                double[] want = ref.feedforward(ReferenceNetwork.asDouble(data.features(i)));
                for (int j = 0; j < 10; j++) {
                    assertThat((double) engine.outputs()[i * 10 + j]).isCloseTo(want[j],
                            org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    /** Skipping zero inputs changes the work, not the arithmetic: identical bits. */
    @Test
    void skippingZerosGivesIdenticalBits() {
        int[] sizes = {200, 64, 10};
        Network start = Network.articleInit(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(4));
        ArrayDataset data = TestData.dataset(8, 24, 200, 10, 0.8);
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
}
