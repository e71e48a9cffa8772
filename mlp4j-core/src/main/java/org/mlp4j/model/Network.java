package org.mlp4j.model;

import java.util.Arrays;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * The parameters of a multilayer perceptron: its layer sizes, one weight matrix and one bias vector
 * per layer, the activation σ of the hidden layers, the activation of the output layer (the article
 * uses σ there too; modern recipes use softmax) and the cost C.
 *
 * <p><b>Layout.</b> The article writes the weights of layer l as W^l, a (fan_out × fan_in) matrix, so
 * that z^l = W^l a^{l−1} + b^l. mlp4j stores each matrix transposed, row-major (fan_in × fan_out):
 * {@code weights(l)[k * fanOut + j]} is the article's W^l_{jk}, the weight from neuron k of the layer
 * below to neuron j. With a minibatch as rows this makes the forward pass Z = A·W + b, a product whose
 * inner loop runs over one contiguous row of W and can skip zero inputs (most MNIST pixels are zero).
 * {@link #weight(int, int, int)} reads a weight with the article's indices.
 *
 * <p>Layer indices here count weight layers from 0: layer 0 maps the input to the first hidden layer.
 */
public final class Network {
    private final int[] sizes;
    private final Activation activation;
    private final Activation outputActivation;
    private final Cost cost;
    private final float[][] weights;
    private final float[][] biases;

    private Network(
            int[] sizes,
            Activation activation,
            Activation outputActivation,
            Cost cost,
            float[][] weights,
            float[][] biases) {
        checkArchitecture(activation, outputActivation, cost);
        this.sizes = sizes;
        this.activation = activation;
        this.outputActivation = outputActivation;
        this.cost = cost;
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Checks that the activations and the cost fit together: softmax only on the output layer, and the
     * cross-entropies only on outputs in (0, 1).
     *
     * @param activation the hidden layers' activation
     * @param outputActivation the output layer's activation
     * @param cost the cost
     * @throws org.mlp4j.InvalidInputException when they do not fit (its field names which)
     */
    public static void checkArchitecture(Activation activation, Activation outputActivation, Cost cost) {
        LayerChecks.architecture(activation, outputActivation, cost);
    }

    /** Largest layer size accepted from text (a command line or a file's metadata). */
    public static final int MAX_SIZE = 1 << 24;

    /**
     * Parses layer sizes such as "784,512,10"; every mistake is an {@link InvalidInputException} that
     * starts with {@code field} (a flag, or a file and its field).
     *
     * @param text the sizes, comma-separated
     * @param field names the value in messages
     * @return the sizes, each from 1 to {@value #MAX_SIZE}
     */
    public static int[] parseSizes(String text, String field) {
        return LayerChecks.parseSizes(text, field);
    }

    /** Most elements one weight matrix may have: the largest Java array. */
    public static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    /**
     * Checks a list of layer sizes: at least input and output, every size positive.
     *
     * @param sizes the layer sizes, input first
     * @return the same array
     */
    public static int[] checkSizes(int[] sizes) {
        return LayerChecks.checkSizes(sizes);
    }

    /**
     * The article's initialisation: every weight drawn from N(0, 1) / sqrt(fan_in), every bias from
     * N(0, 1) ({@code np.random.randn(y, x) / np.sqrt(x)} and {@code np.random.randn(y, 1)}), with σ on
     * every layer.
     *
     * @param layerSizes layer sizes, input first
     * @param activation σ of every layer
     * @param cost the cost
     * @param rng draws the parameters
     * @return the network
     */
    public static Network articleInit(int[] layerSizes, Activation activation, Cost cost, Rng rng) {
        return init(layerSizes, activation, activation, cost, Init.ARTICLE, rng);
    }

    /**
     * A network with freshly drawn parameters. Weights of all layers are drawn first, then biases, each
     * matrix in the article's (j, k) order, so {@link Init#ARTICLE} draws exactly the article's numbers.
     *
     * @param layerSizes layer sizes, input first
     * @param hidden the hidden layers' activation
     * @param output the output layer's activation
     * @param cost the cost
     * @param init how the weights are drawn
     * @param rng draws the parameters
     * @return the network
     */
    public static Network init(int[] layerSizes, Activation hidden, Activation output, Cost cost, Init init, Rng rng) {
        int[] sizes = checkSizes(layerSizes);
        int layers = sizes.length - 1;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new float[in * out];
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) {
                    w[l][k * out + j] = (float) init.weight(rng, in, out);
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            b[l] = new float[sizes[l + 1]];
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] = (float) init.bias(rng);
            }
        }
        return new Network(sizes, hidden, output, cost, w, b);
    }

    /**
     * A network from given parameters (copied), e.g. loaded from a file or built by a test.
     *
     * @param layerSizes layer sizes, input first
     * @param activation σ of every layer
     * @param cost the cost
     * @param weights per layer, (fan_in × fan_out) row-major
     * @param biases per layer, fan_out values
     * @return the network
     */
    public static Network of(int[] layerSizes, Activation activation, Cost cost, float[][] weights, float[][] biases) {
        return of(layerSizes, activation, activation, cost, weights, biases);
    }

    /**
     * A network from given parameters (copied), with its own output activation.
     *
     * @param layerSizes layer sizes, input first
     * @param hidden the hidden layers' activation
     * @param output the output layer's activation
     * @param cost the cost
     * @param weights per layer, (fan_in × fan_out) row-major
     * @param biases per layer, fan_out values
     * @return the network
     */
    public static Network of(
            int[] layerSizes, Activation hidden, Activation output, Cost cost, float[][] weights, float[][] biases) {
        int[] sizes = checkSizes(layerSizes);
        int layers = sizes.length - 1;
        if (weights.length != layers || biases.length != layers) {
            throw new InvalidInputException(
                    "parameters",
                    "parameters: expected " + layers + " weight and bias arrays, found " + weights.length + " and "
                            + biases.length);
        }
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            if (weights[l].length != sizes[l] * sizes[l + 1] || biases[l].length != sizes[l + 1]) {
                throw new InvalidInputException(
                        "parameters",
                        "parameters of layer " + l + ": expected " + sizes[l] * sizes[l + 1]
                                + " weights and " + sizes[l + 1] + " biases, found " + weights[l].length + " and "
                                + biases[l].length);
            }
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Network(sizes, hidden, output, cost, w, b);
    }

    /**
     * A deep copy.
     *
     * @return a network with its own copy of every parameter
     */
    public Network copy() {
        return of(sizes, activation, outputActivation, cost, weights, biases);
    }

    /**
     * Copies every parameter of {@code other}, which must have the same sizes, into this network.
     *
     * @param other a network of the same sizes
     */
    public void copyParametersFrom(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("cannot copy parameters of " + other + " into " + this);
        }
        for (int l = 0; l < layerCount(); l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /**
     * The layer sizes, input first (a copy).
     *
     * @return the sizes
     */
    public int[] sizes() {
        return sizes.clone();
    }

    /**
     * Size of layer {@code i} of the layer list (0 is the input).
     *
     * @param i index in the layer list
     * @return the number of units of that layer
     */
    public int size(int i) {
        return sizes[i];
    }

    /**
     * Number of weight layers (the article's num_layers − 1).
     *
     * @return the number of weight layers
     */
    public int layerCount() {
        return sizes.length - 1;
    }

    /**
     * The number of inputs (the first layer size).
     *
     * @return the size
     */
    public int inputSize() {
        return sizes[0];
    }

    /**
     * The number of outputs (the last layer size, the classes).
     *
     * @return the size
     */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /**
     * σ of the hidden layers.
     *
     * @return the hidden layers' activation
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The output layer's activation (the article's σ, or softmax).
     *
     * @return the output layer's activation
     */
    public Activation outputActivation() {
        return outputActivation;
    }

    /**
     * The activation of weight layer l.
     *
     * @param l weight layer, from 0
     * @return the hidden activation, or the output activation for the last layer
     */
    public Activation activation(int l) {
        return l == layerCount() - 1 ? outputActivation : activation;
    }

    /**
     * The cost (loss) the network is trained with.
     *
     * @return the cost
     */
    public Cost cost() {
        return cost;
    }

    /**
     * The live weight array of layer l, (fan_in × fan_out) row-major; see the class comment.
     *
     * @param l weight layer, from 0
     * @return the array itself: writes change the network
     */
    public float[] weights(int l) {
        return weights[l];
    }

    /**
     * The live bias array of layer l.
     *
     * @param l weight layer, from 0
     * @return the array itself: writes change the network
     */
    public float[] biases(int l) {
        return biases[l];
    }

    /**
     * Layer l's weights in the article's and PyTorch's layout, [fan_out, fan_in] row-major (W^l_jk at
     * j · fan_in + k): a copy, as model files and ONNX graphs store them.
     *
     * @param l weight layer, from 0
     * @return a new array of fan_out × fan_in values
     */
    public float[] weightsOutByIn(int l) {
        return transpose(weights(l), size(l), size(l + 1));
    }

    /**
     * A rows × cols row-major matrix as cols × rows.
     *
     * @param m the matrix
     * @param rows its rows
     * @param cols its columns
     * @return a new array
     */
    public static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[rows * cols];
        transposeInto(m, rows, cols, t);
        return t;
    }

    /**
     * {@code dst} (cols × rows) = {@code src}ᵀ, {@code src} being rows × cols, both row-major; in tiles,
     * so both stay in cache. The one transpose of mlp4j: model files, ONNX graphs and the engines use it.
     *
     * @param src  the matrix
     * @param rows its rows
     * @param cols its columns
     * @param dst  receives the transpose, at least rows × cols long
     */
    public static void transposeInto(float[] src, int rows, int cols, float[] dst) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }

    /**
     * The article's W^{l}_{jk}: weight from neuron k of layer l to neuron j of layer l + 1.
     *
     * @param l weight layer, from 0
     * @param j unit of layer l + 1
     * @param k unit of layer l
     * @return the weight
     */
    public float weight(int l, int j, int k) {
        return weights[l][k * sizes[l + 1] + j];
    }

    /**
     * Number of trainable parameters.
     *
     * @return weights and biases of all layers
     */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < layerCount(); l++) {
            n += weights[l].length + biases[l].length;
        }
        return n;
    }

    /**
     * True when no parameter is NaN or infinite.
     *
     * @return whether every parameter is finite
     */
    public boolean isFinite() {
        for (int l = 0; l < layerCount(); l++) {
            if (!allFinite(weights[l]) || !allFinite(biases[l])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when both networks have the same shape and bitwise-identical parameters.
     *
     * @param other another network
     * @return whether they are equal bit for bit
     */
    public boolean sameParameters(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            return false;
        }
        for (int l = 0; l < layerCount(); l++) {
            if (!Arrays.equals(weights[l], other.weights[l]) || !Arrays.equals(biases[l], other.biases[l])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Network" + Arrays.toString(sizes) + " " + activation.id()
                + (outputActivation == activation ? "" : "+" + outputActivation.id()) + "/" + cost.id();
    }
}
