package org.mlp4j.model;

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
