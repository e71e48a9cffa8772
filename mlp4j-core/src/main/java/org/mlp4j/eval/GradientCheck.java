package org.mlp4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.model.Gradients;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;

/**
 * Finite-difference check of backpropagation, in double precision.
 *
 * <p>For every weight and bias θ of the network, the analytic gradient from the article's backprop
 * (equations (1)–(3), {@link ReferenceNetwork#backprop}) is compared with the central difference
 * (C(θ + h) − C(θ − h)) / 2h of the minibatch's mean cost. The relative error of one parameter is
 * |analytic − numeric| / max(|analytic| + |numeric|, {@value #FLOOR}); the floor keeps parameters whose
 * gradient is essentially zero from turning rounding noise into a large ratio.
 */
public final class GradientCheck {
    /** A layer passes when its largest relative error is below this. */
    public static final double TOLERANCE = 1e-6;
    /** Step of the central difference. */
    public static final double STEP = 1e-5;
    /** Floor of the relative error's denominator. */
    public static final double FLOOR = 1e-8;

    private GradientCheck() {
    }

    /** Largest relative errors of one layer's weights and biases. */
    public record LayerResult(int layer, int fanIn, int fanOut, double weightError, double biasError) {
        public double maxError() {
            return Math.max(weightError, biasError);
        }

        public boolean passed() {
            return maxError() < TOLERANCE;
        }
    }

    /**
     * Checks every parameter of the network on the given examples.
     *
     * @param xs inputs, one row per example
     * @param ys targets, one row per example
     */
    public static List<LayerResult> check(Network net, double[][] xs, double[][] ys) {
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        Gradients analytic = Gradients.zerosLike(net.sizes());
        for (int i = 0; i < xs.length; i++) {
            analytic.add(ref.backprop(xs[i], ys[i]));
        }
        analytic.scale(1.0 / xs.length);
        List<LayerResult> results = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            double we = maxError(ref, ref.weights(l), analytic.weights(l), xs, ys);
            double be = maxError(ref, ref.biases(l), analytic.biases(l), xs, ys);
            results.add(new LayerResult(l, net.size(l), net.size(l + 1), we, be));
        }
        return results;
    }

    private static double maxError(ReferenceNetwork ref, double[] params, double[] analytic, double[][] xs, double[][] ys) {
        double worst = 0;
        for (int p = 0; p < params.length; p++) {
            double saved = params[p];
            params[p] = saved + STEP;
            double plus = meanCost(ref, xs, ys);
            params[p] = saved - STEP;
            double minus = meanCost(ref, xs, ys);
            params[p] = saved;
            double numeric = (plus - minus) / (2 * STEP);
            double err = Math.abs(analytic[p] - numeric) / Math.max(Math.abs(analytic[p]) + Math.abs(numeric), FLOOR);
            worst = Math.max(worst, err);
        }
        return worst;
    }

    private static double meanCost(ReferenceNetwork ref, double[][] xs, double[][] ys) {
        double c = 0;
        for (int i = 0; i < xs.length; i++) {
            c += ref.cost(xs[i], ys[i]);
        }
        return c / xs.length;
    }
}
