package org.mlp4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

class GradientCheckTest {

    /** Every output activation with the quadratic cost, and each cross-entropy with the outputs it accepts. */
    static final Object[][] OUTPUT_AND_COST = {
        {StandardActivation.IDENTITY, StandardCost.QUADRATIC},
        {StandardActivation.SIGMOID, StandardCost.QUADRATIC},
        {StandardActivation.TANH, StandardCost.QUADRATIC},
        {StandardActivation.RELU, StandardCost.QUADRATIC},
        {StandardActivation.LEAKY_RELU, StandardCost.QUADRATIC},
        {StandardActivation.GELU, StandardCost.QUADRATIC},
        {StandardActivation.SOFTMAX, StandardCost.QUADRATIC},
        {StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY},
        {StandardActivation.SIGMOID, StandardCost.CROSS_ENTROPY},
        {StandardActivation.SIGMOID, StandardCost.BINARY_CROSS_ENTROPY},
        {StandardActivation.SOFTMAX, StandardCost.BINARY_CROSS_ENTROPY},
        {StandardActivation.IDENTITY, StandardCost.HUBER},
        {StandardActivation.TANH, StandardCost.HUBER},
    };

    static Stream<Arguments> everyActivationAndCost() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (StandardActivation hidden : StandardActivation.values()) {
            if (!hidden.elementwise()) {
                continue;
            }
            for (Object[] pair : OUTPUT_AND_COST) {
                for (int[] sizes : new int[][] {{5, 4, 3}, {6, 7, 5, 4}, {3, 2}}) {
                    b.add(Arguments.of(hidden, pair[0], pair[1], sizes));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2} {3}")
    @MethodSource("everyActivationAndCost")
    void backpropMatchesFiniteDifferences(
            StandardActivation hidden, StandardActivation output, StandardCost cost, int[] sizes) {
        for (Init init : Init.values()) {
            Rng rng = new Rng(42);
            Network net = Network.init(sizes, hidden, output, cost, init, rng);
            double[][] xs = new double[4][sizes[0]];
            double[][] ys = new double[4][sizes[sizes.length - 1]];
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < sizes[0]; k++) {
                    xs[i][k] = rng.nextGaussian();
                }
                ys[i][rng.nextInt(ys[i].length)] = 1;
            }
            List<GradientCheck.LayerResult> results = GradientCheck.check(net, xs, ys);
            assertThat(results).hasSize(sizes.length - 1);
            for (GradientCheck.LayerResult r : results) {
                assertThat(r.maxError())
                        .as(
                                "%s/%s/%s %s %s init, layer %d",
                                hidden, output, cost, java.util.Arrays.toString(sizes), init, r.layer())
                        .isLessThan(1e-6);
            }
        }
    }

    /**
     * Regression's pairs against real-valued targets spread over several standard deviations, so Huber's
     * cost is checked on both sides of its threshold (the one-hot targets above keep most residuals
     * within it).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(
            value = StandardCost.class,
            names = {"QUADRATIC", "HUBER"})
    void regressionCostsMatchFiniteDifferences(StandardCost cost) {
        Rng rng = new Rng(11);
        int[] sizes = {4, 6, 2};
        Network net = Network.init(sizes, StandardActivation.TANH, StandardActivation.IDENTITY, cost, Init.HE, rng);
        double[][] xs = new double[8][4];
        double[][] ys = new double[8][2];
        int beyond = 0;
        for (int i = 0; i < 8; i++) {
            for (int k = 0; k < 4; k++) {
                xs[i][k] = rng.nextGaussian();
            }
            for (int j = 0; j < 2; j++) {
                ys[i][j] = 3 * rng.nextGaussian();
            }
        }
        org.mlp4j.model.ReferenceNetwork ref = org.mlp4j.model.ReferenceNetwork.of(net);
        for (int i = 0; i < 8; i++) {
            double[] out = ref.feedforward(xs[i]);
            for (int j = 0; j < 2; j++) {
                beyond += Math.abs(out[j] - ys[i][j]) > 1 ? 1 : 0;
            }
        }
        assertThat(beyond).as("residuals beyond Huber's threshold").isBetween(2, 14);
        for (GradientCheck.LayerResult r : GradientCheck.check(net, xs, ys)) {
            assertThat(r.maxError()).as("%s layer %d", cost, r.layer()).isLessThan(1e-6);
        }
    }

    /** The fused softmax/cross-entropy delta a·Σy − y also holds for targets that are not one-hot. */
    @Test
    void softmaxCrossEntropyWithSoftTargets() {
        Rng rng = new Rng(3);
        Network net = Network.init(
                new int[] {4, 5, 3},
                StandardActivation.TANH,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.GLOROT,
                rng);
        double[][] xs = {{0.3, -1, 2, 0.5}, {1, 1, -0.2, 0}};
        double[][] ys = {{0.2, 0.5, 0.3}, {0.9, 0.4, 0.0}};
        assertThat(GradientCheck.check(net, xs, ys)).allMatch(GradientCheck.LayerResult::passed);
    }

