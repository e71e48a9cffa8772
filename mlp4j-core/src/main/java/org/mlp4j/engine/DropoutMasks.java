package org.mlp4j.engine;

import org.mlp4j.kernels.Kernels;
import org.mlp4j.math.Rng;

/**
 * Inverted dropout masks for a batch: for the input of each weight layer, one value per unit and
 * example, 0 with probability p and 1 / (1 − p) otherwise, so the expected input is unchanged. Each row
 * has its own seed, from (run key, step, layer, row), and each unit's draw is a hash of (seed, unit)
 * ({@link Kernels#dropoutMask}): the masks depend on neither the thread that draws them nor where a run
 * was resumed, and a row is drawn in wide vectors. (Before 0.1.0 was released each row ran a xorshift generator,
 * one unit after the other; that serial chain was a sixth of a dropout recipe's step.)
 */
final class DropoutMasks {
    private final int[] sizes;
    private final Kernels kernels;
    /** mask[l]: the mask of the input of weight layer l, n × sizes[l]. */
    private final float[][] mask;
    /** X ⊙ mask[0], the input of the first layer under input dropout. */
    private final float[] droppedInput;

    private long key;
    private long step;

    DropoutMasks(int[] sizes, int capacity, Kernels kernels) {
        this.sizes = sizes;
        this.kernels = kernels;
        int layers = sizes.length - 1;
        this.mask = new float[layers][];
        for (int l = 0; l < layers; l++) {
            mask[l] = new float[capacity * sizes[l]];
        }
        this.droppedInput = new float[capacity * sizes[0]];
    }

    /** The run's key ({@link Rng#regularizationKey}) and the step the next masks are for. */
    void reseed(long runKey) {
        this.key = runKey;
    }

    void beginStep(long stepNumber) {
        this.step = stepNumber;
    }

    /** The mask of the input of weight layer l from the last draw (for tests). */
    float[] mask(int l) {
        return mask[l];
    }

    /** Draws input dropout for rows [from, to) and returns X ⊙ M (valid for those rows). */
    float[] dropInputs(float[] x, int from, int to, double p) {
        draw(0, from, to, p);
        float[] m = mask[0];
        for (int q = from * sizes[0], end = to * sizes[0]; q < end; q++) {
            droppedInput[q] = x[q] * m[q];
        }
        return droppedInput;
    }

    /** The input of the first layer under input dropout, as {@link #dropInputs} left it. */
    float[] droppedInputs() {
        return droppedInput;
    }

    /** Draws the mask of the input of layer l + 1 for rows [from, to) and applies it to a (layer l's output). */
    void dropActivations(int l, float[] a, int from, int to, double p) {
        draw(l + 1, from, to, p);
        float[] m = mask[l + 1];
        for (int q = from * sizes[l + 1], end = to * sizes[l + 1]; q < end; q++) {
            a[q] *= m[q];
        }
    }

    private void draw(int l, int from, int to, double p) {
        int width = sizes[l];
        float keepScale = (float) (1 / (1 - p));
        // a unit is dropped when its 24-bit uniform draw is below p · 2^24
        int threshold = (int) Math.round(p * (1 << 24));
        float[] m = mask[l];
        for (int i = from; i < to; i++) {
            long s = Rng.mix(key ^ Rng.mix(step * 0x9E3779B97F4A7C15L + l * 0xBF58476D1CE4E5B9L + i));
            kernels.dropoutMask((int) (s ^ (s >>> 32)), threshold, keepScale, m, i * width, width);
        }
    }
}
