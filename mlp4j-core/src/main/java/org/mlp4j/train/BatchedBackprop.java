package org.mlp4j.train;

import org.mlp4j.data.Batch;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;

/**
 * The batched path: the article's backprop for a whole minibatch at once, as float32 matrix products,
 * with the gradient step fused into the weight-gradient loop.
 *
 * <p>With the minibatch as rows (A^0 = X, n × fan_in) and mlp4j's (fan_in × fan_out) weight layout:
 * <ul>
 *   <li>forward: Z^l = A^{l−1} W^l + b^l, A^l = σ(Z^l);</li>
 *   <li>equation (1): Δ^L = ∇_a C(A^L, Y) ⊙ σ′(Z^L);</li>
 *   <li>equation (2): Δ^{l} = (Δ^{l+1} (W^{l+1})ᵀ) ⊙ σ′(Z^{l});</li>
 *   <li>equation (3) summed over the minibatch, with the article's update:
 *       W^l −= (lr / n) (A^{l−1})ᵀ Δ^l and b^l −= (lr / n) Σ_i Δ^l_i.</li>
 * </ul>
 * The forward pass and both deltas only read row i of each matrix to write row i, so they run as one
 * parallel loop over chunks of examples; the update runs as one parallel loop over chunks of weight
 * rows. Chunk boundaries are fixed multiples of the grain, whichever thread takes a chunk, and the
 * kernels' blocks of four rows start at the chunk's start: no output depends on which thread computed
 * it, so results are identical for any thread count.
 *
 * <p>All work arrays are allocated once, for a network and a batch capacity: a step allocates nothing.
 */
public final class BatchedBackprop {
    private static final int ROW_GRAIN = 8;
    private static final int UPDATE_GRAIN = 16;
    private static final float[] ONE = {1f};
    /**
     * Layers with fewer outputs than this (the 10-way output layer) are computed on a transposed
     * working copy of their weights, (fan_out × fan_in) as in the article, so that every inner loop
     * runs along the long fan_in dimension: a row of 10 floats is shorter than one vector register.
     */
    private static final int NARROW_BELOW = 32;

    private final Network net;
    private final Kernels kernels;
    private final WorkerPool pool;
    private final int capacity;
    private final int layers;
    private final int[] sizes;
    private final Activation sigma;
    private final Cost cost;
    /** z[l] and a[l] are the weighted inputs and activations of layer l (n × sizes[l+1]). */
    private final float[][] z;
    private final float[][] a;
    /** delta[l] is Δ for layer l (n × sizes[l+1]). */
    private final float[][] delta;
    /** narrow[l]: layer l works on wt[l], the transpose of its weights; see {@link #NARROW_BELOW}. */
    private final boolean[] narrow;
    private final float[][] wt;
    /** Zeros, as the bias of the product that propagates Δ back through a narrow layer. */
    private final float[] zeros;
    /** Offsets of each layer's rows (weight rows then its bias row) in the update loop's index space. */
    private final int[] updateStart;

    private final WorkerPool.RangeTask forwardTask = this::forwardRows;
    private final WorkerPool.RangeTask forwardBackwardTask = this::forwardBackwardRows;
    private final WorkerPool.RangeTask updateTask = this::updateRows;

    private Batch batch;
    private boolean skipZeros = true;
    private float scale;

    public BatchedBackprop(Network net, int capacity, Kernels kernels, WorkerPool pool) {
        this.net = net;
        this.kernels = kernels;
        this.pool = pool;
        this.capacity = capacity;
        this.layers = net.layerCount();
        this.sizes = net.sizes();
        this.sigma = net.activation();
        this.cost = net.cost();
        this.z = new float[layers][];
        this.a = new float[layers][];
        this.delta = new float[layers][];
        this.updateStart = new int[layers + 1];
        this.narrow = new boolean[layers];
        this.wt = new float[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            z[l] = new float[capacity * out];
            a[l] = new float[capacity * out];
            delta[l] = new float[capacity * out];
            narrow[l] = out < NARROW_BELOW;
            if (narrow[l]) {
                wt[l] = new float[in * out];
            }
            // A wide layer updates its in weight rows and its bias; a narrow one its out transposed rows
            // and its bias.
            updateStart[l + 1] = updateStart[l] + (narrow[l] ? out : in) + 1;
            widest = Math.max(widest, in);
        }
        this.zeros = new float[widest];
    }

