package org.mlp4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked loops of {@link VectorKernels}' multi-row kernels (the forward product over four
 * rows, the weight update over four columns): a block of four rows by {@value #BLOCK} vectors of output
 * columns in sixteen accumulators, over the gathered non-zero inner indices ({@link Gather}). Loaded only
 * with {@link VectorKernels}, when the Vector API module is present.
 */
final class VectorBlocks {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors of output columns a row's block keeps in registers (64 floats on AVX-512). */
    static final int BLOCK = 4;

    private VectorBlocks() {}

    /**
     * The 4 × 4 register block both multi-row kernels share: acc[t] = Σ_u vals[4u+t] · M[keys[u], j .. j+64)
     * for t = 0..3, starting from {@code bias} (zeros for the update), then for the forward pass
     * out[row t] = acc[t], and for the update out[row t] −= scale · acc[t]. Rows of {@code out} are {@code n} apart from {@code outOff}.
     *
     * <p>One method of 74 lines on purpose: the sixteen accumulators must stay in registers. Moving the four
     * rows' stores into a helper that takes four vectors (2026-12-06) made the article's epoch 1.6 s instead of
     * 0.33–0.70 s ({@code mlp4j bench --epochs 3}, alternating), most likely because the vectors passed to it
     * were no longer kept in registers.
     */
    static void block4x4(
            int[] keys,
            float[] vals,
            int u0,
            int u1,
            float[] m,
            float[] out,
            int outOff,
            int n,
            int j,
            float[] bias,
            boolean update,
            float scale) {
        FloatVector b0 = FloatVector.fromArray(S, bias, j);
        FloatVector b1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector b2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, bias, j + 3 * L);
        FloatVector c00 = b0, c01 = b1, c02 = b2, c03 = b3;
        FloatVector c10 = b0, c11 = b1, c12 = b2, c13 = b3;
        FloatVector c20 = b0, c21 = b1, c22 = b2, c23 = b3;
        FloatVector c30 = b0, c31 = b1, c32 = b2, c33 = b3;
        for (int u = u0; u < u1; u++) {
            int base = keys[u] * n + j;
            FloatVector m0 = FloatVector.fromArray(S, m, base);
            FloatVector m1 = FloatVector.fromArray(S, m, base + L);
            FloatVector m2 = FloatVector.fromArray(S, m, base + 2 * L);
            FloatVector m3 = FloatVector.fromArray(S, m, base + 3 * L);
            FloatVector x = FloatVector.broadcast(S, vals[4 * u]);
            c00 = m0.fma(x, c00);
            c01 = m1.fma(x, c01);
            c02 = m2.fma(x, c02);
            c03 = m3.fma(x, c03);
            x = FloatVector.broadcast(S, vals[4 * u + 1]);
            c10 = m0.fma(x, c10);
            c11 = m1.fma(x, c11);
            c12 = m2.fma(x, c12);
            c13 = m3.fma(x, c13);
            x = FloatVector.broadcast(S, vals[4 * u + 2]);
            c20 = m0.fma(x, c20);
            c21 = m1.fma(x, c21);
            c22 = m2.fma(x, c22);
            c23 = m3.fma(x, c23);
            x = FloatVector.broadcast(S, vals[4 * u + 3]);
            c30 = m0.fma(x, c30);
            c31 = m1.fma(x, c31);
            c32 = m2.fma(x, c32);
            c33 = m3.fma(x, c33);
        }
        int o = outOff + j;
        if (update) {
            FloatVector neg = FloatVector.broadcast(S, -scale);
            c00 = c00.fma(neg, FloatVector.fromArray(S, out, o));
            c01 = c01.fma(neg, FloatVector.fromArray(S, out, o + L));
            c02 = c02.fma(neg, FloatVector.fromArray(S, out, o + 2 * L));
            c03 = c03.fma(neg, FloatVector.fromArray(S, out, o + 3 * L));
            c10 = c10.fma(neg, FloatVector.fromArray(S, out, o + n));
            c11 = c11.fma(neg, FloatVector.fromArray(S, out, o + n + L));
            c12 = c12.fma(neg, FloatVector.fromArray(S, out, o + n + 2 * L));
            c13 = c13.fma(neg, FloatVector.fromArray(S, out, o + n + 3 * L));
            c20 = c20.fma(neg, FloatVector.fromArray(S, out, o + 2 * n));
            c21 = c21.fma(neg, FloatVector.fromArray(S, out, o + 2 * n + L));
            c22 = c22.fma(neg, FloatVector.fromArray(S, out, o + 2 * n + 2 * L));
            c23 = c23.fma(neg, FloatVector.fromArray(S, out, o + 2 * n + 3 * L));
            c30 = c30.fma(neg, FloatVector.fromArray(S, out, o + 3 * n));
            c31 = c31.fma(neg, FloatVector.fromArray(S, out, o + 3 * n + L));
            c32 = c32.fma(neg, FloatVector.fromArray(S, out, o + 3 * n + 2 * L));
            c33 = c33.fma(neg, FloatVector.fromArray(S, out, o + 3 * n + 3 * L));
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c02.intoArray(out, o + 2 * L);
        c03.intoArray(out, o + 3 * L);
        o += n;
        c10.intoArray(out, o);
        c11.intoArray(out, o + L);
        c12.intoArray(out, o + 2 * L);
        c13.intoArray(out, o + 3 * L);
        o += n;
        c20.intoArray(out, o);
        c21.intoArray(out, o + L);
        c22.intoArray(out, o + 2 * L);
        c23.intoArray(out, o + 3 * L);
        o += n;
        c30.intoArray(out, o);
        c31.intoArray(out, o + L);
        c32.intoArray(out, o + 2 * L);
        c33.intoArray(out, o + 3 * L);
    }

    /**
     * Blocks of four output rows, the columns outermost: block b sums over the gathered entries [lo[b], hi[b])
     * into rows (row0 + 4b) of {@code out}, a block of {@value #BLOCK} vectors of columns at a time, then one
     * vector, then the scalar rest. Columns outermost, one slice of {@code m} stays in cache while every block
     * uses it; each output is the same sum whichever order the blocks run in, so the bits do not change. An
     * update skips a block with no entries (it would add nothing); a forward block still writes its bias.
     */
    static void byColumns(
            int[] keys,
            float[] vals,
            int[] lo,
            int[] hi,
            int blocks,
            float[] m,
            float[] out,
            int row0,
            int n,
            float[] bias,
            boolean update,
            float scale) {
        int j = 0;
        for (; j + BLOCK * L <= n; j += BLOCK * L) {
            for (int b = 0; b < blocks; b++) {
                if (!update || hi[b] > lo[b]) {
                    block4x4(keys, vals, lo[b], hi[b], m, out, (row0 + 4 * b) * n, n, j, bias, update, scale);
                }
            }
        }
        for (; j + L <= n; j += L) {
            for (int b = 0; b < blocks; b++) {
                if (!update || hi[b] > lo[b]) {
                    block4x1(keys, vals, lo[b], hi[b], m, out, (row0 + 4 * b) * n, n, j, bias, update, scale);
                }
            }
        }
        for (int b = 0; b < blocks; b++) {
            if (!update || hi[b] > lo[b]) {
                scalarRest4(keys, vals, lo[b], hi[b], m, out, (row0 + 4 * b) * n, n, j, bias, update, scale);
            }
        }
    }

    /**
     * {@link #block4x4} for one vector of columns: the columns left over when n is not a multiple of
     * four vectors (a layer of 800 units), with the same order of operations, so the same bits.
     */
    static void block4x1(
            int[] keys,
            float[] vals,
            int u0,
            int u1,
            float[] m,
            float[] out,
            int outOff,
            int n,
            int j,
            float[] bias,
            boolean update,
            float scale) {
        FloatVector b = FloatVector.fromArray(S, bias, j);
        FloatVector c0 = b, c1 = b, c2 = b, c3 = b;
        for (int u = u0; u < u1; u++) {
            FloatVector m0 = FloatVector.fromArray(S, m, keys[u] * n + j);
            c0 = m0.fma(FloatVector.broadcast(S, vals[4 * u]), c0);
            c1 = m0.fma(FloatVector.broadcast(S, vals[4 * u + 1]), c1);
            c2 = m0.fma(FloatVector.broadcast(S, vals[4 * u + 2]), c2);
            c3 = m0.fma(FloatVector.broadcast(S, vals[4 * u + 3]), c3);
        }
        int o = outOff + j;
        if (update) {
            FloatVector neg = FloatVector.broadcast(S, -scale);
            c0 = c0.fma(neg, FloatVector.fromArray(S, out, o));
            c1 = c1.fma(neg, FloatVector.fromArray(S, out, o + n));
            c2 = c2.fma(neg, FloatVector.fromArray(S, out, o + 2 * n));
            c3 = c3.fma(neg, FloatVector.fromArray(S, out, o + 3 * n));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + n);
        c2.intoArray(out, o + 2 * n);
        c3.intoArray(out, o + 3 * n);
    }

    /** The last columns [j0, n), fewer than a vector, of a block of four rows, in scalar code. */
    static void scalarRest4(
            int[] keys,
            float[] vals,
            int u0,
            int u1,
            float[] m,
            float[] out,
            int outOff,
            int n,
            int j0,
            float[] bias,
            boolean update,
            float scale) {
        for (int t = 0; t < 4; t++) {
            int o = outOff + t * n;
            for (int j = j0; j < n; j++) {
                float acc = bias[j];
                for (int u = u0; u < u1; u++) {
                    acc = Math.fma(vals[4 * u + t], m[keys[u] * n + j], acc);
                }
                out[o + j] = update ? Math.fma(acc, -scale, out[o + j]) : acc;
            }
        }
    }
}
