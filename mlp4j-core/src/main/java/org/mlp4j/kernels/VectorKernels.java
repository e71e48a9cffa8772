package org.mlp4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} written with the Vector API ({@code jdk.incubator.vector}). Loaded only when that
 * module is present (see {@link Kernels#best()}).
 *
 * <p>Every kernel keeps a block of output columns in vector registers ({@value VectorBlocks#BLOCK} vectors, 64
 * floats on AVX-512) while it streams over the inner dimension, so each output is loaded and stored
 * once per row. The multi-row kernels keep four rows of such blocks (16 accumulators), so every vector
 * loaded from the shared matrix feeds four FMAs; before the vector loop they gather the inner indices
 * that are non-zero in any of the four rows, so zeros are skipped without a branch in the vector loop
 * (a branch there made the JIT's code several times slower). Vectors are never passed between
 * methods: a callee that is not inlined receives them boxed, and operations on a boxed vector run the
 * Vector API's slow Java fallback. Vector variables live only inside simple counted loops: kept across anything more
 * complex, the JIT may box them and allocate on every iteration.
 */
final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BL = VectorBlocks.BLOCK * L;

    private VectorKernels() {}

    @Override
    public String name() {
        return "vector";
    }

    /**
     * One row: the non-zero inputs are gathered first, so the vector loop has no branch (with a branch
     * on each input inside it, the JIT's code was about four times slower).
     */
    @Override
    public void affineRow(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n) {
        Gather g = Gather.current();
        int len = g.nonZeros(a, aOff, 1, k);
        int[] keys = g.keys;
        float[] vals = g.vals;
        int j = 0;
        for (; j + BL <= n; j += BL) {
            FloatVector c0 = FloatVector.fromArray(S, bias, j);
            FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
            FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            for (int u = 0; u < len; u++) {
                FloatVector cv = FloatVector.broadcast(S, vals[u]);
                int base = keys[u] * n + j;
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
            for (int u = 0; u < len; u++) {
                c0 = FloatVector.fromArray(S, w, keys[u] * n + j).fma(FloatVector.broadcast(S, vals[u]), c0);
            }
            c0.intoArray(z, zOff + j);
        }
        // Tails narrower than a vector use scalar code: masked vector operations are not compiled to
        // masked instructions on JDK 17 and run an order of magnitude slower than these loops.
        for (; j < n; j++) {
            float acc = bias[j];
            for (int u = 0; u < len; u++) {
                acc = Math.fma(vals[u], w[keys[u] * n + j], acc);
            }
            z[zOff + j] = acc;
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
        int r = rFrom;
        if (n >= BL) {
            // Every block of four rows is gathered first, then the columns are the outer loop: one block of
            // 64 columns of W (784 rows: 200 KB) stays in the level-2 cache while all the blocks of rows
            // use it. Rows outer, each block would read all of W (1.6 MB for 512 units, more than the
            // level-2 cache) from the level-3 cache. The bits are the same: each output is the same sum.
            Gather g = Gather.current();
            int blocks = (rTo - r) / 4;
            int[] start = g.starts(blocks);
            int[] end = g.ends(blocks);
            int len = 0;
            for (int b = 0; b < blocks; b++) {
                start[b] = len;
                len = g.four(a, (r + 4 * b) * aStride, 1, aStride, k, skipZeros, len);
                end[b] = len;
            }
            VectorBlocks.byColumns(g.keys, g.vals, start, end, blocks, w, z, r, n, bias, false, 0f);
            r += 4 * blocks;
        }
        for (; r < rTo; r++) {
            affineRow(a, r * aStride, k, w, bias, z, r * n, n);
        }
    }

    /**
     * The examples of the L / 4 blocks of four columns [k, k + L) of A (m rows of {@code stride}) in one pass
     * over its rows, as {@link Gather#four} lists them: block {@code first + b}'s list is keys/vals from
     * (first + b)·m to ends[first + b]. A row whose L values are all zero is passed over after one vector test
     * (at an image's border, most rows); four passes, one per block, read each row's cache line four times.
     */
    private static void gatherColumnBlocks(Gather g, float[] coef, int k, int stride, int m, int first, int[] ends) {
        for (int i = 0; i < m; i++) {
            int p = i * stride + k;
            if (FloatVector.fromArray(S, coef, p)
                    .compare(VectorOperators.NE, 0f)
                    .anyTrue()) {
                g.appendToBlocks(coef, p, i, first, L / 4, ends);
            }
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        VectorElementwise.sigmoid(z, a, off, len);
    }

    @Override
    public void dropoutMask(int seed, int threshold, float keep, float[] m, int off, int len) {
        VectorElementwise.dropoutMask(seed, threshold, keep, m, off, len);
    }

    @Override
    public void reluDelta(float[] d, float[] z, float[] m, int off, int len) {
        VectorElementwise.reluDelta(d, z, m, off, len);
    }

    @Override
    public void sigmoidDelta(float[] d, float[] a, float[] m, int off, int len) {
        VectorElementwise.sigmoidDelta(d, a, m, off, len);
    }

    /**
     * Σ x·y in the canonical order of {@link ScalarKernels#canonicalDot} (sixteen partial sums, a fixed
     * tree), so the result is the same on every vector width and in the scalar kernels: 16-lane vectors keep
     * the partial sums in one accumulator, 8-lane vectors in two, 4-lane vectors in four. ({@code
     * reduceLanes(ADD)} leaves its order unspecified. A 256-bit species beside the preferred 512-bit one made
     * epochs 6 to 12 times slower on JDK 17, the time going to the matrix kernels: keep to one species.)
     */
    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        int ways = ScalarKernels.DOT_WAYS;
        if (L != 16 && L != 8 && L != 4) {
            return ScalarKernels.canonicalDot(x, xOff, y, yOff, len);
        }
        float[] p = Gather.current().lanes;
        int i = 0;
        if (L == 16) {
            FloatVector a0 = FloatVector.zero(S);
            for (; i + ways <= len; i += ways) {
                a0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), a0);
            }
            a0.intoArray(p, 0);
        } else if (L == 8) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (; i + ways <= len; i += ways) {
                a0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), a0);
                a1 = FloatVector.fromArray(S, x, xOff + i + 8).fma(FloatVector.fromArray(S, y, yOff + i + 8), a1);
            }
            a0.intoArray(p, 0);
            a1.intoArray(p, 8);
        } else {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (; i + ways <= len; i += ways) {
                a0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), a0);
                a1 = FloatVector.fromArray(S, x, xOff + i + 4).fma(FloatVector.fromArray(S, y, yOff + i + 4), a1);
                a2 = FloatVector.fromArray(S, x, xOff + i + 8).fma(FloatVector.fromArray(S, y, yOff + i + 8), a2);
                a3 = FloatVector.fromArray(S, x, xOff + i + 12).fma(FloatVector.fromArray(S, y, yOff + i + 12), a3);
            }
            a0.intoArray(p, 0);
            a1.intoArray(p, 4);
            a2.intoArray(p, 8);
            a3.intoArray(p, 12);
        }
        return tail(ScalarKernels.tree(p), x, xOff, y, yOff, i, len);
    }

    /**
     * Four dot products at a time on 16-lane vectors: each keeps its sixteen partial sums in one accumulator,
     * as {@link #dot} does, so the bits are the same; the four share each loaded vector of x, and four
     * independent chains of FMAs hide their latency (one dot alone waits on its previous FMA every step).
     */
    @Override
    public void dotRows(float[] x, int xOff, float[] y, int rows, int len, float[] bias, float[] out, int outOff) {
        int j = 0;
        if (L == 16) {
            float[] p = Gather.current().lanes;
            for (; j + 4 <= rows; j += 4) {
                int y0 = j * len;
                int y1 = y0 + len;
                int y2 = y1 + len;
                int y3 = y2 + len;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0, a2 = a0, a3 = a0;
                int i = 0;
                for (; i + 16 <= len; i += 16) {
                    FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
                    a0 = xv.fma(FloatVector.fromArray(S, y, y0 + i), a0);
                    a1 = xv.fma(FloatVector.fromArray(S, y, y1 + i), a1);
                    a2 = xv.fma(FloatVector.fromArray(S, y, y2 + i), a2);
                    a3 = xv.fma(FloatVector.fromArray(S, y, y3 + i), a3);
                }
                a0.intoArray(p, 0);
                out[outOff + j] = bias[j] + tail(ScalarKernels.tree(p), x, xOff, y, y0, i, len);
                a1.intoArray(p, 0);
                out[outOff + j + 1] = bias[j + 1] + tail(ScalarKernels.tree(p), x, xOff, y, y1, i, len);
                a2.intoArray(p, 0);
                out[outOff + j + 2] = bias[j + 2] + tail(ScalarKernels.tree(p), x, xOff, y, y2, i, len);
                a3.intoArray(p, 0);
                out[outOff + j + 3] = bias[j + 3] + tail(ScalarKernels.tree(p), x, xOff, y, y3, i, len);
            }
        }
        for (; j < rows; j++) {
            out[outOff + j] = bias[j] + dot(x, xOff, y, j * len, len);
        }
    }

    /** The last elements [i, len) of a dot product, fused onto s in order (as {@link #dot} ends). */
    private static float tail(float s, float[] x, int xOff, float[] y, int yOff, int i, int len) {
        for (; i < len; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    /** One weight row, the non-zero coefficients gathered first as in {@link #affineRow}. */
    @Override
    public void rankUpdateRow(
            float[] w, int wOff, int n, float scale, float[] coef, int coefOff, int coefStride, int m, float[] d) {
        Gather gather = Gather.current();
        int len = gather.nonZeros(coef, coefOff, coefStride, m);
        int[] keys = gather.keys;
        float[] vals = gather.vals;
        FloatVector neg = FloatVector.broadcast(S, -scale);
        int j = 0;
        for (; j + BL <= n; j += BL) {
            FloatVector g0 = FloatVector.zero(S);
            FloatVector g1 = FloatVector.zero(S);
            FloatVector g2 = FloatVector.zero(S);
            FloatVector g3 = FloatVector.zero(S);
            for (int u = 0; u < len; u++) {
                FloatVector cv = FloatVector.broadcast(S, vals[u]);
                int base = keys[u] * n + j;
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
            for (int u = 0; u < len; u++) {
                g0 = FloatVector.fromArray(S, d, keys[u] * n + j).fma(FloatVector.broadcast(S, vals[u]), g0);
            }
            int o = wOff + j;
            g0.fma(neg, FloatVector.fromArray(S, w, o)).intoArray(w, o);
        }
        for (; j < n; j++) {
            float g = 0f;
            for (int u = 0; u < len; u++) {
                g = Math.fma(vals[u], d[keys[u] * n + j], g);
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
        int k = kFrom;
        if (n >= BL) {
            // Every block of four rows is gathered first, then the columns are the outer loop: one block of 64
            // columns of Δ (128 examples: 32 KB) stays in the level-1 cache while all the blocks of rows use it.
            // Rows outer, each block read all of Δ (256 KB for 512 units) from the level-2 cache. The bits are the
            // same: each weight's sum runs over the same examples in the same order.
            Gather g = Gather.current();
            int blocks = (kTo - kFrom) / 4;
            g.emptyLists(blocks, m);
            int[] ends = g.ends(blocks);
            if (skipZeros && L % 4 == 0) {
                for (; k + L <= kTo; k += L) {
                    gatherColumnBlocks(g, coef, k, coefStride, m, (k - kFrom) / 4, ends);
                }
            }
            for (; k + 4 <= kTo; k += 4) {
                int b = (k - kFrom) / 4;
                ends[b] = g.four(coef, k, coefStride, 1, m, skipZeros, b * m);
            }
            VectorBlocks.byColumns(
                    g.keys, g.vals, g.starts(blocks), ends, blocks, d, w, kFrom, n, g.zeros(n), true, scale);
        }
        for (; k < kTo; k++) {
            rankUpdateRow(w, k * n, n, scale, coef, k, coefStride, m, d);
        }
    }
}
