package org.mlp4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/** The model's small parts at their edges: sizes, architectures, copies, names, and the activations at 0. */
class ModelPartsTest {
    private static Network net() {
        return Network.init(
                new int[] {3, 4, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(2));
    }

    @Test
    void layerSizesAreCheckedAtTheirLimits() {
        assertThat(Network.parseSizes("1," + Network.MAX_SIZE, "layers")).containsExactly(1, Network.MAX_SIZE);
        assertThatThrownBy(() -> Network.parseSizes("0,10", "layers")).hasMessageContaining("expected sizes from 1 to");
        assertThatThrownBy(() -> Network.parseSizes("5," + (Network.MAX_SIZE + 1), "layers"))
                .hasMessageContaining("expected sizes from 1 to");
        assertThatThrownBy(() -> Network.parseSizes("784", "layers"))
                .hasMessage("layers: expected at least two sizes (input and output), found '784'");
        assertThatThrownBy(() -> Network.checkSizes(new int[] {5}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("layers: expected at least two sizes (input and output), found [5]");
        assertThatThrownBy(() -> Network.checkSizes(null)).hasMessageEndingWith("found none");
        assertThat(Network.checkSizes(new int[] {1, 1})).containsExactly(1, 1);
    }

    @Test
    void aLayerOfTooManyWeightsIsRefusedNamingIt() {
        // MAX_WEIGHTS = 7 · 17 · 18046081: no two sizes within MAX_SIZE multiply to it exactly
        assertThatThrownBy(() -> Network.parseSizes("10," + Network.MAX_SIZE + "," + Network.MAX_SIZE, "layers"))
                .hasMessageStartingWith("layers: layer 2 (" + Network.MAX_SIZE + " x " + Network.MAX_SIZE + ") has");
    }

    @Test
    void theArchitectureIsCheckedWhateverBuildsTheNetwork() {
        float[][] w = {new float[3 * 2]};
        float[][] b = {new float[2]};
        assertThatThrownBy(() -> Network.of(
                        new int[] {3, 2},
                        StandardActivation.SOFTMAX,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        w,
                        b))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("activation: softmax mixes the units of a layer");
        assertThatThrownBy(() -> Network.of(
                        new int[] {3, 2},
                        StandardActivation.RELU,
                        StandardActivation.RELU,
                        StandardCost.CROSS_ENTROPY,
                        w,
                        b))
                .hasMessageStartingWith("cost: cross-entropy needs outputs in (0, 1)");
        assertThatThrownBy(() -> Network.of(
                        new int[] {3, 2},
                        StandardActivation.RELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        new float[][] {new float[5]},
                        b))
                .hasMessage("parameters of layer 0: expected 6 weights and 2 biases, found 5 and 2");
    }

    @Test
    void copiesAreDeepAndComparisonsExact() {
        Network a = net();
        Network b = a.copy();
        assertThat(b.sameParameters(a)).isTrue();
        b.biases(1)[0] += 1f;
        assertThat(b.sameParameters(a)).isFalse();
        a.copyParametersFrom(b);
        assertThat(a.biases(1)[0]).isEqualTo(b.biases(1)[0]);
        assertThat(a.sameParameters(b)).isTrue();
        assertThat(a.toString()).isEqualTo("Network[3, 4, 2] relu+softmax/cross-entropy");
        Network plain = Network.init(
                new int[] {2, 2},
                StandardActivation.SIGMOID,
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                Init.ARTICLE,
                new Rng(1));
        assertThat(plain.toString()).isEqualTo("Network[2, 2] sigmoid/quadratic");
        assertThat(plain.sameParameters(net())).isFalse();
    }

    @Test
    void activationsTakeTheirSubGradientAtZero() {
        assertThat(StandardActivation.RELU.derivative(0.0)).isEqualTo(0.0);
        assertThat(StandardActivation.RELU.derivative(1e-300)).isEqualTo(1.0);
        assertThat(StandardActivation.LEAKY_RELU.derivative(0.0)).isEqualTo(0.01);
        assertThat(StandardActivation.LEAKY_RELU.derivative(1e-300)).isEqualTo(1.0);
        assertThat(StandardActivation.LEAKY_RELU.apply(-2.0)).isEqualTo(-0.02);
        assertThat(StandardActivation.RELU.toString()).isEqualTo("relu");
        assertThat(StandardCost.BINARY_CROSS_ENTROPY.toString()).isEqualTo("binary-cross-entropy");
        assertThat(Init.HE.toString()).isEqualTo("he");
        assertThat(StandardActivation.known()).isEqualTo("sigmoid, identity, tanh, relu, leaky-relu, gelu, softmax");
    }

    @Test
    void softmaxIsComputedStablyForHugeLogits() {
        double[] a = new double[3];
        StandardActivation.SOFTMAX.apply(new double[] {1000, 999, 998}, a);
        double e1 = Math.exp(-1);
        double e2 = Math.exp(-2);
        assertThat(a[0]).isCloseTo(1 / (1 + e1 + e2), Offset.offset(1e-12));
        assertThat(a[2]).isCloseTo(e2 / (1 + e1 + e2), Offset.offset(1e-12));
    }

    @Test
    void binaryCrossEntropyOfSoftTargetsFollowsItsFormula() {
        double a = 0.3;
        double y = 0.25;
        assertThat(StandardCost.BINARY_CROSS_ENTROPY.value(a, y))
                .isCloseTo(-(y * Math.log(a) + (1 - y) * Math.log(1 - a)), Offset.offset(1e-12));
        assertThat(StandardCost.BINARY_CROSS_ENTROPY.value(0.9, 1)).isCloseTo(-Math.log(0.9), Offset.offset(1e-12));
        assertThat(StandardCost.BINARY_CROSS_ENTROPY.value(0.9, 0)).isCloseTo(-Math.log(0.1), Offset.offset(1e-12));
    }

    @Test
    void onlyTheTwoProbabilityPairsAreFused() {
        assertThat(Loss.fused(StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY))
                .isTrue();
        assertThat(Loss.fused(StandardActivation.SIGMOID, StandardCost.BINARY_CROSS_ENTROPY))
                .isTrue();
        assertThat(Loss.fused(StandardActivation.SOFTMAX, StandardCost.QUADRATIC))
                .isFalse();
        assertThat(Loss.fused(StandardActivation.SIGMOID, StandardCost.CROSS_ENTROPY))
                .isFalse();
        assertThat(Loss.fused(StandardActivation.SIGMOID, StandardCost.QUADRATIC))
                .isFalse();
        assertThat(Loss.fused(StandardActivation.RELU, StandardCost.BINARY_CROSS_ENTROPY))
                .isFalse();
    }

    @Test
    void gradientsSayTheirNormsAndTheReferenceItsCostAndTrace() {
        Network n = net();
        ReferenceNetwork ref = ReferenceNetwork.of(n);
        double[] x = {0.5, -1, 2};
        double[] y = {0, 1};
        Gradients g = ref.backprop(x, y);
        assertThat(g.layerCount()).isEqualTo(2);
        double w0 = 0;
        for (double v : g.weights(0)) {
            w0 += v * v;
        }
        double b1 = 0;
        for (double v : g.biases(1)) {
            b1 += v * v;
        }
        String text = g.toString();
        assertThat(text)
                .startsWith("Gradients[layer 1: |dC/dW| ")
                .contains(String.format(java.util.Locale.ROOT, "|dC/dW| %.4e", Math.sqrt(w0)))
                .contains(String.format(java.util.Locale.ROOT, "layer 2: |dC/dW| "))
                .contains(String.format(java.util.Locale.ROOT, "|dC/db| %.4e]", Math.sqrt(b1)));
        double[] out = ref.feedforward(x);
        assertThat(ref.cost(x, y))
                .isCloseTo(-Math.log(out[1]), Offset.offset(1e-12))
                .isPositive();
        ReferenceNetwork.Trace t = ref.trace(x, y);
        assertThat(t.cost()).isEqualTo(ref.cost(x, y));
        assertThat(t.gradients().weights(0)).containsExactly(g.weights(0));
    }

    /** Huber's cost: half the square within one of the target, linear beyond, continuous at the threshold. */
    @Test
    void huberIsQuadraticWithinOneAndLinearBeyond() {
        org.assertj.core.data.Offset<Double> exact = Offset.offset(1e-15);
        assertThat(StandardCost.HUBER.value(0.5, 0)).isCloseTo(0.125, exact);
        assertThat(StandardCost.HUBER.value(-3, 0)).isCloseTo(2.5, exact);
        assertThat(StandardCost.HUBER.value(1, 0)).isCloseTo(0.5, exact);
        assertThat(StandardCost.HUBER.value(2, 5)).isCloseTo(2.5, exact);
        assertThat(StandardCost.HUBER.derivative(0.25, 0)).isCloseTo(0.25, exact);
        assertThat(StandardCost.HUBER.derivative(4, 0)).isCloseTo(1.0, exact);
        assertThat(StandardCost.HUBER.derivative(-4, 0)).isCloseTo(-1.0, exact);
        assertThat(StandardCost.HUBER.id()).isEqualTo("huber");
        assertThat(Cost.byName("Huber")).isEqualTo(StandardCost.HUBER);
    }
}
