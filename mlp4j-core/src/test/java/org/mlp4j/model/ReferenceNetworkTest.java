package org.mlp4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/** The reference path against values computed by hand. */
class ReferenceNetworkTest {

    /** A 2-2-1 sigmoid network small enough to work through on paper. */
    @Test
    void backpropOfATinyNetworkMatchesHandComputation() {
        // W^1 = [[0.1, 0.2], [0.3, 0.4]] (article layout, j rows), b^1 = [0.5, -0.5]; W^2 = [[0.6, -0.7]], b^2 = [0.1]
        float[] w1 = {0.1f, 0.3f, 0.2f, 0.4f}; // mlp4j layout: w[k*out + j]
        float[] w2 = {0.6f, -0.7f};
        Network net = Network.of(
                new int[] {2, 2, 1},
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                new float[][] {w1, w2},
                new float[][] {{0.5f, -0.5f}, {0.1f}});
        double[] x = {1.0, 2.0};
        double[] y = {1.0};
        Gradients g = ReferenceNetwork.of(net).backprop(x, y);

        // the float parameters, exactly, in double
        double w11 = 0.1f, w12 = 0.2f, w21 = 0.3f, w22 = 0.4f, b11 = 0.5f, b12 = -0.5f;
        double v1 = 0.6f, v2 = -0.7f, b2 = 0.1f;
        double z1a = w11 * 1 + w12 * 2 + b11;
        double z1b = w21 * 1 + w22 * 2 + b12;
        double a1a = sig(z1a);
        double a1b = sig(z1b);
        double z2 = v1 * a1a + v2 * a1b + b2;
        double a2 = sig(z2);
        double d2 = (a2 - 1.0) * a2 * (1 - a2); // equation (1)
        double d1a = v1 * d2 * a1a * (1 - a1a); // equation (2)
        double d1b = v2 * d2 * a1b * (1 - a1b);

        assertThat(g.biases(1)[0]).isCloseTo(d2, within(1e-12)); // equation (3)
        assertThat(g.weights(1)[0]).isCloseTo(d2 * a1a, within(1e-12));
        assertThat(g.weights(1)[1]).isCloseTo(d2 * a1b, within(1e-12));
        assertThat(g.biases(0)[0]).isCloseTo(d1a, within(1e-12));
        assertThat(g.biases(0)[1]).isCloseTo(d1b, within(1e-12));
        // ∂C/∂W^1_{jk} = a^0_k δ^1_j, stored at [k*out + j]
        assertThat(g.weights(0)[0]).isCloseTo(1.0 * d1a, within(1e-12));
        assertThat(g.weights(0)[1]).isCloseTo(1.0 * d1b, within(1e-12));
        assertThat(g.weights(0)[2]).isCloseTo(2.0 * d1a, within(1e-12));
        assertThat(g.weights(0)[3]).isCloseTo(2.0 * d1b, within(1e-12));
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void articleInitHasTheArticlesScale() {
        Network net = Network.articleInit(
                new int[] {400, 300, 10}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(3));
        assertThat(std(net.weights(0))).isCloseTo(1 / Math.sqrt(400), within(0.002));
        assertThat(std(net.weights(1))).isCloseTo(1 / Math.sqrt(300), within(0.004));
        assertThat(std(net.biases(0))).isCloseTo(1.0, within(0.15));
        assertThat(net.parameterCount()).isEqualTo(400 * 300 + 300 + 300 * 10 + 10);
    }

    private static double std(float[] a) {
        double s = 0;
        double s2 = 0;
        for (float v : a) {
            s += v;
            s2 += (double) v * v;
        }
        double m = s / a.length;
        return Math.sqrt(s2 / a.length - m * m);
    }

    @Test
    void weightAccessorUsesTheArticlesIndices() {
        Network net =
                Network.articleInit(new int[] {3, 2}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(1));
        assertThat(net.weight(0, 1, 2)).isEqualTo(net.weights(0)[2 * 2 + 1]);
    }

    @Test
    void badLayerSizesAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> Network.checkSizes(new int[] {784, 0, 10}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("position 2");
        assertThatThrownBy(() -> Network.checkSizes(new int[] {784}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> Activation.byName("softplus"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sigmoid")
                .hasMessageContaining("softplus");
    }
}
