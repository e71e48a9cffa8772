package org.mlp4j.engine;

import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Loss;
import org.mlp4j.model.Network;

/**
 * The batched path: the article's backprop for a whole minibatch at once, as float32 matrix products.
 *
 * <p>With the minibatch as rows (A^0 = X, n × fan_in) and mlp4j's (fan_in × fan_out) weight layout:
 * <ul>
 *   <li>forward: Z^l = A^{l−1} W^l + b^l, A^l = σ(Z^l) (the output layer with its own activation);</li>
 *   <li>equation (1): Δ^L = ∇_a C(A^L, Y) ⊙ σ′(Z^L), row by row through {@link Loss};</li>
 *   <li>equation (2): Δ^{l} = (Δ^{l+1} (W^{l+1})ᵀ) ⊙ σ′(Z^{l});</li>
 *   <li>equation (3) averaged over the minibatch: ∇W^l = (1/n) (A^{l−1})ᵀ Δ^l, ∇b^l = (1/n) Σ_i Δ^l_i.</li>
 * </ul>
 * Two ways to apply equation (3). {@link #step(Batch, double)} is the article's {@code update_params}:
 * the SGD step W −= lr ∇W is fused into the gradient loop, so no gradient is stored.
 * {@link #step(Batch, UpdateRule, long)} stores the gradient of a block of rows and hands it, still
 * in cache, to an {@link UpdateRule} (momentum, Adam, …); with gradient clipping, which needs the norm
 * of the whole gradient first, all gradients are computed before any update.
 *
 * <p>The forward pass and both deltas only read row i of each matrix to write row i, so they run as one
 * parallel loop over chunks of examples; the update runs as one parallel loop over chunks of weight
 * rows. Chunk boundaries are fixed multiples of the grain, whichever thread takes a chunk, and the
 * kernels' blocks of four rows start at the chunk's start: no output depends on which thread computed
 * it, so results are identical for any thread count. Dropout masks are drawn from a generator seeded
 * by (seed, step, layer, row), so they too are the same for any thread count.
 *
 * <p>All work arrays are allocated once, for a network and a batch capacity: a step allocates nothing.
 */
public final class BatchedBackprop {
    static final int ROW_GRAIN = 8;
    private static final int UPDATE_GRAIN = 16;
    private static final float[] ONE = {1f};
    /**
     * Layers with fewer outputs than this (the 10-way output layer) are computed on a transposed
     * working copy of their weights, (fan_out × fan_in) as in the article, so that every inner loop
     * runs along the long fan_in dimension: a row of 10 floats is shorter than one vector register.
     */
    static final int NARROW_BELOW = 32;

    private final Network net;
    private final Kernels kernels;
    private final WorkerPool pool;
    private final int capacity;
    private final int layers;
    private final int[] sizes;
    private final Activation sigma;
    private final Activation outputSigma;
    private final Cost cost;
    /** z[l] and a[l] are the weighted inputs and activations of layer l (n × sizes[l+1]). */
    private final float[][] z;

    private final float[][] a;
    /** delta[l] is Δ for layer l (n × sizes[l+1]). */
    private final float[][] delta;
    /** narrow[l]: layer l works on wt[l], the transpose of its weights; see {@link #NARROW_BELOW}. */
    private final boolean[] narrow;
    /** wt[l]: the transpose (fan_out × fan_in) of a narrow layer's weights, refreshed every step. */
    private final float[][] wt;
    /** Zeros, as the bias of the products that propagate Δ back. */
    private final float[] zeros;
    /** Offsets of each layer's rows (weight rows then its bias row) in the update loop's index space. */
    private final int[] updateStart;

    private final ThreadLocal<OutputRow> rowScratch;

    /**
     * What one pass over a batch reads and never changes while its tasks run, handed to them as a value:
     * the batch, whether dropout applies, and for an update its scale (lr / n, or −1 / n into the gradient
     * buffers) and the optimizer's rule (null for the article's fused SGD), fused into the gradient loop or
     * run after it.
     */
    private record Pass(Batch batch, boolean training, float scale, UpdateRule rule, boolean fused) {
        static Pass forward(Batch b) {
            return new Pass(b, false, 0f, null, false);
        }
    }
    /** Column norms for max-norm, as wide as the widest layer's output. */
    private final float[] columnScratch;

