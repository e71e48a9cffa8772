package org.mlp4j.model;

import org.mlp4j.math.Kernels;

/**
 * An element-wise activation function σ and its derivative σ′, the pair the article's backprop needs.
 *
 * <p>The double-precision methods define the function; they are what the reference path and the
 * gradient check use. {@link #derivative(double, double)} lets the training hot path reuse the
 * activation it already computed (σ′ = a(1 − a) for the sigmoid) instead of evaluating σ again.
 */
public interface Activation {

    /** Lower-case name used on the command line and in model files. */
    String id();

    /** a = σ(z). */
    double apply(double z);

    /** σ′(z). */
    double derivative(double z);

    /** σ′(z) given also a = σ(z); must equal {@link #derivative(double)}, may be cheaper. */
    default double derivative(double z, double a) {
        return derivative(z);
    }

    /**
     * a[i] = σ(z[i]) for i in [off, off + len), in float32: the training hot path. The default applies
     * {@link #apply(double)} element by element; an activation with a vector kernel overrides it.
     */
    default void applyRow(Kernels kernels, float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = (float) apply(z[i]);
        }
    }

    /** Looks up a built-in activation by name, case-insensitively. */
    static Activation byName(String name) {
        return StandardActivation.parse(name);
    }
}
