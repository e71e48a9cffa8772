package org.mlp4j.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Kernels;

/** The built-in activations: the article's sigmoid, and identity, tanh and ReLU. */
public enum StandardActivation implements Activation {
    /** σ(z) = 1 / (1 + e^−z), σ′ = σ(1 − σ): the article's {@code sigmoid} and {@code d_sigmoid}. */
    SIGMOID {
        @Override
        public double apply(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
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

        @Override
        public void applyRow(Kernels kernels, float[] z, float[] a, int off, int len) {
            kernels.sigmoid(z, a, off, len);
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
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
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
    };

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    static StandardActivation parse(String name) {
        if (name != null) {
            for (StandardActivation a : values()) {
                if (a.toString().equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
        }
        throw new InvalidInputException("activation: expected one of " + known() + ", found '" + name + "'");
    }

    static String known() {
        return Arrays.stream(values()).map(StandardActivation::toString).collect(Collectors.joining(", "));
    }
}
