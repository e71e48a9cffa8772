package org.mlp4j.model;

import org.mlp4j.internal.ExactMath;

/**
 * The output layer's activation and the cost together: the cost of one example and the article's
 * equation (1), δ^L = ∂C/∂z^L, in double precision for one row of output units.
 *
 * <p>In general δ^L = J_σ(z)ᵀ ∇_a C (for an element-wise σ: ∇_a C ⊙ σ′(z), as in the article). Two
 * pairs are fused, computed from the logits z rather than from a, because they are the pairs in
 * practical use and the separate form is unstable: ln a underflows to −∞ and ∇_a C divides by a
 * value that rounds to 0 for large logits.
 * <ul>
 *   <li>softmax + cross-entropy: C = Σ_j y_j (lse(z) − z_j), with lse(z) = m + ln Σ_k e^{z_k − m},
 *       m = max z; δ = a Σ_k y_k − y (= a − y for a one-hot y).</li>
 *   <li>sigmoid + binary cross-entropy: C = Σ_j softplus(z_j) − y_j z_j, with
 *       softplus(z) = max(z, 0) + ln(1 + e^{−|z|}); δ = a − y.</li>
 * </ul>
 */
public final class Loss {
    private Loss() {}

    /**
     * Whether (activation, cost) is one of the fused pairs.
     *
     * @param out the output activation
     * @param cost the cost
     * @return true for softmax + cross-entropy and sigmoid + binary cross-entropy
     */
    public static boolean fused(Activation out, Cost cost) {
        return (out == StandardActivation.SOFTMAX && cost == StandardCost.CROSS_ENTROPY)
                || (out == StandardActivation.SIGMOID && cost == StandardCost.BINARY_CROSS_ENTROPY);
    }

    /**
     * C(a(z), y) for one example; {@code a} must already be σ(z).
     *
     * @param out the output activation
     * @param cost the cost
     * @param z the output layer's weighted inputs
     * @param a σ(z)
     * @param y the target
     * @return the cost of this example
     */
    public static double cost(Activation out, Cost cost, double[] z, double[] a, double[] y) {
        double c = 0;
        if (out == StandardActivation.SOFTMAX && cost == StandardCost.CROSS_ENTROPY) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                m = Math.max(m, v);
            }
            double s = 0;
            for (double v : z) {
                s += ExactMath.exp(v - m);
            }
            double lse = m + StrictMath.log(s); // one per example: fdlibm's, fixed on every JDK
            for (int j = 0; j < z.length; j++) {
                if (y[j] != 0) {
                    c += y[j] * (lse - z[j]);
                }
            }
        } else if (out == StandardActivation.SIGMOID && cost == StandardCost.BINARY_CROSS_ENTROPY) {
            for (int j = 0; j < z.length; j++) {
                c += Math.max(z[j], 0) + StrictMath.log1p(ExactMath.exp(-Math.abs(z[j]))) - y[j] * z[j];
            }
        } else {
            for (int j = 0; j < a.length; j++) {
                c += cost.value(a[j], y[j]);
            }
        }
        return c;
    }

    /**
     * Equation (1): delta = ∂C/∂z for one example; {@code a} must already be σ(z). On the unfused path
     * (any pair but softmax with cross-entropy and sigmoid with binary cross-entropy) it is ∇_a C ⊙ σ′(z),
     * and {@code costGradient} receives ∇_a C on the way.
     *
     * @param out the output activation
     * @param cost the cost
     * @param z the output layer's weighted inputs
     * @param a σ(z)
     * @param y the target
     * @param delta receives δ^L
     * @param costGradient receives ∇_a C on the unfused path (z's length)
     */
    public static void delta(
            Activation out, Cost cost, double[] z, double[] a, double[] y, double[] delta, double[] costGradient) {
        if (out == StandardActivation.SOFTMAX && cost == StandardCost.CROSS_ENTROPY) {
            double ySum = 0;
            for (double v : y) {
                ySum += v;
            }
            for (int j = 0; j < a.length; j++) {
                delta[j] = a[j] * ySum - y[j];
            }
        } else if (out == StandardActivation.SIGMOID && cost == StandardCost.BINARY_CROSS_ENTROPY) {
            for (int j = 0; j < a.length; j++) {
                delta[j] = a[j] - y[j];
            }
        } else {
            for (int j = 0; j < a.length; j++) {
                costGradient[j] = cost.derivative(a[j], y[j]);
            }
            out.backward(z, a, costGradient, delta);
        }
    }
}
