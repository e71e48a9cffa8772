package org.mlp4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlp4j.model.Activation;

class GradientCheckTest {

    static Stream<Arguments> everyActivationAndCost() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (StandardActivation a : StandardActivation.values()) {
            for (StandardCost c : StandardCost.values()) {
                for (int[] sizes : new int[][] {{5, 4, 3}, {6, 7, 5, 4}, {3, 2}}) {
                    b.add(Arguments.of(a, c, sizes));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}/{1} {2}")
    @MethodSource("everyActivationAndCost")
    void backpropMatchesFiniteDifferences(StandardActivation activation, StandardCost cost, int[] sizes) {
        Rng rng = new Rng(42);
        Network net = Network.articleInit(sizes, activation, cost, rng);
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
            assertThat(r.maxError()).as("layer %d", r.layer()).isLessThan(1e-6);
        }
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
            for (double z = -6; z <= 6; z += 0.37) {
                assertThat(a.derivative(z, a.apply(z))).as("%s at %f", a, z).isCloseTo(a.derivative(z),
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
