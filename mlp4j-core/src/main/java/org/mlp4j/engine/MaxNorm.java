package org.mlp4j.engine;

/**
 * The max-norm constraint (Srivastava et al. 2014): the incoming weight vector of every unit j, column j
 * of mlp4j's (fan_in × fan_out) layout, is scaled down to norm c when it is longer.
 */
public final class MaxNorm {
    private MaxNorm() {}

    /**
     * Applies the constraint to w (in × out); {@code norms} is scratch of at least {@code out} floats.
     */
    public static void apply(float[] w, int in, int out, float c, float[] norms) {
        float[] sq = norms;
        java.util.Arrays.fill(sq, 0, out, 0f);
        for (int k = 0; k < in; k++) {
            for (int j = 0, o = k * out; j < out; j++) {
                sq[j] += w[o + j] * w[o + j];
            }
        }
        boolean any = false;
        for (int j = 0; j < out; j++) {
            double norm = Math.sqrt(sq[j]);
            sq[j] = norm > c ? (float) (c / norm) : 1f;
            any |= norm > c;
        }
        if (any) {
            for (int k = 0; k < in; k++) {
                for (int j = 0, o = k * out; j < out; j++) {
                    w[o + j] *= sq[j];
                }
            }
        }
    }
}
