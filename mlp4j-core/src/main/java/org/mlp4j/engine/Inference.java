package org.mlp4j.engine;

import java.util.Arrays;
import org.mlp4j.InvalidInputException;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/**
 * The forward pass alone: the article's {@code feedforward} on a batch of inputs, for evaluation and
 * prediction. It holds only what the forward pass needs (z and a per layer, and a transposed copy of the
 * narrow output layer), so inference never builds the training engine nor invents targets. Its products
 * are the training engine's own ({@link Kernels#affineRows} for wide layers, {@link Kernels#dot} along
 * fan_in for narrow ones), so a network scores the same here as in the training loop's validation, bit
 * for bit. Not thread-safe: one instance per thread.
 */
public final class Inference {
    /** Examples per forward pass when evaluating a data set: large enough for the kernels' blocks. */
    public static final int EVAL_BATCH = 1000;

    private static final int ROW_GRAIN = 8;

    private final Network net;
    private final Kernels kernels;
    private final WorkerPool pool;
    private final int capacity;
    private final int layers;
    private final int[] sizes;
    private final boolean[] narrow;
    private final float[][] wt;
    private final float[][] z;
    private final float[][] a;

    /**
     * Working space for batches of up to {@code capacity} examples.
     *
     * @param net      the network; its current weights are read at every pass
     * @param capacity the most examples per pass
     * @param kernels  the kernels to use
     * @param pool     the threads to use
     */
    public Inference(Network net, int capacity, Kernels kernels, WorkerPool pool) {
        this.net = net;
        this.kernels = kernels;
        this.pool = pool;
        this.capacity = capacity;
        this.layers = net.layerCount();
        this.sizes = net.sizes();
        this.narrow = new boolean[layers];
        this.wt = new float[layers][];
        this.z = new float[layers][];
        this.a = new float[layers][];
        for (int l = 0; l < layers; l++) {
            // narrow layers as in training (the same products, so the same bits as the engine)
            narrow[l] = sizes[l + 1] < BatchedBackprop.NARROW_BELOW;
            wt[l] = narrow[l] ? new float[sizes[l] * sizes[l + 1]] : null;
            z[l] = new float[capacity * sizes[l + 1]];
            a[l] = new float[capacity * sizes[l + 1]];
        }
    }

    /**
     * The outputs for the batch's examples (converted here, in parallel, if only assigned); they stay in
     * {@link #outputs()} until the next pass.
     *
     * @param b the batch
     */
    public void forward(Batch b) {
        if (b.size() > capacity || b.features() != sizes[0]) {
            throw new IllegalArgumentException("batch of " + b.size() + " x " + b.features()
                    + " does not fit a workspace for " + capacity + " x " + sizes[0]);
        }
        run(b, b.x, b.size());
    }

    /**
     * The outputs for {@code n} inputs laid out row-major in {@code x} ({@code n × inputs}).
     *
     * @param x the inputs
     * @param n the number of examples, at most the capacity
     */
    public void forward(float[] x, int n) {
        if (n > capacity || x.length < n * sizes[0]) {
            throw new IllegalArgumentException(n + " inputs do not fit a workspace for " + capacity + " x " + sizes[0]);
        }
        run(null, x, n);
    }

    /**
     * The output layer's activations of the last pass, row-major (examples × outputs).
     *
     * @return the live array
     */
    public float[] outputs() {
        return a[layers - 1];
    }

    /**
     * The output layer's weighted inputs z of the last pass, row-major (examples × outputs): the margins
     * from which {@link #outputs()} are made (a softmax's logits, a sigmoid output's log-odds).
     *
     * @return the live array
     */
    public float[] margins() {
        return z[layers - 1];
    }

    /** A pass over n inputs in x; a batch that is only assigned has its rows converted by the tasks. */
    private void run(Batch batch, float[] x, int n) {
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                Network.transposeInto(net.weights(l), sizes[l], sizes[l + 1], wt[l]);
            }
        }
        pool.parallelFor(n, ROW_GRAIN, (from, to) -> forwardRows(batch, x, from, to));
    }

    private void forwardRows(Batch batch, float[] input, int from, int to) {
        if (batch != null) {
            for (int i = from; i < to; i++) {
                batch.ensureRow(i);
            }
        }
        for (int l = 0; l < layers; l++) {
            forwardLayer(
                    kernels, net, l, l == 0 ? input : a[l - 1], narrow[l] ? wt[l] : null, from, to, z[l], a[l], true);
        }
    }

    /**
     * Layer l's forward pass for examples [from, to): z = x Wᵀ + b, then a = σ(z). A narrow layer (given its
     * transposed weights {@code wt}) as dot products, a wide one as a blocked product on W's rows. Training
     * and inference both call this one method, so they compute the same bits.
     */
    static void forwardLayer(
            Kernels kernels,
            Network net,
            int l,
            float[] x,
            float[] wt,
            int from,
            int to,
            float[] z,
            float[] a,
            boolean skipZeros) {
        int in = net.size(l);
        int out = net.size(l + 1);
        float[] bias = net.biases(l);
        if (wt != null) {
            for (int i = from; i < to; i++) {
                kernels.dotRows(x, i * in, wt, out, in, bias, z, i * out);
            }
        } else {
            kernels.affineRows(x, in, from, to, in, net.weights(l), bias, z, out, skipZeros);
        }
        ActivationRows.apply(net.activation(l), kernels, z, a, from * out, to - from, out);
    }

    /**
     * One row of outputs per input row, in passes of up to {@link #EVAL_BATCH}.
     *
     * @param net     the network
     * @param xs      inputs, one row of {@code net.inputSize()} values per example
     * @param kernels the kernels to use
     * @param pool    the threads to use
     * @return the outputs
     * @throws InvalidInputException naming the first row of the wrong length
     */
    public static float[][] outputs(Network net, float[][] xs, Kernels kernels, WorkerPool pool) {
        return rows(net, xs, kernels, pool, false);
    }

    /**
     * One row of margins (the output layer's weighted inputs, see {@link #margins()}) per input row, computed
     * as {@link #outputs(Network, float[][], Kernels, WorkerPool)} computes the outputs.
     *
     * @param net     the network
     * @param xs      inputs, one row of {@code net.inputSize()} values per example
     * @param kernels the kernels to use
     * @param pool    the threads to use
     * @return the margins
     * @throws InvalidInputException naming the first row of the wrong length
     */
    public static float[][] margins(Network net, float[][] xs, Kernels kernels, WorkerPool pool) {
        return rows(net, xs, kernels, pool, true);
    }

    private static float[][] rows(Network net, float[][] xs, Kernels kernels, WorkerPool pool, boolean margins) {
        int in = net.inputSize();
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null || xs[i].length != in) {
                throw new InvalidInputException("input " + i + ": expected " + in + " values (the input layer), found "
                        + (xs[i] == null ? "null" : xs[i].length));
            }
        }
        float[][] out = new float[xs.length][];
        if (xs.length == 0) {
            return out;
        }
        int k = net.outputSize();
        int bs = Math.min(EVAL_BATCH, xs.length);
        Inference inference = new Inference(net, bs, kernels, pool);
        float[] x = new float[bs * in];
        for (int from = 0; from < xs.length; from += bs) {
            int n = Math.min(xs.length, from + bs) - from;
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs[from + i], 0, x, i * in, in);
            }
            inference.forward(x, n);
            for (int i = 0; i < n; i++) {
                float[] source = margins ? inference.margins() : inference.outputs();
                out[from + i] = Arrays.copyOfRange(source, i * k, (i + 1) * k);
            }
        }
        return out;
    }
}
