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
    private final Activation outputSigma;
    private final Cost cost;
    /** Parameters in double precision; the gradient check perturbs them through the accessors. */
    private final double[][] w;

    private final double[][] b;

    private ReferenceNetwork(
            int[] sizes, Activation sigma, Activation outputSigma, Cost cost, double[][] w, double[][] b) {
        this.sizes = sizes;
        this.sigma = sigma;
        this.outputSigma = outputSigma;
        this.cost = cost;
        this.w = w;
        this.b = b;
    }

    /**
     * A double-precision copy of the network's parameters (float to double is exact).
     *
     * @param net the network to copy
     * @return the reference copy
     */
    public static ReferenceNetwork of(Network net) {
        int layers = net.layerCount();
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = toDouble(net.weights(l));
            b[l] = toDouble(net.biases(l));
        }
        return new ReferenceNetwork(net.sizes(), net.activation(), net.outputActivation(), net.cost(), w, b);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /**
     * The number of weight layers.
     *
     * @return the count
     */
    public int layerCount() {
        return sizes.length - 1;
    }

    /**
     * Live weights of layer l in double precision.
     *
     * @param l weight layer, from 0
     * @return the array itself, (fan_in × fan_out) row-major
     */
    public double[] weights(int l) {
        return w[l];
    }

    /**
     * Live biases of layer l in double precision.
     *
     * @param l weight layer, from 0
     * @return the array itself
     */
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

    private Activation activation(int l) {
        return l == layerCount() - 1 ? outputSigma : sigma;
    }

    private double[] activate(int l, double[] z) {
        double[] a = new double[z.length];
        activation(l).apply(z, a);
        return a;
    }

    /** The input of layer l after dropout: a ⊙ mask (mask null: no dropout). */
    private static double[] dropped(double[] a, double[] mask) {
        if (mask == null) {
            return a;
        }
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * mask[k];
        }
        return d;
    }

    /**
     * The article's {@code feedforward} for one example: a ← σ(W a + b), layer by layer.
     *
     * @param x one input
     * @return the output layer's activations
     */
    public double[] feedforward(double[] x) {
        double[] a = x;
        for (int l = 0; l < layerCount(); l++) {
            a = activate(l, weightedInput(l, a));
        }
        return a;
    }

    /**
     * C(x, y) for one example.
     *
     * @param x one input
     * @param y its target
     * @return the cost
     */
    public double cost(double[] x, double[] y) {
        return cost(x, y, null);
    }

    /**
     * C(x, y) for one example with fixed dropout masks: masks[l] multiplies the input of weight layer l
     * (masks or any masks[l] null: no dropout there).
     *
     * @param x one input
     * @param y its target
     * @param masks dropout masks per weight layer, or null
     * @return the cost
     */
    public double cost(double[] x, double[] y, double[][] masks) {
        double[] a = x;
        double[] z = null;
        for (int l = 0; l < layerCount(); l++) {
            z = weightedInput(l, dropped(a, masks == null ? null : masks[l]));
            a = activate(l, z);
        }
        return Loss.cost(outputSigma, cost, z, a, y);
    }

    /**
     * Everything backprop computes for one example: per layer (0 = first weight layer) the weighted
     * input z, the activation a, the local error gradient δ, and the gradients.
     */
    public record Trace(double[][] zs, double[][] activations, double[][] deltas, Gradients gradients, double cost) {}

    /**
     * The article's {@code backprop}: the gradient of C with respect to every weight and bias for one
     * example.
     * <ol>
     *   <li>Forward pass, keeping every z^l and a^l.</li>
     *   <li>Equation (1): δ^L = ∇_a C ⊙ σ′(z^L) (for softmax, J_σᵀ ∇_a C; see {@link Loss}).</li>
     *   <li>Equation (2): δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), for l = L−1 … 1.</li>
     *   <li>Equation (3): ∂C/∂b^l_j = δ^l_j and ∂C/∂W^l_{jk} = a^{l−1}_k δ^l_j.</li>
     * </ol>
     *
     * @param x one input
     * @param y its target
     * @return ∂C/∂W and ∂C/∂b of every layer
     */
    public Gradients backprop(double[] x, double[] y) {
        return trace(x, y, null).gradients();
    }

    /**
     * {@link #backprop}, keeping every intermediate value (for learners: {@code mlp4j explain}).
     *
     * @param x one input
     * @param y its target
     * @return every z, a and δ and the gradients
     */
    public Trace trace(double[] x, double[] y) {
        return trace(x, y, null);
    }

    /**
     * {@link #trace} with fixed dropout masks as in {@link #cost(double[], double[], double[][])}: the
     * layer above sees a ⊙ m, so equation (2) gains the factor m, δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ m ⊙ σ′(z^l),
     * and equation (3) uses the dropped activations.
     *
     * @param x one input
     * @param y its target
     * @param masks dropout masks per weight layer, or null
     * @return every z, a and δ and the gradients
     */
    public Trace trace(double[] x, double[] y, double[][] masks) {
        int layers = layerCount();
        double[][] zs = new double[layers][];
        double[][] activations = new double[layers + 1][];
        double[][] inputs = new double[layers][];
        double[][] deltas = new double[layers][];
        activations[0] = x;
        for (int l = 0; l < layers; l++) {
            inputs[l] = dropped(activations[l], masks == null ? null : masks[l]);
            zs[l] = weightedInput(l, inputs[l]);
            activations[l + 1] = activate(l, zs[l]);
        }
        Gradients g = Gradients.zerosLike(sizes);

        // Equation (1): the output layer's local error gradient.
        int last = layers - 1;
        double[] aL = activations[layers];
        double[] delta = new double[aL.length];
        Loss.delta(outputSigma, cost, zs[last], aL, y, delta, new double[aL.length]);
        double c = Loss.cost(outputSigma, cost, zs[last], aL, y);
        deltas[last] = delta;
        layerGradients(last, delta, inputs[last], g);

        // Equation (2), going backwards through the hidden layers.
        for (int l = last - 1; l >= 0; l--) {
            int out = sizes[l + 2];
            int in = sizes[l + 1];
            double[] mask = masks == null ? null : masks[l + 1];
            double[] deltaBelow = new double[in];
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int j = 0; j < out; j++) {
                    s += w[l + 1][k * out + j] * delta[j]; // (W^{l+1})ᵀ δ^{l+1}
                }
                deltaBelow[k] = s * (mask == null ? 1.0 : mask[k]) * sigma.derivative(zs[l][k]);
            }
            delta = deltaBelow;
            deltas[l] = delta;
            layerGradients(l, delta, inputs[l], g);
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
     *
     * @param net the network, updated in place
     * @param xs the minibatch's inputs
     * @param ys their targets
     * @param lr the learning rate η
     */
    public static void updateParams(Network net, float[][] xs, float[][] ys, double lr) {
        updateParams(net, xs, ys, null, lr);
    }

    /**
     * {@link #updateParams(Network, float[][], float[][], double)} with each example's gradient counted
     * {@code weights[i]} times (weights that average 1 over the batch: the weighted mean gradient).
     *
     * @param net the network, updated in place
     * @param xs the batch's inputs
     * @param ys the batch's targets
     * @param weights each example's weight, averaging 1, or null for none
     * @param lr the learning rate
     */
    public static void updateParams(Network net, float[][] xs, float[][] ys, float[] weights, double lr) {
        ReferenceNetwork ref = of(net);
        int[] sizes = net.sizes();
        Gradients nabla = Gradients.zerosLike(sizes);
        for (int i = 0; i < xs.length; i++) {
            Gradients g = ref.backprop(toDouble(xs[i]), toDouble(ys[i]));
            if (weights != null) {
                g.scale(weights[i]);
            }
            nabla.add(g);
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

    /**
     * Float to double, for callers holding float examples.
     *
     * @param x float values
     * @return the same values as doubles
     */
    public static double[] asDouble(float[] x) {
        return toDouble(x);
    }
}
