package org.mlp4j.kernels;

import org.mlp4j.internal.ExactMath;

/**
 * Plain loops: the fallback when the Vector API is absent, and the baseline the vector kernels are tested
 * against. Every output is computed with the same operations in the same order as in {@link VectorKernels}
 * (fused multiply-adds over the inner dimension in ascending order, the same exponential, the same
 * sixteen-way dot product), so the two give the same bits and a run does not depend on which one ran.
 */
final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void affineRow(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n) {
        System.arraycopy(bias, 0, z, zOff, n);
        for (int r = 0; r < k; r++) {
            float c = a[aOff + r];
            if (c != 0f) {
                axpy(c, w, r * n, z, zOff, n);
            }
        }
    }

    @Override
    public void affineRows(
            float[] a,
            int aStride,
            int rFrom,
            int rTo,
            int k,
            float[] w,
            float[] bias,
            float[] z,
            int n,
            boolean skipZeros) {
        for (int r = rFrom; r < rTo; r++) {
            affineRow(a, r * aStride, k, w, bias, z, r * n, n);
        }
    }

    private static void axpy(float c, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] = Math.fma(c, x[xOff + j], y[yOff + j]);
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = ExactMath.sigmoidFloat(z[i]);
        }
    }

    @Override
    public void dropoutMask(int seed, int threshold, float keep, float[] m, int off, int len) {
        for (int k = 0; k < len; k++) {
            int h = Kernels.dropoutHash(seed + k * 0x9E3779B9);
            m[off + k] = (h >>> 8) < threshold ? 0f : keep;
        }
    }

    @Override
    public void reluDelta(float[] d, float[] z, float[] m, int off, int len) {
        for (int p = off; p < off + len; p++) {
            boolean pass = z[p] > 0f && (m == null || m[p] != 0f);
            d[p] = pass ? (m == null ? d[p] : d[p] * m[p]) : 0f;
        }
    }

    @Override
    public void sigmoidDelta(float[] d, float[] a, float[] m, int off, int len) {
        for (int p = off, end = off + len; p < end; p++) {
            if (m == null) {
                double s = a[p];
                d[p] = (float) (d[p] * (s * (1.0 - s)));
            } else if (m[p] == 0f) {
                d[p] = 0f;
            } else {
                // float products and quotient first, as Activation.derivativeRows writes them
                double s = a[p] / m[p];
                d[p] = (float) (d[p] * m[p] * (s * (1.0 - s)));
            }
        }
    }

    @Override
    public void dotRows(float[] x, int xOff, float[] y, int rows, int len, float[] bias, float[] out, int outOff) {
        for (int j = 0; j < rows; j++) {
            out[outOff + j] = bias[j] + canonicalDot(x, xOff, y, j * len, len);
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        return canonicalDot(x, xOff, y, yOff, len);
    }

    /** The number of partial sums of {@link #canonicalDot}: 16, so 4-, 8- and 16-lane vectors can all follow it. */
    static final int DOT_WAYS = 16;
    /** Per-thread partial sums: a dot product runs per example and output unit, so nothing is allocated per call. */
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[DOT_WAYS]);

    /**
     * Σ x·y in the order every kernel uses, whatever its vector width: sixteen partial sums (element i goes
     * to sum i mod 16, fused multiply-adds in ascending i), added pairwise in a fixed tree ({@link #tree}),
     * then the last len mod 16 elements fused in order. A vector of 16 lanes keeps the partial sums in one
     * register, one of 8 lanes in two, one of 4 in four: the same operations, so the same bits.
     */
    static float canonicalDot(float[] x, int xOff, float[] y, int yOff, int len) {
        float[] p = PARTIALS.get();
        java.util.Arrays.fill(p, 0f);
        int i = 0;
        for (; i + DOT_WAYS <= len; i += DOT_WAYS) {
            for (int t = 0; t < DOT_WAYS; t++) {
                p[t] = Math.fma(x[xOff + i + t], y[yOff + i + t], p[t]);
            }
        }
        float s = tree(p);
        for (; i < len; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    /** ((p0 + p1) + (p2 + p3)) + … : sixteen partial sums added pairwise, always in this order. */
    static float tree(float[] p) {
        float a = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
        float b = ((p[8] + p[9]) + (p[10] + p[11])) + ((p[12] + p[13]) + (p[14] + p[15]));
        return a + b;
    }

    // The gradient loops walk one column at a time, so they need no scratch row (no allocation per
    // step); the sum over the minibatch runs in ascending example order, as in the vector kernels.
    @Override
    public void rankUpdateRow(
            float[] w, int wOff, int n, float scale, float[] coef, int coefOff, int coefStride, int m, float[] d) {
        for (int j = 0; j < n; j++) {
            float g = 0f;
            for (int i = 0; i < m; i++) {
                float c = coef[coefOff + i * coefStride];
                if (c != 0f) { // as the vector kernels gather the non-zero coefficients
                    g = Math.fma(c, d[i * n + j], g);
                }
            }
            w[wOff + j] = Math.fma(g, -scale, w[wOff + j]);
        }
    }

    @Override
    public void rankUpdateRows(
            float[] w,
            int kFrom,
            int kTo,
            int n,
            float scale,
            float[] coef,
            int coefStride,
            int m,
            float[] d,
            boolean skipZeros) {
        for (int k = kFrom; k < kTo; k++) {
            rankUpdateRow(w, k * n, n, scale, coef, k, coefStride, m, d);
        }
    }
}
