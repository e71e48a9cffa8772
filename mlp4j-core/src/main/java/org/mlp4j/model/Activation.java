package org.mlp4j.model;

import org.mlp4j.math.Kernels;

/**
 * An activation function σ and its derivative σ′, the pair the article's backprop needs.
 *
 * <p>Most activations are element-wise: the double-precision {@link #apply(double)} and
 * {@link #derivative(double)} define them, and the reference path and the gradient check use those.
 * {@link #derivative(double, double)} lets the hot path reuse the activation it already computed
 * (σ′ = a(1 − a) for the sigmoid) instead of evaluating σ again.
 *
 * <p>Softmax is not element-wise (each output depends on the whole row), so the row-level methods
 * {@link #apply(double[], double[])} and {@link #backward} are what every path calls; the element-wise
 * ones are their building blocks.
 */
public interface Activation {

    /**
     * Lower-case name used on the command line and in model files.
     *
     * @return the name, such as {@code relu}
     */
    String id();

    /**
     * a = σ(z), for an element-wise activation.
     *
     * @param z the weighted input
     * @return σ(z)
     */
    double apply(double z);

    /**
     * σ′(z), for an element-wise activation.
     *
     * @param z the weighted input
     * @return σ′(z)
     */
    double derivative(double z);

    /**
     * σ′(z) given also a = σ(z); must equal {@link #derivative(double)}, may be cheaper.
     *
     * @param z the weighted input
     * @param a σ(z)
     * @return σ′(z)
     */
    default double derivative(double z, double a) {
        return derivative(z);
    }

    /**
     * False for activations that mix a row's units (softmax): usable only on the output layer.
     *
     * @return true when each unit depends on its own z only
     */
    default boolean elementwise() {
        return true;
    }

    /**
     * a = σ(z) for one example's row of units, in double precision.
     *
     * @param z the row's weighted inputs
     * @param a receives σ(z)
     */
    default void apply(double[] z, double[] a) {
        for (int j = 0; j < z.length; j++) {
            a[j] = apply(z[j]);
        }
    }

    /**
     * The backward step through σ for one example: out = J_σ(z)ᵀ g, where g = ∂C/∂a. For an
     * element-wise σ the Jacobian is diagonal and this is the article's g ⊙ σ′(z) (equations (1), (2)).
     *
     * @param z the row's weighted inputs
     * @param a σ(z)
     * @param g ∂C/∂a
     * @param out receives ∂C/∂z
     */
    default void backward(double[] z, double[] a, double[] g, double[] out) {
        for (int j = 0; j < z.length; j++) {
            out[j] = g[j] * derivative(z[j], a[j]);
        }
    }

    /**
     * a = σ(z) in float32 for {@code rows} consecutive rows of {@code width} units starting at
     * {@code off}: the training hot path. The default applies {@link #apply(double)} element by
     * element; activations with a faster or row-wise form override it.
     *
     * @param kernels the kernels to use
     * @param z weighted inputs
     * @param a receives σ(z)
     * @param off index of the first value
     * @param rows number of rows
     * @param width units per row
     */
    default void applyRows(Kernels kernels, float[] z, float[] a, int off, int rows, int width) {
        for (int i = off, end = off + rows * width; i < end; i++) {
            a[i] = (float) apply(z[i]);
        }
    }

    /**
     * Equation (2)'s "⊙ σ′(z)" in float32 for the values [off, off + len) of a hidden layer, the training
     * hot path: d[p] = d[p] · σ′(z[p]), and with dropout (a mask {@code m} applied to this layer's output,
     * so {@code a} holds σ(z) · m) d[p] = d[p] · m[p] · σ′(z[p]), or 0 where m[p] = 0. The default computes
     * {@link #derivative(double, double)} in double precision, element by element; activations with a
     * cheaper form override it with the same results.
     *
     * @param kernels the kernels to use
     * @param d the back-propagated Δ, replaced by Δ ⊙ σ′(z) (⊙ m)
     * @param z the weighted inputs
     * @param a the activations as the layer above saw them (σ(z), or σ(z) · m)
     * @param m the dropout mask, or null without dropout
     * @param off index of the first value
     * @param len number of values
     */
    default void derivativeRows(Kernels kernels, float[] d, float[] z, float[] a, float[] m, int off, int len) {
        for (int p = off, end = off + len; p < end; p++) {
            if (m == null) {
                d[p] = (float) (d[p] * derivative(z[p], a[p]));
            } else if (m[p] == 0f) {
                d[p] = 0f;
            } else {
                // a holds the dropped activation a·m; σ′ wants σ(z) itself
                d[p] = (float) (d[p] * m[p] * derivative(z[p], a[p] / m[p]));
            }
        }
    }

    /**
     * Looks up a built-in activation by name, case-insensitively.
     *
     * @param name a name such as {@code relu} or {@code leaky-relu}
     * @return the activation
     * @throws org.mlp4j.InvalidInputException for an unknown name
     */
    static Activation byName(String name) {
        return StandardActivation.parse(name);
    }
}
