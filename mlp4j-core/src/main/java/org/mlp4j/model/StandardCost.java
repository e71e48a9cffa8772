package org.mlp4j.model;

import java.util.Locale;

/** The built-in costs. */
public enum StandardCost implements Cost {
    /** The article's quadratic cost C = ½ Σ_j (a_j − y_j)², with ∂C/∂a = a − y ({@code d_cost}). */
    QUADRATIC {
        @Override
        public double value(double a, double y) {
            double d = a - y;
            return 0.5 * d * d;
        }

        @Override
        public double derivative(double a, double y) {
            return a - y;
        }
    },
    /**
     * Huber's cost for regression, quadratic near the target and linear beyond it, so a few outlying
     * targets pull the fit less than the quadratic cost lets them: with r = a − y,
     * C = Σ_j ½ r² for |r| ≤ 1 and |r| − ½ beyond; ∂C/∂a = r clamped to [−1, 1]. The threshold 1 is one
     * standard deviation of the target, which is what a regression network learns ({@code
     * org.mlp4j.data.RegressionDataset} standardises its targets).
     */
    HUBER {
        @Override
        public double value(double a, double y) {
            double r = Math.abs(a - y);
            return r <= 1 ? 0.5 * r * r : r - 0.5;
        }

        @Override
        public double derivative(double a, double y) {
            return Math.max(-1.0, Math.min(1.0, a - y));
        }
    },
    /**
     * Cross-entropy C = −Σ_j y_j ln a_j, for outputs that are a probability distribution (softmax).
     * With a softmax output layer it is computed from the logits and fused ({@link Loss}).
     */
    CROSS_ENTROPY {
        @Override
        public double value(double a, double y) {
            return y == 0 ? 0.0 : -y * StrictMath.log(a);
        }

        @Override
        public double derivative(double a, double y) {
            return y == 0 ? 0.0 : -y / a;
        }
    },
    /**
     * Binary cross-entropy C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], for independent outputs in
     * (0, 1) (sigmoid). With a sigmoid output layer it is computed from the logits and fused.
     */
    BINARY_CROSS_ENTROPY {
        @Override
        public double value(double a, double y) {
            return -(y == 0 ? 0.0 : y * StrictMath.log(a)) - (y == 1 ? 0.0 : (1 - y) * StrictMath.log(1 - a));
        }

        @Override
        public double derivative(double a, double y) {
            return (a - y) / (a * (1 - a));
        }
    };

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }

    static StandardCost parse(String name) {
        return org.mlp4j.internal.Names.parse(values(), StandardCost::id, name, "cost");
    }
}
