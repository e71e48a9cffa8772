package org.mlp4j.sgd.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.sgd.optim.OptimizerSettings.Kind;

/**
 * Every update rule against an independent double-precision statement of its formula (as PyTorch
 * defines them), with everything switched on at once: L2 on the weights only, decoupled weight decay on
 * the weights only, gradient clipping, two steps so that velocities and Adam's bias corrections matter.
 */
class OptimizerReferenceTest {
    private static final double LR = 0.1;
    private static final double MU = 0.8;
    private static final double B1 = 0.85;
    private static final double B2 = 0.99;
    private static final double EPS = 1e-3;
    private static final double L2 = 0.05;
    private static final double WD = 0.2;
    private static final double CLIP = 1.0;

    private static Network net() {
        return Network.init(
                new int[] {3, 1},
                StandardActivation.SIGMOID,
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                Init.HE,
                new Rng(1));
    }

    /** One rule's reference, element by element: {p, v (or m), s (Adam's v)} updated in place. */
    private static void reference(
            Kind kind, double[] p, double[] v, double[] s, double[] g, boolean weights, double scale, long t) {
        double l2 = weights ? L2 : 0;
        double wd = weights ? WD : 0; // decoupled decay, any rule: weights only
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] * scale + l2 * p[i];
            double keep = 1 - LR * wd;
            switch (kind) {
                case SGD -> p[i] = p[i] * keep - LR * gi;
                case MOMENTUM -> {
                    v[i] = MU * v[i] + gi;
                    p[i] = p[i] * keep - LR * v[i];
                }
                case NESTEROV -> {
                    v[i] = MU * v[i] + gi;
                    p[i] = p[i] * keep - LR * (gi + MU * v[i]);
                }
                default -> {
                    v[i] = B1 * v[i] + (1 - B1) * gi;
                    s[i] = B2 * s[i] + (1 - B2) * gi * gi;
                    double mHat = v[i] / (1 - Math.pow(B1, t));
                    double sHat = s[i] / (1 - Math.pow(B2, t));
                    p[i] = p[i] * keep - LR * mHat / (Math.sqrt(sHat) + EPS);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void twoStepsWithL2DecayAndClippingMatchTheFormulas(Kind kind) {
        OptimizerSettings s = new OptimizerSettings(kind, MU, B1, B2, EPS, L2, WD, CLIP);
        Optimizer opt = new Optimizer(s, net());
        float[] w = {0.5f, -1.25f, 2.0f};
        float[] b = {0.75f};
        double[] wRef = {0.5, -1.25, 2.0};
        double[] bRef = {0.75};
        double[] wV = new double[3];
        double[] wS = new double[3];
        double[] bV = new double[1];
        double[] bS = new double[1];
        float[][] gw = {{0.6f, -1.8f, 4.2f}, {-0.2f, 0.05f, 0.4f}};
        float[][] gb = {{-1.5f}, {0.3f}};
        double[] norms = {5.0, 0.5}; // the first step is clipped (5 > 1), the second is not
        for (int t = 0; t < 2; t++) {
            opt.learningRate(LR);
            opt.beginStep(norms[t]);
            double scale = norms[t] > CLIP ? CLIP / norms[t] : 1;
            opt.update(0, w, gw[t], 0, 3);
            opt.update(1, b, gb[t], 0, 1);
            reference(kind, wRef, wV, wS, toDouble(gw[t]), true, scale, t + 1);
            reference(kind, bRef, bV, bS, toDouble(gb[t]), false, scale, t + 1);
        }
        for (int i = 0; i < 3; i++) {
            assertThat((double) w[i]).as("%s weight %d", kind, i).isCloseTo(wRef[i], Offset.offset(2e-6));
        }
        assertThat((double) b[0]).as("%s bias", kind).isCloseTo(bRef[0], Offset.offset(2e-6));
        assertThat(opt.steps()).isEqualTo(2);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void stateRestoresIntoAFreshOptimizerAndAMismatchIsNamed() {
        OptimizerSettings s = OptimizerSettings.adam();
        Optimizer a = new Optimizer(s, net());
        float[] w = {1f, 2f, 3f};
        a.learningRate(0.1);
        a.beginStep(0);
        a.update(0, w, new float[] {0.5f, 0.5f, 0.5f}, 0, 3);
        Optimizer b = new Optimizer(s, net());
        b.restore(a.state(), a.steps());
        assertThat(b.steps()).isEqualTo(1);
        assertThat(b.state().get("first.0")).containsExactly(a.state().get("first.0"));
        assertThat(b.state().get("second.0")).containsExactly(a.state().get("second.0"));
        assertThatThrownBy(() -> b.restore(Map.of("first.0", new float[2]), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("optimizer state 'first.0' expected 3 values, found 2");
        assertThatThrownBy(() -> b.restore(Map.of(), 1)).hasMessageContaining("found none");
    }

    @Test
    void everySettingIsCheckedAtItsBoundaries() {
        // allowed at the edges
        new OptimizerSettings(Kind.MOMENTUM, 0, 0, 0, Double.MIN_VALUE, 0, 0, 0);
        new OptimizerSettings(Kind.SGD, 0.999, 0.999, 0.999, 1, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);
        // refused just past them, each naming its key
        assertField(() -> new OptimizerSettings(Kind.SGD, 1, 0.9, 0.999, 1e-8, 0, 0, 0), "momentum");
        assertField(() -> new OptimizerSettings(Kind.SGD, -0.1, 0.9, 0.999, 1e-8, 0, 0, 0), "momentum");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 1, 0.999, 1e-8, 0, 0, 0), "beta1");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 1, 1e-8, 0, 0, 0), "beta2");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 0, 0, 0, 0), "epsilon");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, Double.POSITIVE_INFINITY, 0, 0, 0), "epsilon");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 1e-8, -1e-9, 0, 0), "l2");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 1e-8, 0, -1e-9, 0), "weight-decay");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 1e-8, 0, 0, -1e-9), "clip-norm");
        assertField(() -> new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY, 0, 0), "l2");
        assertField(() -> new OptimizerSettings(Kind.SGD, Double.NaN, 0.9, 0.999, 1e-8, 0, 0, 0), "momentum");
        assertField(() -> new OptimizerSettings(null, 0, 0.9, 0.999, 1e-8, 0, 0, 0), "optimizer");
        assertThatThrownBy(() -> new OptimizerSettings(Kind.SGD, 1.5, 0.9, 0.999, 1e-8, 0, 0, 0))
                .hasMessage("momentum: expected a number in [0, 1), found 1.5");
        assertThat(OptimizerSettings.adam(0).kind()).isEqualTo(Kind.ADAM);
        assertThat(OptimizerSettings.adam(1e-12).kind()).isEqualTo(Kind.ADAMW);
        assertThat(OptimizerSettings.sgd().isPlainSgd()).isTrue();
        assertThat(OptimizerSettings.sgd().withClipNorm(1).isPlainSgd()).isFalse();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ":");
    }
}
