package org.mlp4j.model;

/**
 * ∂C/∂W and ∂C/∂b for every layer, in double precision, in the same layout as {@link Network}'s
 * parameters: the article's {@code nabla_W} and {@code nabla_b}.
 */
public final class Gradients {
    private final double[][] weights;
    private final double[][] biases;

    private Gradients(double[][] weights, double[][] biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * All-zero gradients for a network with these layer sizes.
     *
     * @param sizes layer sizes, input first
     * @return zero gradients
     */
    public static Gradients zerosLike(int[] sizes) {
        int layers = sizes.length - 1;
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l] * sizes[l + 1]];
            b[l] = new double[sizes[l + 1]];
        }
        return new Gradients(w, b);
    }

    /**
     * The number of weight layers.
     *
     * @return the count
     */
    public int layerCount() {
        return weights.length;
    }

    /**
     * ∂C/∂W of weight layer l, (fan_in × fan_out) row-major, live.
     *
     * @param l weight layer, from 0
     * @return the array itself
     */
    public double[] weights(int l) {
        return weights[l];
    }

    /**
     * ∂C/∂b of weight layer l, live.
     *
     * @param l weight layer, from 0
     * @return the array itself
     */
    public double[] biases(int l) {
        return biases[l];
    }

    /**
     * this += other, element-wise.
     *
     * @param other gradients of the same shape
     */
    public void add(Gradients other) {
        for (int l = 0; l < weights.length; l++) {
            addInto(weights[l], other.weights[l]);
            addInto(biases[l], other.biases[l]);
        }
    }

    /**
     * this *= s, element-wise.
     *
     * @param s the factor
     */
    public void scale(double s) {
        for (int l = 0; l < weights.length; l++) {
            scaleInPlace(weights[l], s);
            scaleInPlace(biases[l], s);
        }
    }

    private static void addInto(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }

    private static void scaleInPlace(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

    /** The L2 norm of each layer's weight and bias gradients, for people (the shell prints it). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Gradients[");
        for (int l = 0; l < weights.length; l++) {
            sb.append(l == 0 ? "" : ", ")
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "layer %d: |dC/dW| %.4e, |dC/db| %.4e",
                            l + 1,
                            norm(weights[l]),
                            norm(biases[l])));
        }
        return sb.append(']').toString();
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
