package org.mlp4j.engine;

/**
 * The gradient buffers of a step with an optimizer: every layer's weight gradient in canonical layout (fan_in
 * × fan_out), a narrow layer's also transposed (as its kernels compute it), and the bias gradients.
 */
final class Gradients {
    /** w[l]: the gradient of layer l's weights, canonical layout. */
    final float[][] w;
    /** b[l]: the gradient of layer l's biases. */
    final float[][] b;
    /** wt[l]: a narrow layer's weight gradient as computed, transposed (fan_out × fan_in); null otherwise. */
    final float[][] wt;

    private final int[] sizes;
    /** Offsets of each layer's rows in canonical layout (its weight rows, then its bias row). */
    private final int[] start;

    Gradients(int[] sizes, boolean[] narrow) {
        int layers = sizes.length - 1;
        this.sizes = sizes;
        this.start = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            start[l + 1] = start[l] + sizes[l] + 1;
        }
        w = new float[layers][];
        b = new float[layers][];
        wt = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new float[sizes[l] * sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
            if (narrow[l]) {
                wt[l] = new float[sizes[l] * sizes[l + 1]];
            }
        }
    }

    /** The global L2 norm of the gradient (all weights and biases), for clipping. */
    double norm() {
        double s = 0;
        for (int l = 0; l < w.length; l++) {
            s += sumOfSquares(w[l]) + sumOfSquares(b[l]);
        }
        return Math.sqrt(s);
    }

    private static double sumOfSquares(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }

    /** Rows of all layers in canonical layout (each layer's weight rows and its bias row): {@link #apply}'s range. */
    int rows() {
        return start[start.length - 1];
    }

    /** The optimizer's update from these gradients for canonical rows [from, to) of all layers (with clipping). */
    void apply(UpdateRule optimizer, org.mlp4j.model.Network net, int from, int to) {
        LayerRows.forEachLayer(start, from, to, (l, r0, r1) -> applyLayerRows(optimizer, net, l, r0, r1));
    }

    /** {@link #apply} within layer l: its weight rows, then its bias row, in [r0, r1). */
    private void applyLayerRows(UpdateRule optimizer, org.mlp4j.model.Network net, int l, int r0, int r1) {
        int in = sizes[l];
        int out = sizes[l + 1];
        int k1 = Math.min(r1, in);
        if (r0 < k1) {
            optimizer.update(2 * l, net.weights(l), w[l], r0 * out, k1 * out);
        }
        if (r1 > in) {
            optimizer.update(2 * l + 1, net.biases(l), b[l], 0, out);
        }
    }
}
