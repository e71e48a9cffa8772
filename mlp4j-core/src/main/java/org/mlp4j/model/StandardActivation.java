package org.mlp4j.model;

import java.util.Locale;
import org.mlp4j.internal.ExactMath;

/** The built-in activations: the article's sigmoid, and identity, tanh, ReLU, leaky ReLU, GELU and softmax. */
public enum StandardActivation implements Activation {
    /** σ(z) = 1 / (1 + e^−z), σ′ = σ(1 − σ): the article's {@code sigmoid} and {@code d_sigmoid}. */
    SIGMOID {
        @Override
        public double apply(double z) {
            return 1.0 / (1.0 + ExactMath.exp(-z));
        }

        @Override
        public double derivative(double z) {
            double s = apply(z);
            return s * (1.0 - s);
        }

        @Override
        public double derivative(double z, double a) {
            return a * (1.0 - a);
        }
    },
    /** σ(z) = z: a linear layer. */
    IDENTITY {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1.0;
        }
    },
    /** σ(z) = tanh z, σ′ = 1 − tanh² z. */
    TANH {
        @Override
        public double apply(double z) {
            return ExactMath.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = ExactMath.tanh(z);
            return 1.0 - t * t;
        }

        @Override
        public double derivative(double z, double a) {
            return 1.0 - a * a;
        }
    },
    /** σ(z) = max(0, z), σ′ = 1 for z &gt; 0 else 0 (the sub-gradient 0 is taken at z = 0). */
    RELU {
        @Override
        public double apply(double z) {
            return z > 0 ? z : 0.0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }
    },
    /** σ(z) = z for z &gt; 0, else 0.01 z: ReLU with a small slope that keeps negative units learning. */
    LEAKY_RELU {
        @Override
        public double apply(double z) {
            return z > 0 ? z : LEAK * z;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : LEAK;
        }
    },
    /**
     * GELU in its tanh form (PyTorch's {@code approximate="tanh"}):
     * σ(z) = ½ z (1 + tanh u), u = √(2/π) (z + 0.044715 z³), so
     * σ′(z) = ½ (1 + tanh u) + ½ z (1 − tanh² u) √(2/π) (1 + 3 · 0.044715 z²).
     */
    GELU {
        @Override
        public double apply(double z) {
            return 0.5 * z * (1.0 + ExactMath.tanh(GELU_C * (z + GELU_K * z * z * z)));
        }

        @Override
        public double derivative(double z) {
            double t = ExactMath.tanh(GELU_C * (z + GELU_K * z * z * z));
            return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_K * z * z);
        }
    },
    /**
     * softmax(z)_j = e^{z_j} / Σ_k e^{z_k}, computed as e^{z_j − max z} so large logits cannot
     * overflow. Its Jacobian is ∂a_j/∂z_i = a_j (1[i = j] − a_i), so the backward step is
     * out_i = a_i (g_i − Σ_j a_j g_j). With the cross-entropy cost the two fuse into a − y
     * ({@link Loss}).
     */
    SOFTMAX {
        @Override
        public double apply(double z) {
            throw new IllegalStateException("softmax is defined on a row of units, not one unit");
        }

        @Override
        public double derivative(double z) {
            throw new IllegalStateException("softmax is defined on a row of units, not one unit");
        }

        @Override
        public boolean elementwise() {
            return false;
        }

        @Override
        public void apply(double[] z, double[] a) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = ExactMath.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
        }

        @Override
        public void backward(double[] z, double[] a, double[] g, double[] out) {
            double ag = 0;
            for (int j = 0; j < a.length; j++) {
                ag += a[j] * g[j];
            }
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] * (g[i] - ag);
            }
        }
    };

    /** Slope of leaky ReLU for negative inputs. */
    public static final double LEAK = 0.01;

    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_K = 0.044715;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }

    static StandardActivation parse(String name) {
        return org.mlp4j.internal.Names.parse(values(), StandardActivation::id, name, "activation");
    }

    static String known() {
        return org.mlp4j.internal.Names.list(values(), StandardActivation::id);
    }
}
