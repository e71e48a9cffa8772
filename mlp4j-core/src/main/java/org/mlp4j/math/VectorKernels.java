package org.mlp4j.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} written with the Vector API ({@code jdk.incubator.vector}). Loaded only when that
 * module is present (see {@link Kernels#best()}).
 *
 * <p>Every kernel keeps a block of output columns in vector registers ({@value #BLOCK} vectors, 64
 * floats on AVX-512) while it streams over the inner dimension, so each output is loaded and stored
 * once per row. Vector variables live only inside simple counted loops: kept across anything more
 * complex, the JIT may box them and allocate on every iteration.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BLOCK = 4;
    private static final int BL = BLOCK * L;
    /** The first-layer (sparse) kernels keep twice as many accumulators. */
    private static final int WIDE = 2 * BL;

    private VectorKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void affineRow(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n) {
        int j = 0;
        for (; j + BL <= n; j += BL) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
            FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            for (int r = 0; r < k; r++) {
                float c = a[aOff + r];
                if (c != 0f) {
                    FloatVector cv = FloatVector.broadcast(S, c);
                    int base = r * n + j;
                    c0 = FloatVector.fromArray(S, w, base).fma(cv, c0);
                    c1 = FloatVector.fromArray(S, w, base + L).fma(cv, c1);
                    c2 = FloatVector.fromArray(S, w, base + 2 * L).fma(cv, c2);
                    c3 = FloatVector.fromArray(S, w, base + 3 * L).fma(cv, c3);
                }
            }
            c0.intoArray(z, zOff + j);
            c1.intoArray(z, zOff + j + L);
            c2.intoArray(z, zOff + j + 2 * L);
            c3.intoArray(z, zOff + j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            for (int r = 0; r < k; r++) {
                float c = a[aOff + r];
                if (c != 0f) {
                    c0 = FloatVector.fromArray(S, w, r * n + j).fma(FloatVector.broadcast(S, c), c0);
                }
            }
            c0.intoArray(z, zOff + j);
        }
        if (j < n) {
            affineTail(a, aOff, k, w, bias, z, zOff, n, j);
        }
    }

    // Tails narrower than a vector use scalar code: masked vector operations are not compiled to
    // masked instructions on JDK 17 and run an order of magnitude slower than these loops.
    private static void affineTail(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n, int j0) {
        for (int j = j0; j < n; j++) {
            z[zOff + j] = bias[j];
        }
        for (int r = 0; r < k; r++) {
            float c = a[aOff + r];
            if (c != 0f) {
                for (int j = j0; j < n; j++) {
                    z[zOff + j] = Math.fma(c, w[r * n + j], z[zOff + j]);
                }
            }
        }
    }

    @Override
    public void affineSparseRow(int[] idx, float[] val, int from, int to, float[] w, float[] bias, float[] z, int zOff, int n) {
        int j = 0;
        // Eight accumulators: each pass over the non-zero list (index, value, broadcast) feeds 8 FMAs.
        for (; j + WIDE <= n; j += WIDE) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
            FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            FloatVector c4 = FloatVector.fromArray(S, bias, j + 4 * L);
            FloatVector c5 = FloatVector.fromArray(S, bias, j + 5 * L);
            FloatVector c6 = FloatVector.fromArray(S, bias, j + 6 * L);
            FloatVector c7 = FloatVector.fromArray(S, bias, j + 7 * L);
            for (int p = from; p < to; p++) {
                FloatVector cv = FloatVector.broadcast(S, val[p]);
                int base = idx[p] * n + j;
                c0 = FloatVector.fromArray(S, w, base).fma(cv, c0);
                c1 = FloatVector.fromArray(S, w, base + L).fma(cv, c1);
                c2 = FloatVector.fromArray(S, w, base + 2 * L).fma(cv, c2);
                c3 = FloatVector.fromArray(S, w, base + 3 * L).fma(cv, c3);
                c4 = FloatVector.fromArray(S, w, base + 4 * L).fma(cv, c4);
                c5 = FloatVector.fromArray(S, w, base + 5 * L).fma(cv, c5);
                c6 = FloatVector.fromArray(S, w, base + 6 * L).fma(cv, c6);
                c7 = FloatVector.fromArray(S, w, base + 7 * L).fma(cv, c7);
            }
            int o = zOff + j;
            c0.intoArray(z, o);
            c1.intoArray(z, o + L);
            c2.intoArray(z, o + 2 * L);
            c3.intoArray(z, o + 3 * L);
            c4.intoArray(z, o + 4 * L);
            c5.intoArray(z, o + 5 * L);
            c6.intoArray(z, o + 6 * L);
            c7.intoArray(z, o + 7 * L);
        }
        for (; j + BL <= n; j += BL) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
            FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            for (int p = from; p < to; p++) {
                FloatVector cv = FloatVector.broadcast(S, val[p]);
                int base = idx[p] * n + j;
                c0 = FloatVector.fromArray(S, w, base).fma(cv, c0);
                c1 = FloatVector.fromArray(S, w, base + L).fma(cv, c1);
                c2 = FloatVector.fromArray(S, w, base + 2 * L).fma(cv, c2);
                c3 = FloatVector.fromArray(S, w, base + 3 * L).fma(cv, c3);
            }
            c0.intoArray(z, zOff + j);
            c1.intoArray(z, zOff + j + L);
            c2.intoArray(z, zOff + j + 2 * L);
            c3.intoArray(z, zOff + j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            for (int p = from; p < to; p++) {
                c0 = FloatVector.fromArray(S, w, idx[p] * n + j).fma(FloatVector.broadcast(S, val[p]), c0);
            }
            c0.intoArray(z, zOff + j);
        }
        for (; j < n; j++) {
            float acc = bias[j];
            for (int p = from; p < to; p++) {
                acc = Math.fma(val[p], w[idx[p] * n + j], acc);
            }
            z[zOff + j] = acc;
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= len; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        float s = i == 0 ? 0f : acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public void descendRow(float[] w, int wOff, int n, float scale, float[] coef, int coefOff, int coefStride, int m, float[] d) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + BL <= n; j += BL) {
            FloatVector g0 = FloatVector.zero(S);
            FloatVector g1 = FloatVector.zero(S);
            FloatVector g2 = FloatVector.zero(S);
            FloatVector g3 = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                float c = coef[coefOff + i * coefStride];
                if (c != 0f) {
                    FloatVector cv = FloatVector.broadcast(S, c);
                    int base = i * n + j;
                    g0 = FloatVector.fromArray(S, d, base).fma(cv, g0);
                    g1 = FloatVector.fromArray(S, d, base + L).fma(cv, g1);
                    g2 = FloatVector.fromArray(S, d, base + 2 * L).fma(cv, g2);
                    g3 = FloatVector.fromArray(S, d, base + 3 * L).fma(cv, g3);
                }
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
            g1.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
            g2.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
            g3.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector g0 = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                float c = coef[coefOff + i * coefStride];
                if (c != 0f) {
                    g0 = FloatVector.fromArray(S, d, i * n + j).fma(FloatVector.broadcast(S, c), g0);
                }
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        }
        for (; j < n; j++) {
            float g = 0f;
            for (int i = 0; i < m; i++) {
                g = Math.fma(coef[coefOff + i * coefStride], d[i * n + j], g);
            }
            w[wOff + j] = Math.fma(g, -scale, w[wOff + j]);
        }
    }

    @Override
    public void descendRowSparse(float[] w, int wOff, int n, float scale, int[] rows, float[] coef, int from, int to, float[] d) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + WIDE <= n; j += WIDE) {
            FloatVector g0 = FloatVector.zero(S);
            FloatVector g1 = FloatVector.zero(S);
            FloatVector g2 = FloatVector.zero(S);
            FloatVector g3 = FloatVector.zero(S);
            FloatVector g4 = FloatVector.zero(S);
            FloatVector g5 = FloatVector.zero(S);
            FloatVector g6 = FloatVector.zero(S);
            FloatVector g7 = FloatVector.zero(S);
            for (int p = from; p < to; p++) {
                FloatVector cv = FloatVector.broadcast(S, coef[p]);
                int base = rows[p] * n + j;
                g0 = FloatVector.fromArray(S, d, base).fma(cv, g0);
                g1 = FloatVector.fromArray(S, d, base + L).fma(cv, g1);
                g2 = FloatVector.fromArray(S, d, base + 2 * L).fma(cv, g2);
                g3 = FloatVector.fromArray(S, d, base + 3 * L).fma(cv, g3);
                g4 = FloatVector.fromArray(S, d, base + 4 * L).fma(cv, g4);
                g5 = FloatVector.fromArray(S, d, base + 5 * L).fma(cv, g5);
                g6 = FloatVector.fromArray(S, d, base + 6 * L).fma(cv, g6);
                g7 = FloatVector.fromArray(S, d, base + 7 * L).fma(cv, g7);
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
            g1.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
            g2.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
            g3.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
            g4.fma(neg, FloatVector.fromArray(S, w, o + 4 * L)).intoArray(w, o + 4 * L);
            g5.fma(neg, FloatVector.fromArray(S, w, o + 5 * L)).intoArray(w, o + 5 * L);
            g6.fma(neg, FloatVector.fromArray(S, w, o + 6 * L)).intoArray(w, o + 6 * L);
            g7.fma(neg, FloatVector.fromArray(S, w, o + 7 * L)).intoArray(w, o + 7 * L);
        }
        for (; j + BL <= n; j += BL) {
            FloatVector g0 = FloatVector.zero(S);
            FloatVector g1 = FloatVector.zero(S);
            FloatVector g2 = FloatVector.zero(S);
            FloatVector g3 = FloatVector.zero(S);
            for (int p = from; p < to; p++) {
                FloatVector cv = FloatVector.broadcast(S, coef[p]);
                int base = rows[p] * n + j;
                g0 = FloatVector.fromArray(S, d, base).fma(cv, g0);
                g1 = FloatVector.fromArray(S, d, base + L).fma(cv, g1);
                g2 = FloatVector.fromArray(S, d, base + 2 * L).fma(cv, g2);
                g3 = FloatVector.fromArray(S, d, base + 3 * L).fma(cv, g3);
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
            g1.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
            g2.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
            g3.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector g0 = FloatVector.zero(S);
            for (int p = from; p < to; p++) {
                g0 = FloatVector.fromArray(S, d, rows[p] * n + j).fma(FloatVector.broadcast(S, coef[p]), g0);
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        }
        for (; j < n; j++) {
            float g = 0f;
            for (int p = from; p < to; p++) {
                g = Math.fma(coef[p], d[rows[p] * n + j], g);
            }
            w[wOff + j] = Math.fma(g, -scale, w[wOff + j]);
        }
    }
}
