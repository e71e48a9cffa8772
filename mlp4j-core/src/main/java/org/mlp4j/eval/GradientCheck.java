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
 * (C(θ + h) − C(θ − h)) / 2h of the minibatch's mean cost, refined to the five-point stencil
 * (−C(θ + 2h) + 8C(θ + h) − 8C(θ − h) + C(θ − 2h)) / 12h, whose error shrinks as h⁴ rather than h²: with
 * the central difference alone, curved costs (softmax, GELU) left truncation errors near 1e-6 on small
 * gradients. The wide stencil can straddle a kink of ReLU or leaky ReLU, where the cost is not
 * differentiable, so each parameter is also estimated by the central difference with the small step
 * {@value #SMALL_STEP}; its error is the smaller of the two. A wrong derivative fails both. The relative error of one parameter is
 * |analytic − numeric| / max(|analytic| + |numeric|, {@value #FLOOR}); the floor keeps parameters whose
 * gradient is essentially zero from turning rounding noise into a large ratio.
 */
public final class GradientCheck {
    /** A layer passes when its largest relative error is below this. */
    public static final double TOLERANCE = 1e-6;
    /** Step of the central difference. */
    public static final double STEP = 1e-4;
    /** Step of the second, central-difference estimate. */
    public static final double SMALL_STEP = 1e-6;
    /** Floor of the relative error's denominator. */
    public static final double FLOOR = 1e-5;

    private GradientCheck() {}

    /** Largest relative errors of one layer's weights and biases. */
    public record LayerResult(int layer, int fanIn, int fanOut, double weightError, double biasError) {
        /**
         * The largest relative error between the analytic and the numerical gradient in this layer.
         *
         * @return the error
         */
        public double maxError() {
            return Math.max(weightError, biasError);
        }

        /**
         * Whether the largest error is within the tolerance.
         *
         * @return true when the check passed
         */
        public boolean passed() {
            return maxError() < TOLERANCE;
        }
    }

    /**
     * Checks every parameter of the network on the given examples.
     *
     * @param xs inputs, one row per example
     * @param ys targets, one row per example
     * @param net the network
     * @return one result per weight layer
     */
    public static List<LayerResult> check(Network net, double[][] xs, double[][] ys) {
        return check(net, xs, ys, null);
    }

    /**
     * Checks every parameter with fixed dropout masks: masks[i][l] multiplies the input of weight layer
     * l for example i (see {@link ReferenceNetwork#trace(double[], double[], double[][])}); null for none.
     *
     * @param net the network
     * @param xs inputs, one row per example
     * @param ys targets, one row per example
     * @param masks dropout masks per example and weight layer, or null
     * @return one result per weight layer
     */
    public static List<LayerResult> check(Network net, double[][] xs, double[][] ys, double[][][] masks) {
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        Gradients analytic = Gradients.zerosLike(net.sizes());
        for (int i = 0; i < xs.length; i++) {
            analytic.add(
                    ref.trace(xs[i], ys[i], masks == null ? null : masks[i]).gradients());
        }
        analytic.scale(1.0 / xs.length);
        List<LayerResult> results = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            double we = maxError(ref, ref.weights(l), analytic.weights(l), xs, ys, masks);
            double be = maxError(ref, ref.biases(l), analytic.biases(l), xs, ys, masks);
            results.add(new LayerResult(l, net.size(l), net.size(l + 1), we, be));
        }
        return results;
    }

    private static double maxError(
            ReferenceNetwork ref,
            double[] params,
            double[] analytic,
            double[][] xs,
            double[][] ys,
            double[][][] masks) {
        double worst = 0;
        for (int p = 0; p < params.length; p++) {
            double saved = params[p];
            params[p] = saved + STEP;
            double plus = meanCost(ref, xs, ys, masks);
            params[p] = saved - STEP;
            double minus = meanCost(ref, xs, ys, masks);
            params[p] = saved + 2 * STEP;
            double plus2 = meanCost(ref, xs, ys, masks);
            params[p] = saved - 2 * STEP;
            double minus2 = meanCost(ref, xs, ys, masks);
            params[p] = saved + SMALL_STEP;
            double plusSmall = meanCost(ref, xs, ys, masks);
            params[p] = saved - SMALL_STEP;
            double minusSmall = meanCost(ref, xs, ys, masks);
            params[p] = saved;
            double numeric = (8 * (plus - minus) - (plus2 - minus2)) / (12 * STEP);
            double central = (plusSmall - minusSmall) / (2 * SMALL_STEP);
            double err = Math.min(relativeError(analytic[p], numeric), relativeError(analytic[p], central));
            worst = Math.max(worst, err);
        }
        return worst;
    }

    private static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), FLOOR);
    }

    private static double meanCost(ReferenceNetwork ref, double[][] xs, double[][] ys, double[][][] masks) {
        double c = 0;
        for (int i = 0; i < xs.length; i++) {
            c += ref.cost(xs[i], ys[i], masks == null ? null : masks[i]);
        }
        return c / xs.length;
    }
}
