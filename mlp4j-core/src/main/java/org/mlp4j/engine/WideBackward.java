package org.mlp4j.engine;

import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/**
 * Equation (2) through the wide layers above the first, for the whole batch at once: the layers the
 * per-example pass of {@link BatchedBackprop} left (it stops at the first wide one). For a wide layer
 * Δ^{l−1} (n × in) = Δ^l (W^l)ᵀ is computed as its transpose, W^l (Δ^l)ᵀ, with the forward kernels on W^l's
 * rows: only the small batch matrices are transposed, not W^l. Each output is the same sum in the same order
 * (ascending units of layer l), so the bits are those of the product on a transposed copy of W^l, which this
 * replaced: keeping that copy current took a quarter of a step for a 1024 × 1024 layer (a matrix whose rows
 * are 4 KB apart transposes slowly: every column walk falls into the same few cache sets).
 */
final class WideBackward {
    private final Network net;
    private final Kernels kernels;
    private final WorkerPool pool;
    private final int[] sizes;
    private final boolean[] narrow;
    /** Δ of every layer, shared with the engine (n × sizes[l+1]). */
    private final float[][] delta;

    private final float[] zeros;
    /** The highest wide layer above the first (0 when there is none): the walk starts there. */
    final int top;
    /** (Δ^l)ᵀ and (Δ^{l−1})ᵀ of a wide layer l, each as large as the largest such matrix. */
    private final float[] deltaT;

    private final float[] deltaBelowT;

    WideBackward(
            Network net,
            Kernels kernels,
            WorkerPool pool,
            boolean[] narrow,
            float[][] delta,
            float[] zeros,
            int capacity) {
        this.net = net;
        this.kernels = kernels;
        this.pool = pool;
        this.sizes = net.sizes();
        this.narrow = narrow;
        this.delta = delta;
        this.zeros = zeros;
        int layers = net.layerCount();
        int highest = 0;
        int widestT = 0;
        for (int l = 1; l < layers; l++) {
            if (!narrow[l]) {
                highest = l;
            }
            widestT = Math.max(widestT, Math.max(sizes[l], sizes[l + 1]));
        }
        this.top = highest;
        this.deltaT = new float[capacity * widestT];
        this.deltaBelowT = new float[capacity * widestT];
    }

    /**
     * Δ of layers top − 1 down to 0 for a batch of n: a narrow layer through {@code narrowRows} (per example
     * chunk), a wide one through the transposes; {@code derivative} applies ⊙ σ′ to rows of the layer below.
     *
     * @param n examples in the batch
     * @param narrowRows Δ^{l−1} of a narrow layer l for an example chunk, σ′ included
     * @param derivative ⊙ σ′(Z^h) (and the dropout mask) for rows [from, to) of hidden layer h
     */
    void run(int n, LayerRows narrowRows, LayerRows derivative) {
        for (int l = top; l > 0; l--) {
            int layer = l;
            if (narrow[l]) {
                pool.parallelFor(n, BatchedBackprop.ROW_GRAIN, (from, to) -> narrowRows.run(layer, from, to));
            } else {
                pool.parallelFor(n, BatchedBackprop.ROW_GRAIN, (from, to) -> transposeDeltaRows(layer, n, from, to));
                pool.parallelFor(sizes[l], BatchedBackprop.ROW_GRAIN, (k0, k1) -> productRows(layer, n, k0, k1));
                pool.parallelFor(n, BatchedBackprop.ROW_GRAIN, (from, to) -> {
                    untransposeRows(layer, n, from, to);
                    derivative.run(layer - 1, from, to);
                });
            }
        }
    }

    /** Rows [k0, k1) of (Δ^{l−1})ᵀ = W^l (Δ^l)ᵀ for a batch of n. */
    private void productRows(int l, int n, int k0, int k1) {
        int out = sizes[l + 1];
        kernels.affineRows(net.weights(l), out, k0, k1, out, deltaT, zeros, deltaBelowT, n, false);
    }

    /**
     * Columns [from, to) of (Δ^l)ᵀ for a batch of n: the examples' rows of Δ^l, unit by unit. Done in
     * parallel by example chunks (a chunk reads a few rows and writes a few adjacent floats of each row of the
     * transpose); a whole-matrix transpose on one thread took as long as the product's share of a core.
     */
    private void transposeDeltaRows(int l, int n, int from, int to) {
        int out = sizes[l + 1];
        float[] d = delta[l];
        for (int k = 0; k < out; k++) {
            for (int i = from, o = k * n; i < to; i++) {
                deltaT[o + i] = d[i * out + k];
            }
        }
    }

    /** Rows [from, to) of Δ^{l−1} from its transpose, in parallel by example chunks as {@link #transposeDeltaRows}. */
    private void untransposeRows(int l, int n, int from, int to) {
        int in = sizes[l];
        float[] d = delta[l - 1];
        for (int k = 0; k < in; k++) {
            for (int i = from, o = k * n; i < to; i++) {
                d[i * in + k] = deltaBelowT[o + i];
            }
        }
    }
}