    public Network network() {
        return net;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Whether the kernels skip zero inputs (default true). The results are the same either way;
     * benchmarks turn it off to show what skipping zeros saves.
     */
    public void skipZeroInputs(boolean skip) {
        this.skipZeros = skip;
    }

    /**
     * One step of minibatch SGD on the batch: the article's {@code update_params}, batched. The batch
     * may be only {@linkplain Batch#assign assigned}: its rows are then converted in parallel, each by
     * the thread that runs its forward pass.
     */
    public void step(Batch b, float lr) {
        begin(b);
        pool.parallelFor(b.size(), ROW_GRAIN, forwardBackwardTask);
        scale = lr / b.size();
        pool.parallelFor(updateStart[layers], UPDATE_GRAIN, updateTask);
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                transpose(wt[l], sizes[l + 1], sizes[l], net.weights(l));
            }
        }
        batch = null;
    }

    /**
     * The forward pass alone (the article's {@code feedforward} on a batch, filled or only assigned).
     * The outputs stay in {@link #outputs()} until the next call.
     */
    public void forward(Batch b) {
        begin(b);
        pool.parallelFor(b.size(), ROW_GRAIN, forwardTask);
        batch = null;
    }

    /**
     * The summed cost and the number of correct argmaxes of the last forward pass (or step, measured
     * before its update) against the batch's targets: {cost, correct}.
     */
    public double[] costAndCorrect(Batch b) {
        int k = sizes[layers];
        float[] out = a[layers - 1];
        double c = 0;
        int correct = 0;
        for (int i = 0; i < b.size(); i++) {
            int best = 0;
            for (int j = 0; j < k; j++) {
                c += cost.value(out[i * k + j], b.y[i * k + j]);
                if (out[i * k + j] > out[i * k + best]) {
                    best = j;
                }
            }
            if (best == b.labels[i]) {
                correct++;
            }
        }
        return new double[] {c, correct};
    }

    /** The last layer's activations from the last forward pass, row-major (n × outputs). */
    public float[] outputs() {
        return a[layers - 1];
    }

    private void begin(Batch b) {
        if (b.size() > capacity || b.features() != sizes[0]) {
            throw new IllegalArgumentException("batch of " + b.size() + " x " + b.features()
                    + " does not fit a workspace for " + capacity + " x " + sizes[0]);
        }
        batch = b;
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                transpose(net.weights(l), sizes[l], sizes[l + 1], wt[l]);
            }
        }
    }

    /** dst (cols × rows) = srcᵀ, src being (rows × cols), both row-major. */
    private static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
    }

    private void forwardRows(int from, int to) {
        forwardChunk(from, to, false);
    }

    private void forwardBackwardRows(int from, int to) {
        forwardChunk(from, to, true);
    }

    /**
     * The forward pass (and with {@code backward} equations (1) and (2)) for examples [from, to), layer
     * by layer over the whole chunk, so each kernel reuses what it loads of W across the chunk's
     * examples; then the deltas example by example.
     */
    private void forwardChunk(int from, int to, boolean backward) {
        for (int i = from; i < to; i++) {
            batch.ensureRow(i);
        }
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] bias = net.biases(l);
            if (narrow[l]) {
                float[] input = l == 0 ? batch.x : a[l - 1];
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < out; j++) {
                        z[l][i * out + j] = bias[j] + kernels.dot(input, i * in, wt[l], j * in, in);
                    }
                }
            } else {
                kernels.affineRows(l == 0 ? batch.x : a[l - 1], in, from, to, in, net.weights(l), bias, z[l], out, skipZeros);
            }
            sigma.applyRow(kernels, z[l], a[l], from * out, (to - from) * out);
        }
        if (backward) {
            for (int i = from; i < to; i++) {
                backwardRow(i);
            }
        }
    }

    /** Equations (1) and (2) for example i: every layer's Δ_i. */
    private void backwardRow(int i) {
        int last = layers - 1;
        int outs = sizes[layers];
        float[] aL = a[last];
        float[] zL = z[last];
        float[] dL = delta[last];
        float[] y = batch.y;
        for (int j = 0; j < outs; j++) {
            int p = i * outs + j;
            dL[p] = (float) (cost.derivative(aL[p], y[p]) * sigma.derivative(zL[p], aL[p]));
        }
        for (int l = last; l > 0; l--) {
            int out = sizes[l + 1];
            int in = sizes[l];
            float[] w = net.weights(l);
            float[] dAbove = delta[l];
            float[] dBelow = delta[l - 1];
            float[] zBelow = z[l - 1];
            float[] aBelow = a[l - 1];
            if (narrow[l]) {
                // ((W^{l+1})ᵀ δ^{l+1}) as a sum of the transposed rows, weighted by δ^{l+1}
                kernels.affineRow(dAbove, i * out, out, wt[l], zeros, dBelow, i * in, in);
                for (int p = i * in, end = p + in; p < end; p++) {
                    dBelow[p] = (float) (dBelow[p] * sigma.derivative(zBelow[p], aBelow[p]));
                }
            } else {
                for (int k = 0; k < in; k++) {
                    int p = i * in + k;
                    float back = kernels.dot(w, k * out, dAbove, i * out, out); // ((W^{l+1})ᵀ δ^{l+1})_k
                    dBelow[p] = (float) (back * sigma.derivative(zBelow[p], aBelow[p]));
                }
            }
        }
    }

    /** Equation (3) fused with the SGD step, for the weight and bias rows [from, to) of all layers. */
    private void updateRows(int from, int to) {
        int l = 0;
        for (int g = from; g < to; ) {
            while (g >= updateStart[l + 1]) {
                l++;
            }
            int end = Math.min(to, updateStart[l + 1]);
            int r0 = g - updateStart[l];
            int r1 = end - updateStart[l];
            if (!narrow[l]) {
                // a wide layer's weight rows in one call, so each loaded block of Δ serves four rows
                int k1 = Math.min(r1, sizes[l]);
                if (r0 < k1) {
                    kernels.descendRows(net.weights(l), r0, k1, sizes[l + 1], scale, l == 0 ? batch.x : a[l - 1],
                            sizes[l], batch.size(), delta[l], skipZeros);
                }
                r0 = Math.max(r0, k1);
            }
            for (int r = r0; r < r1; r++) {
                updateRow(l, r);
            }
            g = end;
        }
    }

    /** Row r of layer l's update that {@link #updateRows} does not batch: a bias, or a transposed narrow row. */
    private void updateRow(int l, int r) {
        int n = batch.size();
        int in = sizes[l];
        int out = sizes[l + 1];
        float[] d = delta[l];
        if (r == updateStart[l + 1] - updateStart[l] - 1) {
            kernels.descendRow(net.biases(l), 0, out, scale, ONE, 0, 0, n, d);
        } else {
            // transposed row r is output neuron r: W_r· −= scale · Σ_i δ_ir · a_i
            kernels.descendRow(wt[l], r * in, in, scale, d, r, out, n, l == 0 ? batch.x : a[l - 1]);
        }
    }
}