    // Gradients and dropout buffers, allocated on first use.
    private Gradients grads;
    private DropoutMasks masks;

    /**
     * Equation (2) from the highest wide layer above the first down, for the whole batch; the per-example
     * pass runs it through the layers above that one.
     */
    private final WideBackward wide;

    private boolean skipZeros = true;
    private double inputDropout;
    private double hiddenDropout;
    private double maxNorm;

    public BatchedBackprop(Network net, int capacity, Kernels kernels, WorkerPool pool) {
        this.net = net;
        this.kernels = kernels;
        this.pool = pool;
        this.capacity = capacity;
        this.layers = net.layerCount();
        this.sizes = net.sizes();
        this.sigma = net.activation();
        this.outputSigma = net.outputActivation();
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
        this.zeros = new float[Math.max(widest, capacity)];
        this.wide = new WideBackward(net, kernels, pool, narrow, delta, zeros, capacity);
        int widestOut = 0;
        for (int l = 0; l < layers; l++) {
            widestOut = Math.max(widestOut, sizes[l + 1]);
        }
        this.columnScratch = new float[widestOut];
        int outs = sizes[layers];
        this.rowScratch = ThreadLocal.withInitial(() -> OutputRow.of(outs));
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

    /** Dropout and max-norm for the following {@linkplain #step(Batch, UpdateRule, long) steps}. */
    public void regularize(double inputDropout, double hiddenDropout, double maxNorm, long seed) {
        this.inputDropout = inputDropout;
        this.hiddenDropout = hiddenDropout;
        this.maxNorm = maxNorm;
        if ((inputDropout > 0 || hiddenDropout > 0) && masks == null) {
            masks = new DropoutMasks(sizes, capacity, kernels);
        }
        if (masks != null) {
            masks.reseed(seed);
        }
    }

    /**
     * One step of minibatch SGD on the batch: the article's {@code update_params}, batched. The batch
     * may be only {@linkplain Batch#assign assigned}: its rows are then converted in parallel, each by
     * the thread that runs its forward pass.
     */
    public void step(Batch b, double lr) {
        begin(b);
        Pass pass = new Pass(b, false, (float) lr / b.size(), null, false);
        pool.parallelFor(b.size(), ROW_GRAIN, (from, to) -> forwardChunk(pass, from, to, true));
        wide.run(
                b.size(),
                (l, from, to) -> propagateRows(pass, l, from, to),
                (h, from, to) -> derivativeRows(pass, h, from, to));
        pool.parallelFor(updateStart[layers], UPDATE_GRAIN, (from, to) -> updateRows(pass, from, to));
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                Network.transposeInto(wt[l], sizes[l + 1], sizes[l], net.weights(l));
            }
        }
    }

    /**
     * One training step with an optimizer: forward (with dropout when {@linkplain #regularize
     * configured}), backward, gradient, update, max-norm. {@code step} numbers the step for the dropout
     * masks; the same number gives the same masks.
     */
    public void step(Batch b, UpdateRule opt, long step) {
        if (grads == null) {
            grads = new Gradients(sizes, narrow); // on the first optimizer step: the article's steps store none
        }
        begin(b);
        if (masks != null) {
            masks.beginStep(step);
        }
        boolean fused = !opt.needsGradientNorm();
        // the gradient kernels subtract scale · Aᵀ Δ from a zeroed buffer
        Pass pass = new Pass(b, true, -1f / b.size(), opt, fused);
        pool.parallelFor(b.size(), ROW_GRAIN, (from, to) -> forwardChunk(pass, from, to, true));
        wide.run(
                b.size(),
                (l, from, to) -> propagateRows(pass, l, from, to),
                (h, from, to) -> derivativeRows(pass, h, from, to));
        if (fused) {
            opt.beginStep(0);
        }
        pool.parallelFor(updateStart[layers], UPDATE_GRAIN, (from, to) -> updateRows(pass, from, to));
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                // narrow layers' gradients were computed transposed; bring them to the canonical layout
                Network.transposeInto(grads.wt[l], sizes[l + 1], sizes[l], grads.w[l]);
            }
        }
        if (fused) {
            for (int l = 0; l < layers; l++) {
                if (narrow[l]) {
                    opt.update(2 * l, net.weights(l), grads.w[l], 0, grads.w[l].length);
                }
            }
        } else {
            opt.beginStep(grads.norm());
            pool.parallelFor(grads.rows(), UPDATE_GRAIN, (from, to) -> grads.apply(opt, net, from, to));
        }
        if (maxNorm > 0) {
            for (int l = 0; l < layers; l++) {
                MaxNorm.apply(net.weights(l), sizes[l], sizes[l + 1], (float) maxNorm, columnScratch);
            }
        }
    }

    /** The last step's gradients (w[l] in the canonical layout, b[l]), for tests. */
    Gradients gradients() {
        return grads;
    }

    /** The dropout mask of the input of layer l in the last step, n × sizes[l] (for tests). */
    public float[] dropoutMask(int l) {
        return masks.mask(l);
    }

    /**
     * The forward pass alone (the article's {@code feedforward} on a batch, filled or only assigned).
     * The outputs stay in {@link #outputs()} until the next call.
     */
    public void forward(Batch b) {
        begin(b);
        Pass pass = Pass.forward(b);
        pool.parallelFor(b.size(), ROW_GRAIN, (from, to) -> forwardChunk(pass, from, to, false));
    }

    /**
     * The summed cost and the number of correct argmaxes of the last forward pass (or step, measured
     * before its update) against the batch's targets: {cost, correct}.
     */
    public double[] costAndCorrect(Batch b) {
        return rowScratch.get().costAndCorrect(z[layers - 1], a[layers - 1], b, outputSigma, cost);
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
        for (int l = 0; l < layers; l++) {
            if (narrow[l]) {
                Network.transposeInto(net.weights(l), sizes[l], sizes[l + 1], wt[l]);
            }
        }
    }

    /** The input of layer 0 for this pass: X, or X with input dropout. */
    private float[] input0(Pass p) {
        return p.training() && inputDropout > 0 ? masks.droppedInputs() : p.batch().x;
    }

    /** The input of weight layer l. */
    private float[] layerInput(Pass p, int l) {
        return l == 0 ? input0(p) : a[l - 1];
    }

    /**
     * The forward pass (and with {@code backward} equations (1) and (2)) for examples [from, to), layer
     * by layer over the whole chunk, so each kernel reuses what it loads of W across the chunk's
     * examples.
     */
    private void forwardChunk(Pass p, int from, int to, boolean backward) {
        for (int i = from; i < to; i++) {
            p.batch().ensureRow(i);
        }
        if (p.training() && inputDropout > 0) {
            masks.dropInputs(p.batch().x, from, to, inputDropout);
        }
        for (int l = 0; l < layers; l++) {
            Inference.forwardLayer(
                    kernels, net, l, layerInput(p, l), narrow[l] ? wt[l] : null, from, to, z[l], a[l], skipZeros);
            if (p.training() && hiddenDropout > 0 && l < layers - 1) {
                masks.dropActivations(l, a[l], from, to, hiddenDropout);
            }
        }
        if (backward) {
            backwardChunk(p, from, to);
        }
    }

    /** Equations (1) and (2) for examples [from, to): every layer's Δ. */
    private void backwardChunk(Pass p, int from, int to) {
        int last = layers - 1;
        int outs = sizes[layers];
        OutputRow row = rowScratch.get();
        float[] weights = p.batch().weights();
        for (int i = from; i < to; i++) {
            row.load(z[last], a[last], p.batch().y, i);
            Loss.delta(outputSigma, cost, row.z(), row.a(), row.y(), row.delta(), row.costGradient());
            int o = i * outs;
            if (weights == null) {
                for (int j = 0; j < outs; j++) {
                    delta[last][o + j] = (float) row.delta()[j];
                }
            } else {
                // a weighted example's error counts w times (the weights average 1 over the batch)
                for (int j = 0; j < outs; j++) {
                    delta[last][o + j] = (float) (row.delta()[j] * weights[i]);
                }
            }
        }
        for (int l = last; l > wide.top; l--) {
            propagateRows(p, l, from, to);
        }
    }

    /**
     * Equation (2) through narrow layer l for examples [from, to): Δ^{l−1} = (Δ^l (W^l)ᵀ) ⊙ σ′(Z^{l−1}), with
     * the forward kernels on the transposed weights, zero deltas skipped.
     */
    private void propagateRows(Pass p, int l, int from, int to) {
        int out = sizes[l + 1];
        int in = sizes[l];
        kernels.affineRows(delta[l], out, from, to, out, wt[l], zeros, delta[l - 1], in, true);
        derivativeRows(p, l - 1, from, to);
    }

    /**
     * δ ⊙ σ′(Z^h) for hidden layer h's rows [from, to), and ⊙ the dropout mask when the layer above saw A^h ⊙
     * M.
     */
    private void derivativeRows(Pass p, int h, int from, int to) {
        int in = sizes[h + 1];
        float[] m = p.training() && hiddenDropout > 0 ? masks.mask(h + 1) : null;
        ActivationRows.derivative(sigma, kernels, delta[h], z[h], a[h], m, from * in, (to - from) * in);
    }

    /**
     * Equation (3) for the weight and bias rows [from, to) of all layers: fused with the SGD step, or
     * into the gradient buffers (then, when the optimizer is fused, handed to it row block by row block).
     */
    private void updateRows(Pass p, int from, int to) {
        LayerRows.forEachLayer(updateStart, from, to, (l, r0, r1) -> updateLayerRows(p, l, r0, r1));
    }

    /** {@link #updateRows} within layer l: its update rows [r0, r1). */
    private void updateLayerRows(Pass p, int l, int r0, int r1) {
        UpdateRule optimizer = p.rule();
        if (!narrow[l]) {
            // a wide layer's weight rows in one call, so each loaded block of Δ serves four rows
            int k1 = Math.min(r1, sizes[l]);
            if (r0 < k1) {
                int out = sizes[l + 1];
                float[] target = net.weights(l);
                if (optimizer != null) {
                    target = grads.w[l];
                    java.util.Arrays.fill(target, r0 * out, k1 * out, 0f);
                }
                kernels.rankUpdateRows(
                        target,
                        r0,
                        k1,
                        out,
                        p.scale(),
                        layerInput(p, l),
                        sizes[l],
                        p.batch().size(),
                        delta[l],
                        skipZeros);
                if (optimizer != null && p.fused()) {
                    optimizer.update(2 * l, net.weights(l), grads.w[l], r0 * out, k1 * out);
                }
            }
            r0 = Math.max(r0, k1);
        } else {
            // a narrow layer's transposed rows (one per output unit) in one call, blocked like the wide ones:
            // transposed row r −= scale · Σ_i δ_ir · a_i, its coefficients column r of Δ
            int k1 = Math.min(r1, sizes[l + 1]);
            if (r0 < k1) {
                int in = sizes[l];
                float[] target = optimizer == null ? wt[l] : grads.wt[l];
                if (optimizer != null) {
                    java.util.Arrays.fill(target, r0 * in, k1 * in, 0f);
                }
                kernels.rankUpdateRows(
                        target,
                        r0,
                        k1,
                        in,
                        p.scale(),
                        delta[l],
                        sizes[l + 1],
                        p.batch().size(),
                        layerInput(p, l),
                        true);
            }
            r0 = Math.max(r0, k1);
        }
        if (r0 < r1) { // the last row of the layer's block: its biases
            updateBiases(p, l);
        }
    }

    /** Equation (3) for layer l's biases: b −= scale · Σ_i δ_i (or into the gradient buffer). */
    private void updateBiases(Pass p, int l) {
        int out = sizes[l + 1];
        UpdateRule optimizer = p.rule();
        float[] target = optimizer == null ? net.biases(l) : grads.b[l];
        if (optimizer != null) {
            java.util.Arrays.fill(target, 0f);
        }
        kernels.rankUpdateRow(target, 0, out, p.scale(), ONE, 0, 0, p.batch().size(), delta[l]);
        if (optimizer != null && p.fused()) {
            optimizer.update(2 * l + 1, net.biases(l), grads.b[l], 0, out);
        }
    }
}