    /** Dropout: with fixed masks on the input and hidden layers, backprop matches finite differences. */
    @Test
    void dropoutMasksAreDifferentiatedCorrectly() {
        Rng rng = new Rng(5);
        int[] sizes = {6, 5, 4, 3};
        Network net = Network.init(
                sizes, StandardActivation.RELU, StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY, Init.HE, rng);
        double[][] xs = new double[3][6];
        double[][] ys = new double[3][3];
        double[][][] masks = new double[3][3][];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 6; k++) {
                xs[i][k] = rng.nextGaussian();
            }
            ys[i][i] = 1;
            for (int l = 0; l < 3; l++) {
                masks[i][l] = new double[sizes[l]];
                for (int k = 0; k < sizes[l]; k++) {
                    masks[i][l][k] = rng.nextDouble() < 0.3 ? 0 : 1 / 0.7;
                }
            }
        }
        List<GradientCheck.LayerResult> results = GradientCheck.check(net, xs, ys, masks);
        assertThat(results).allMatch(GradientCheck.LayerResult::passed);
        // and the masks matter: without them the gradients differ
        var withMasks = org.mlp4j.model.ReferenceNetwork.of(net)
                .trace(xs[0], ys[0], masks[0])
                .gradients();
        var without = org.mlp4j.model.ReferenceNetwork.of(net)
                .trace(xs[0], ys[0], null)
                .gradients();
        assertThat(withMasks.weights(0)).isNotEqualTo(without.weights(0));
    }

    /** Large logits: the fused costs stay finite where the separate form would give infinity or NaN. */
    @Test
    void fusedCostsAreStableForLargeLogits() {
        double[] z = {1000, -1000, 0};
        double[] a = new double[3];
        StandardActivation.SOFTMAX.apply(z, a);
        double[] y = {0, 1, 0};
        double c = org.mlp4j.model.Loss.cost(StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY, z, a, y);
        assertThat(c).isEqualTo(2000.0);
        double[] s = new double[3];
        StandardActivation.SIGMOID.apply(z, s);
        double bce = org.mlp4j.model.Loss.cost(StandardActivation.SIGMOID, StandardCost.BINARY_CROSS_ENTROPY, z, s, y);
        // softplus(1000) + softplus(-1000) - 1·(-1000) + softplus(0) = 1000 + 0 + 1000 + ln 2
        assertThat(bce).isCloseTo(2000 + Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The check must be able to fail: a wrong derivative is caught. */
    @Test
    void detectsAWrongDerivative() {
        Activation wrong = new Activation() {
            @Override
            public String id() {
                return "wrong-sigmoid";
            }

            @Override
            public double apply(double z) {
                return StandardActivation.SIGMOID.apply(z);
            }

            @Override
            public double derivative(double z) {
                return 1.1 * StandardActivation.SIGMOID.derivative(z);
            }
        };
        Rng rng = new Rng(7);
        Network net = Network.articleInit(new int[] {4, 3, 2}, wrong, StandardCost.QUADRATIC, rng);
        double[][] xs = {{0.1, 0.5, 0.9, 0.3}, {0.7, 0.2, 0.4, 0.8}};
        double[][] ys = {{1, 0}, {0, 1}};
        List<GradientCheck.LayerResult> results = GradientCheck.check(net, xs, ys);
        assertThat(results).anyMatch(r -> !r.passed());
    }

    @Test
    void derivativeFromOutputAgreesWithDerivative() {
        for (StandardActivation a : StandardActivation.values()) {
            if (!a.elementwise()) {
                continue;
            }
            for (double z = -6; z <= 6; z += 0.37) {
                assertThat(a.derivative(z, a.apply(z)))
                        .as("%s at %f", a, z)
                        .isCloseTo(a.derivative(z), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
