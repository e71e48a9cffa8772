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

    /**
     * Register-blocked product: four rows by four vectors (16 accumulators) stay in registers while the
     * loop runs over the inner dimension, so each loaded vector of W feeds four FMAs. The column block is
     * the outer loop, so a (k × 64) panel of W is reused by every row group while it is in cache. Rows
     * left over (fewer than four) and columns left over (fewer than 64) use one-row loops with the same
     * per-element order of operations.
     */
    @Override
    public void affineRows(float[] a, int aStride, int rFrom, int rTo, int k, float[] w, float[] bias, float[] z, int n) {
        int j = 0;
        for (; j + BL <= n; j += BL) {
            int r = rFrom;
            for (; r + 4 <= rTo; r += 4) {
                denseBlock4x4(a, aStride, r, k, w, bias, z, n, j);
            }
            for (; r < rTo; r++) {
                denseBlock1x4(a, r * aStride, k, w, bias, z, r * n, n, j);
            }
        }
        for (int r = rFrom; r < rTo; r++) {
            denseRest(a, r * aStride, k, w, bias, z, r * n, n, j);
        }
    }

    private static void denseBlock4x4(float[] a, int aStride, int r, int k, float[] w, float[] bias, float[] z, int n, int j) {
        FloatVector b0 = FloatVector.fromArray(S, bias, j);
        FloatVector b1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector b2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, bias, j + 3 * L);
        FloatVector c00 = b0, c01 = b1, c02 = b2, c03 = b3;
        FloatVector c10 = b0, c11 = b1, c12 = b2, c13 = b3;
        FloatVector c20 = b0, c21 = b1, c22 = b2, c23 = b3;
        FloatVector c30 = b0, c31 = b1, c32 = b2, c33 = b3;
        int a0 = r * aStride;
        int a1 = a0 + aStride;
        int a2 = a1 + aStride;
        int a3 = a2 + aStride;
        for (int q = 0; q < k; q++) {
            int base = q * n + j;
            FloatVector w0 = FloatVector.fromArray(S, w, base);
            FloatVector w1 = FloatVector.fromArray(S, w, base + L);
            FloatVector w2 = FloatVector.fromArray(S, w, base + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, base + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
            c00 = w0.fma(x, c00);
            c01 = w1.fma(x, c01);
            c02 = w2.fma(x, c02);
            c03 = w3.fma(x, c03);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = w0.fma(x, c10);
            c11 = w1.fma(x, c11);
            c12 = w2.fma(x, c12);
            c13 = w3.fma(x, c13);
            x = FloatVector.broadcast(S, a[a2 + q]);
            c20 = w0.fma(x, c20);
            c21 = w1.fma(x, c21);
            c22 = w2.fma(x, c22);
            c23 = w3.fma(x, c23);
            x = FloatVector.broadcast(S, a[a3 + q]);
            c30 = w0.fma(x, c30);
            c31 = w1.fma(x, c31);
            c32 = w2.fma(x, c32);
            c33 = w3.fma(x, c33);
        }
        int o = r * n + j;
        c00.intoArray(z, o);
        c01.intoArray(z, o + L);
        c02.intoArray(z, o + 2 * L);
        c03.intoArray(z, o + 3 * L);
        o += n;
        c10.intoArray(z, o);
        c11.intoArray(z, o + L);
        c12.intoArray(z, o + 2 * L);
        c13.intoArray(z, o + 3 * L);
        o += n;
        c20.intoArray(z, o);
        c21.intoArray(z, o + L);
        c22.intoArray(z, o + 2 * L);
        c23.intoArray(z, o + 3 * L);
        o += n;
        c30.intoArray(z, o);
        c31.intoArray(z, o + L);
        c32.intoArray(z, o + 2 * L);
        c33.intoArray(z, o + 3 * L);
    }

    private static void denseBlock1x4(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
        for (int q = 0; q < k; q++) {
            FloatVector x = FloatVector.broadcast(S, a[aOff + q]);
            int base = q * n + j;
            c0 = FloatVector.fromArray(S, w, base).fma(x, c0);
            c1 = FloatVector.fromArray(S, w, base + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, w, base + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, w, base + 3 * L).fma(x, c3);
        }
        int o = zOff + j;
        c0.intoArray(z, o);
        c1.intoArray(z, o + L);
        c2.intoArray(z, o + 2 * L);
        c3.intoArray(z, o + 3 * L);
    }

    /** Columns [j0, n) of one dense row, without skipping zeros. */
    private static void denseRest(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n, int j0) {
        int j = j0;
        for (; j + L <= n; j += L) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            for (int q = 0; q < k; q++) {
                c0 = FloatVector.fromArray(S, w, q * n + j).fma(FloatVector.broadcast(S, a[aOff + q]), c0);
            }
            c0.intoArray(z, zOff + j);
        }
        for (; j < n; j++) {
            float acc = bias[j];
            for (int q = 0; q < k; q++) {
                acc = Math.fma(a[aOff + q], w[q * n + j], acc);
            }
            z[zOff + j] = acc;
        }
    }

    @Override
    public void affineSparseRow(int[] idx, float[] val, int from, int to, float[] w, float[] bias, float[] z, int zOff, int n) {
        int j = 0;
        for (; j + WIDE <= n; j += WIDE) {
            sparseAffineWide(idx, val, from, to, w, bias, z, zOff, n, j);
        }
        sparseAffineRest(idx, val, from, to, w, bias, z, zOff, n, j);
    }

    /**
     * Column block outermost: one block of W's columns (128 floats wide, a quarter of W for 512 outputs)
     * serves every row of the range before the next block is touched, so the weights the rows share
     * stay in the L2 cache instead of cycling through L3 once per row.
     */
    @Override
    public void affineSparseRows(int[] idx, float[] val, int[] rowEnd, int rowStride, int rFrom, int rTo,
            float[] w, float[] bias, float[] z, int n) {
        int j = 0;
        for (; j + WIDE <= n; j += WIDE) {
            for (int r = rFrom; r < rTo; r++) {
                sparseAffineWide(idx, val, r * rowStride, rowEnd[r], w, bias, z, r * n, n, j);
            }
        }
        for (int r = rFrom; r < rTo; r++) {
            sparseAffineRest(idx, val, r * rowStride, rowEnd[r], w, bias, z, r * n, n, j);
        }
    }

    /** z[zOff+j .. +WIDE) for one sparse input row: eight accumulators, so each non-zero feeds 8 FMAs. */
    private static void sparseAffineWide(int[] idx, float[] val, int from, int to, float[] w, float[] bias, float[] z,
            int zOff, int n, int j) {
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

    /** Columns [j0, n) of one sparse input row: single vectors, then scalars. */
    private static void sparseAffineRest(int[] idx, float[] val, int from, int to, float[] w, float[] bias, float[] z,
            int zOff, int n, int j0) {
        int j = j0;
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

    /**
     * The sigmoid with a vectorised exponential. The Vector API's own {@code EXP} was 20 times faster
     * than {@link Math#exp} here but is not reproducible: compiled code calls an intrinsic while the
     * interpreter computes lane by lane, and they differ in the last bit, so results depended on which
     * thread's code was compiled first. This exponential uses only additions, multiplications, FMAs and
     * exponent-bit arithmetic, which are exact in every execution mode: e^x = 2^n · e^r with
     * n = round(x / ln 2), r = x − n ln 2 (in two parts), and e^r by its Taylor polynomial to degree 7
     * (relative error below 2e-7 for |r| ≤ ln 2 / 2).
     */
    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            FloatVector x = FloatVector.fromArray(S, z, i).neg().max(EXP_MIN).min(EXP_MAX);
            FloatVector n = x.mul(LOG2E).add(ROUND).sub(ROUND); // round to nearest integer
            FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x).add(n.mul(-LN2_LO));
            FloatVector p = FloatVector.broadcast(S, C7);
            p = p.fma(r, FloatVector.broadcast(S, C6));
            p = p.fma(r, FloatVector.broadcast(S, C5));
            p = p.fma(r, FloatVector.broadcast(S, C4));
            p = p.fma(r, FloatVector.broadcast(S, C3));
            p = p.fma(r, FloatVector.broadcast(S, C2));
            p = p.fma(r, one);
            p = p.fma(r, one);
            // 2^n from the bits: n + 1.5·2^23 + 127 holds n + 127 in its low mantissa bits; shifted left by 23
            // they become the exponent field. (A lane conversion F2I is not intrinsified on JDK 17.)
            FloatVector pow2 = n.add(ROUND + 127f).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = p.mul(pow2);
            one.div(e.add(one)).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = 1f / (1f + exp(-z[i]));
        }
    }

    private static final float EXP_MIN = -87f;
    private static final float EXP_MAX = 88f;
    private static final float LOG2E = 1.44269504f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: x + ROUND − ROUND rounds x to an integer
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    private static final float C2 = 1f / 2;
    private static final float C3 = 1f / 6;
    private static final float C4 = 1f / 24;
    private static final float C5 = 1f / 120;
    private static final float C6 = 1f / 720;
    private static final float C7 = 1f / 5040;

    /** The same exponential for one value, for row tails, so every lane is computed alike. */
    static float exp(float v) {
        float x = Math.min(Math.max(v, EXP_MIN), EXP_MAX);
        float n = x * LOG2E + ROUND - ROUND;
        float r = Math.fma(n, -LN2_HI, x) + n * -LN2_LO;
        float p = C7;
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
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

    /**
     * Register-blocked Aᵀ·Δ fused with the update: four weight rows by four vectors of accumulators, so
     * each loaded vector of Δ feeds four FMAs; leftover rows and columns use one-row loops with the same
     * per-element order.
     */
    @Override
    public void descendRows(float[] w, int kFrom, int kTo, int n, float scale, float[] coef, int coefStride, int m, float[] d) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + BL <= n; j += BL) {
            int k = kFrom;
            for (; k + 4 <= kTo; k += 4) {
                descendBlock4x4(w, k, n, neg, coef, coefStride, m, d, j);
            }
            for (; k < kTo; k++) {
                descendBlock1x4(w, k, n, neg, coef, coefStride, m, d, j);
            }
        }
        for (int k = kFrom; k < kTo; k++) {
            for (int jj = j; jj < n; jj++) {
                float g = 0f;
                for (int i = 0; i < m; i++) {
                    g = Math.fma(coef[i * coefStride + k], d[i * n + jj], g);
                }
                w[k * n + jj] = Math.fma(g, -scale, w[k * n + jj]);
            }
        }
    }

    private static void descendBlock4x4(float[] w, int k, int n, FloatVector neg, float[] coef, int coefStride, int m,
            float[] d, int j) {
        FloatVector g00 = FloatVector.zero(S), g01 = g00, g02 = g00, g03 = g00;
        FloatVector g10 = g00, g11 = g00, g12 = g00, g13 = g00;
        FloatVector g20 = g00, g21 = g00, g22 = g00, g23 = g00;
        FloatVector g30 = g00, g31 = g00, g32 = g00, g33 = g00;
        for (int i = 0; i < m; i++) {
            int base = i * n + j;
            FloatVector d0 = FloatVector.fromArray(S, d, base);
            FloatVector d1 = FloatVector.fromArray(S, d, base + L);
            FloatVector d2 = FloatVector.fromArray(S, d, base + 2 * L);
            FloatVector d3 = FloatVector.fromArray(S, d, base + 3 * L);
            int c = i * coefStride + k;
            FloatVector x = FloatVector.broadcast(S, coef[c]);
            g00 = d0.fma(x, g00);
            g01 = d1.fma(x, g01);
            g02 = d2.fma(x, g02);
            g03 = d3.fma(x, g03);
            x = FloatVector.broadcast(S, coef[c + 1]);
            g10 = d0.fma(x, g10);
            g11 = d1.fma(x, g11);
            g12 = d2.fma(x, g12);
            g13 = d3.fma(x, g13);
            x = FloatVector.broadcast(S, coef[c + 2]);
            g20 = d0.fma(x, g20);
            g21 = d1.fma(x, g21);
            g22 = d2.fma(x, g22);
            g23 = d3.fma(x, g23);
            x = FloatVector.broadcast(S, coef[c + 3]);
            g30 = d0.fma(x, g30);
            g31 = d1.fma(x, g31);
            g32 = d2.fma(x, g32);
            g33 = d3.fma(x, g33);
        }
        int o = k * n + j;
        g00.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        g01.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
        g02.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
        g03.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
        o += n;
        g10.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        g11.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
        g12.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
        g13.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
        o += n;
        g20.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        g21.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
        g22.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
        g23.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
        o += n;
        g30.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        g31.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
        g32.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
        g33.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
    }

    private static void descendBlock1x4(float[] w, int k, int n, FloatVector neg, float[] coef, int coefStride, int m,
            float[] d, int j) {
        FloatVector g0 = FloatVector.zero(S), g1 = g0, g2 = g0, g3 = g0;
        for (int i = 0; i < m; i++) {
            int base = i * n + j;
            FloatVector x = FloatVector.broadcast(S, coef[i * coefStride + k]);
            g0 = FloatVector.fromArray(S, d, base).fma(x, g0);
            g1 = FloatVector.fromArray(S, d, base + L).fma(x, g1);
            g2 = FloatVector.fromArray(S, d, base + 2 * L).fma(x, g2);
            g3 = FloatVector.fromArray(S, d, base + 3 * L).fma(x, g3);
        }
        int o = k * n + j;
        g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        g1.fma(neg, FloatVector.fromArray(S, w, o + L)).intoArray(w, o + L);
        g2.fma(neg, FloatVector.fromArray(S, w, o + 2 * L)).intoArray(w, o + 2 * L);
        g3.fma(neg, FloatVector.fromArray(S, w, o + 3 * L)).intoArray(w, o + 3 * L);
    }

    @Override
    public void descendRowSparse(float[] w, int wOff, int n, float scale, int[] rows, float[] coef, int from, int to, float[] d) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + WIDE <= n; j += WIDE) {
            sparseDescendWide(w, wOff, n, neg, rows, coef, from, to, d, j);
        }
        sparseDescendRest(w, wOff, n, scale, rows, coef, from, to, d, j);
    }

    /**
     * Column block outermost, as in {@link #affineSparseRows}: one block of Δ's columns serves every
     * weight row of the range while it is in cache.
     */
    @Override
    public void descendRowsSparse(float[] w, int kFrom, int kTo, int n, float scale, int[] colStart, int[] rows,
            float[] coef, float[] d) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + WIDE <= n; j += WIDE) {
            for (int k = kFrom; k < kTo; k++) {
                if (colStart[k + 1] > colStart[k]) {
                    sparseDescendWide(w, k * n, n, neg, rows, coef, colStart[k], colStart[k + 1], d, j);
                }
            }
        }
        for (int k = kFrom; k < kTo; k++) {
            if (colStart[k + 1] > colStart[k]) {
                sparseDescendRest(w, k * n, n, scale, rows, coef, colStart[k], colStart[k + 1], d, j);
            }
        }
    }

    /** w[wOff+j .. +WIDE) −= scale · Σ_p coef[p] · d[rows[p], j .. +WIDE). */
    private static void sparseDescendWide(float[] w, int wOff, int n, FloatVector neg, int[] rows, float[] coef, int from,
            int to, float[] d, int j) {
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

    /** Columns [j0, n) of one sparse weight-row update: single vectors, then scalars. */
    private static void sparseDescendRest(float[] w, int wOff, int n, float scale, int[] rows, float[] coef, int from,
            int to, float[] d, int j0) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = j0;
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
