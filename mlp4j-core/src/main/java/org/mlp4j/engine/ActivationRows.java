package org.mlp4j.engine;

import org.mlp4j.internal.ExactMath;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.model.Activation;
import org.mlp4j.model.StandardActivation;

/**
 * An activation over rows of float32 values: the hot path's σ(z) and "⊙ σ′(z)". Any {@link Activation}
 * works element by element through its double-precision methods; the built-in ones that have a faster or
 * row-wise form (the sigmoid's and ReLU's kernels, softmax over a row) take it here, with the same results.
 * It lives in the engine, not in {@code Activation}, so the activation contract a user implements names
 * no kernel.
 */
final class ActivationRows {
    private ActivationRows() {}

    /**
     * a = σ(z) in float32 for {@code rows} consecutive rows of {@code width} units starting at {@code off}.
     *
     * @param act     the activation
     * @param kernels the kernels to use
     * @param z       weighted inputs
     * @param a       receives σ(z)
     * @param off     index of the first value
     * @param rows    number of rows
     * @param width   units per row
     */
    static void apply(Activation act, Kernels kernels, float[] z, float[] a, int off, int rows, int width) {
        int end = off + rows * width;
        if (act instanceof StandardActivation s) {
            switch (s) {
                case SIGMOID -> {
                    kernels.sigmoid(z, a, off, rows * width);
                    return;
                }
                case IDENTITY -> {
                    System.arraycopy(z, off, a, off, rows * width);
                    return;
                }
                case RELU -> {
                    for (int i = off; i < end; i++) {
                        a[i] = Math.max(z[i], 0f);
                    }
                    return;
                }
                case LEAKY_RELU -> {
                    for (int i = off; i < end; i++) {
                        a[i] = z[i] > 0 ? z[i] : (float) StandardActivation.LEAK * z[i];
                    }
                    return;
                }
                case SOFTMAX -> {
                    softmax(z, a, off, rows, width);
                    return;
                }
                default -> {
                    // tanh and GELU: element by element, below
                }
            }
        }
        for (int i = off; i < end; i++) {
            a[i] = (float) act.apply(z[i]);
        }
    }

    /**
     * Equation (2)'s "⊙ σ′(z)" in float32 for the values [off, off + len) of a hidden layer: d[p] = d[p] ·
     * σ′(z[p]), and with dropout (a mask {@code m} applied to this layer's output, so {@code a} holds σ(z) · m)
     * d[p] = d[p] · m[p] · σ′(z[p]), or 0 where m[p] = 0. The general form computes {@link
     * Activation#derivative(double, double)} in double precision; the sigmoid's and ReLU's kernels compute
     * the same results.
     *
     * @param act     the activation
     * @param kernels the kernels to use
     * @param d       the back-propagated Δ, replaced by Δ ⊙ σ′(z) (⊙ m)
     * @param z       the weighted inputs
     * @param a       the activations as the layer above saw them (σ(z), or σ(z) · m)
     * @param m       the dropout mask, or null without dropout
     * @param off     index of the first value
     * @param len     number of values
     */
    static void derivative(
            Activation act, Kernels kernels, float[] d, float[] z, float[] a, float[] m, int off, int len) {
        if (act == StandardActivation.SIGMOID) {
            kernels.sigmoidDelta(d, a, m, off, len);
            return;
        }
        if (act == StandardActivation.RELU) {
            kernels.reluDelta(d, z, m, off, len); // σ′ is 1 or 0: nothing to compute
            return;
        }
        for (int p = off, end = off + len; p < end; p++) {
            if (m == null) {
                d[p] = (float) (d[p] * act.derivative(z[p], a[p]));
            } else if (m[p] == 0f) {
                d[p] = 0f;
            } else {
                // a holds the dropped activation a·m; σ′ wants σ(z) itself
                d[p] = (float) (d[p] * m[p] * act.derivative(z[p], a[p] / m[p]));
            }
        }
    }

    /** Softmax over each row, from e^{z − max z} so large logits cannot overflow. */
    private static void softmax(float[] z, float[] a, int off, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            int s = off + r * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = s; j < s + width; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = s; j < s + width; j++) {
                float e = (float) ExactMath.exp(z[j] - max);
                a[j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = s; j < s + width; j++) {
                a[j] *= inv;
            }
        }
    }
}
