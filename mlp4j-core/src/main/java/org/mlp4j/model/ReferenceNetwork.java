package org.mlp4j.model;

/**
 * The plain reference path: the article's {@code feedforward}, {@code backprop} and
 * {@code update_params}, one example at a time, in double precision, written to be read next to the
 * article. It is the oracle the fast batched path is tested against, and what the finite-difference
 * gradient check differentiates.
 *
 * <p>It holds a double-precision copy of a {@link Network}'s parameters in the same layout
 * ({@code w[l][k * fanOut + j]} is the article's W^l_{jk}).
 */
public final class ReferenceNetwork {
    private final int[] sizes;
    private final Activation sigma;
    private final Cost cost;
    /** Parameters in double precision; the gradient check perturbs them through the accessors. */
    private final double[][] w;
    private final double[][] b;

    private ReferenceNetwork(int[] sizes, Activation sigma, Cost cost, double[][] w, double[][] b) {
        this.sizes = sizes;
        this.sigma = sigma;
        this.cost = cost;
        this.w = w;
        this.b = b;
    }

    /** A double-precision copy of the network's parameters (float to double is exact). */
    public static ReferenceNetwork of(Network net) {
        int layers = net.layerCount();
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = toDouble(net.weights(l));
            b[l] = toDouble(net.biases(l));
        }
        return new ReferenceNetwork(net.sizes(), net.activation(), net.cost(), w, b);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    public int layerCount() {
        return sizes.length - 1;
    }

    /** Live weights of layer l in double precision. */
    public double[] weights(int l) {
        return w[l];
    }

    /** Live biases of layer l in double precision. */
    public double[] biases(int l) {
        return b[l];
    }

    /** z^l = W^l a^{l−1} + b^l for one layer (l counted from 0 here). */
    private double[] weightedInput(int l, double[] aPrev) {
        int in = sizes[l];
        int out = sizes[l + 1];
        double[] z = new double[out];
        for (int j = 0; j < out; j++) {
            double s = b[l][j];
            for (int k = 0; k < in; k++) {
                s += w[l][k * out + j] * aPrev[k];
            }
            z[j] = s;
        }
        return z;
    }

    private double[] activate(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = sigma.apply(z[j]);
        }
        return a;
    }

    /** The article's {@code feedforward} for one example: a ← σ(W a + b), layer by layer. */
    public double[] feedforward(double[] x) {
        double[] a = x;
        for (int l = 0; l < layerCount(); l++) {
            a = activate(weightedInput(l, a));
        }
        return a;
    }

    /** C(x, y) = Σ_j cost(a_j, y_j) for one example. */
    public double cost(double[] x, double[] y) {
        double[] a = feedforward(x);
        double c = 0;
        for (int j = 0; j < a.length; j++) {
            c += cost.value(a[j], y[j]);
        }
        return c;
    }

    /**
     * Everything backprop computes for one example: per layer (0 = first weight layer) the weighted
     * input z, the activation a, the local error gradient δ, and the gradients.
     */
    public record Trace(double[][] zs, double[][] activations, double[][] deltas, Gradients gradients, double cost) {
    }

    /**
     * The article's {@code backprop}: the gradient of C with respect to every weight and bias for one
     * example.
     * <ol>
     *   <li>Forward pass, keeping every z^l and a^l.</li>
     *   <li>Equation (1): δ^L = ∇_a C ⊙ σ′(z^L).</li>
     *   <li>Equation (2): δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), for l = L−1 … 1.</li>
     *   <li>Equation (3): ∂C/∂b^l_j = δ^l_j and ∂C/∂W^l_{jk} = a^{l−1}_k δ^l_j.</li>
     * </ol>
     */
    public Gradients backprop(double[] x, double[] y) {
        return trace(x, y).gradients();
    }

    /** {@link #backprop}, keeping every intermediate value (for learners: {@code mlp4j explain}). */
    public Trace trace(double[] x, double[] y) {
        int layers = layerCount();
        double[][] zs = new double[layers][];
        double[][] activations = new double[layers + 1][];
        double[][] deltas = new double[layers][];
        activations[0] = x;
        for (int l = 0; l < layers; l++) {
            zs[l] = weightedInput(l, activations[l]);
            activations[l + 1] = activate(zs[l]);
        }
        Gradients g = Gradients.zerosLike(sizes);

        // Equation (1): the output layer's local error gradient.
        int last = layers - 1;
        double[] aL = activations[layers];
        double[] delta = new double[aL.length];
        double c = 0;
        for (int j = 0; j < aL.length; j++) {
            delta[j] = cost.derivative(aL[j], y[j]) * sigma.derivative(zs[last][j]);
            c += cost.value(aL[j], y[j]);
        }
        deltas[last] = delta;
        layerGradients(last, delta, activations[last], g);

        // Equation (2), going backwards through the hidden layers.
        for (int l = last - 1; l >= 0; l--) {
            int out = sizes[l + 2];
            int in = sizes[l + 1];
            double[] deltaBelow = new double[in];
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int j = 0; j < out; j++) {
                    s += w[l + 1][k * out + j] * delta[j]; // (W^{l+1})ᵀ δ^{l+1}
                }
                deltaBelow[k] = s * sigma.derivative(zs[l][k]);
            }
            delta = deltaBelow;
            deltas[l] = delta;
            layerGradients(l, delta, activations[l], g);
        }
        return new Trace(zs, activations, deltas, g, c);
    }

    /** Equation (3) for one layer: ∂C/∂b = δ, ∂C/∂W_{jk} = a_k δ_j. */
    private void layerGradients(int l, double[] delta, double[] aPrev, Gradients g) {
        int out = sizes[l + 1];
        double[] gw = g.weights(l);
        double[] gb = g.biases(l);
        for (int j = 0; j < out; j++) {
            gb[j] = delta[j];
        }
        for (int k = 0; k < aPrev.length; k++) {
            for (int j = 0; j < out; j++) {
                gw[k * out + j] = aPrev[k] * delta[j];
            }
        }
    }

    /**
     * The article's {@code update_params}: sums the per-example gradients of a minibatch and moves the
     * network's parameters by −lr · (sum / n), in double precision, then stores them back as float.
     */
    public static void updateParams(Network net, float[][] xs, float[][] ys, double lr) {
        ReferenceNetwork ref = of(net);
        int[] sizes = net.sizes();
        Gradients nabla = Gradients.zerosLike(sizes);
        for (int i = 0; i < xs.length; i++) {
            nabla.add(ref.backprop(toDouble(xs[i]), toDouble(ys[i])));
        }
        int n = xs.length;
        for (int l = 0; l < net.layerCount(); l++) {
            float[] w = net.weights(l);
            float[] b = net.biases(l);
            double[] gw = nabla.weights(l);
            double[] gb = nabla.biases(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (ref.w[l][i] - lr * gw[i] / n);
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = (float) (ref.b[l][j] - lr * gb[j] / n);
            }
        }
    }

    /** Float to double, for callers holding float examples. */
    public static double[] asDouble(float[] x) {
        return toDouble(x);
    }
}
