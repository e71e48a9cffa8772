package org.mlp4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.TestData;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The forward-only pass: the training engine's numbers, bit for bit, and the reference's within rounding. */
class InferenceTest {
    private static Network net(int... sizes) {
        return Network.init(
                sizes,
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(3));
    }

    @Test
    void outputsEqualTheTrainingEnginesForwardPassBitForBit() {
        Network net = net(50, 40, 10);
        TabularDataset data = TestData.dataset(8, 37, 50, 10, 0.6);
        try (WorkerPool pool = new WorkerPool(2)) {
            Batch batch = new Batch(37, 50, 10);
            batch.assign(data, null, 0, 37);
            BatchedBackprop engine = new BatchedBackprop(net, 37, Kernels.best(), pool);
            engine.forward(batch);
            Batch again = new Batch(37, 50, 10);
            again.assign(data, null, 0, 37);
            Inference inference = new Inference(net, 37, Kernels.best(), pool);
            inference.forward(again);
            assertThat(java.util.Arrays.copyOf(inference.outputs(), 370))
                    .containsExactly(java.util.Arrays.copyOf(engine.outputs(), 370));
        }
    }

    @Test
    void outputsAgreeWithTheDoublePrecisionReference() {
        Network net = net(20, 33, 7, 5);
        float[][] xs = TestData.inputs(new Rng(4), 2500, 20, 0.3); // three passes of up to 1,000
        float[][] out;
        try (WorkerPool pool = new WorkerPool(2)) {
            out = Inference.outputs(net, xs, Kernels.best(), pool);
        }
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        for (int i = 0; i < xs.length; i += 97) {
            double[] expected = ref.feedforward(ReferenceNetwork.asDouble(xs[i]));
            for (int j = 0; j < 5; j++) {
                assertThat((double) out[i][j])
                        .as("row %d output %d", i, j)
                        .isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theResultDoesNotDependOnThreadsOrKernels() {
        Network net = net(30, 64, 10);
        float[][] xs = TestData.inputs(new Rng(5), 300, 30, 0.5);
        float[][] one;
        float[][] two;
        try (WorkerPool p1 = new WorkerPool(1);
                WorkerPool p2 = new WorkerPool(2)) {
            one = Inference.outputs(net, xs, Kernels.scalar(), p1);
            two = Inference.outputs(net, xs, Kernels.best(), p2);
        }
        assertThat(two).isDeepEqualTo(one);
    }

    @Test
    void aRowOfTheWrongLengthIsNamed() {
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThatThrownBy(() ->
                            Inference.outputs(net(4, 3), new float[][] {{1, 2, 3, 4}, {1, 2}}, Kernels.best(), pool))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("input 1: expected 4 values (the input layer), found 2");
            assertThat(Inference.outputs(net(4, 3), new float[0][], Kernels.best(), pool))
                    .isEmpty();
        }
    }
}
