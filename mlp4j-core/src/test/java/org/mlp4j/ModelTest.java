package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

class ModelTest {
    @TempDir
    Path dir;

    @Test
    void predictionsMatchTheReferenceAndAreTheSameFromManyThreads() throws Exception {
        Network net = Network.articleInit(
                new int[] {40, 30, 10}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(8));
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, net, Map.of());
        Model model = Model.load(file);
        float[][] xs = TestData.inputs(new Rng(9), 64, 40, 0.5);
        // the model takes raw grey levels (its file says pixel/255): xs as 0..255, divided back inside
        float[][] raw = new float[xs.length][xs[0].length];
        for (int i = 0; i < xs.length; i++) {
            for (int k = 0; k < xs[i].length; k++) {
                raw[i][k] = xs[i][k] * 255f;
            }
        }
        float[][] expected = model.predictBatch(raw);
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        for (int i = 0; i < xs.length; i++) {
            double[] want = ref.feedforward(ReferenceNetwork.asDouble(xs[i]));
            for (int j = 0; j < 10; j++) {
                assertThat((double) expected[i][j]).isCloseTo(want[j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(callers.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        int i = (round * 7 + offset) % xs.length;
                        if (!java.util.Arrays.equals(model.predict(raw[i]), expected[i])
                                || model.predictClass(raw[i]) != org.mlp4j.eval.Evaluation.argmax(expected[i], 0, 10)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void wrongInputSizeIsAClearError() {
        Model model = Model.of(
                Network.articleInit(new int[] {4, 2}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(1)),
                Map.of());
        assertThatThrownBy(() -> model.predict(new float[3]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected 4 values")
                .hasMessageContaining("found 3");
    }

    @Test
    void marginsAreTheLogOddsOfSigmoidOutputsAndTheLogitsOfASoftmax() {
        Network sigmoid = Network.articleInit(
                new int[] {40, 30, 10}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(8));
        Network softmax = Network.init(
                new int[] {40, 30, 10},
                StandardActivation.SIGMOID,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                org.mlp4j.model.Init.GLOROT,
                new Rng(3));
        float[][] xs = TestData.inputs(new Rng(9), 16, 40, 0.5);
        Model sm = Model.of(sigmoid, Map.of("input_scaling", "none"));
        Model xm = Model.of(softmax, Map.of("input_scaling", "none"));
        ReferenceNetwork ref = ReferenceNetwork.of(sigmoid);
        for (float[] x : xs) {
            double[] a = ref.feedforward(ReferenceNetwork.asDouble(x));
            float[] m = sm.margins(x);
            for (int j = 0; j < 10; j++) {
                // an independent oracle: z = log(a / (1 - a)) of the double-precision reference's outputs
                assertThat((double) m[j])
                        .isCloseTo(Math.log(a[j] / (1 - a[j])), org.assertj.core.data.Offset.offset(1e-4));
            }
            float[] z = xm.margins(x);
            float[] out = xm.outputs(x);
            double[] again = xm.activate(ReferenceNetwork.asDouble(z));
            double[] sigmoidAgain = sm.activate(ReferenceNetwork.asDouble(m));
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v);
            }
            for (int j = 0; j < 10; j++) {
                assertThat((double) out[j]).isCloseTo(Math.exp(z[j]) / sum, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(again[j]).isCloseTo(out[j], org.assertj.core.data.Offset.offset(1e-6));
                assertThat(sigmoidAgain[j]).isCloseTo(a[j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        assertThatThrownBy(() -> xm.activate(new double[3]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected 10 values, found 3");
    }
}
