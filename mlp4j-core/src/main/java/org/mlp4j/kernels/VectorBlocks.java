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
     * The 4 × 4 register block both multi-row kernels share: acc[t] = Σ_u v[4u+t] · m[k[u]·n + j .. +64), for
     * the entries u in [u0, u1) and t = 0..3, starting from {@code bias[j ..]} (zeros for an update), stored as
     * row t at {@code out[o + t·stride ..]}. The forward pass stores into its output rows; an update stores into
     * a 4 × {@value #BLOCK}-vector scratch block that {@link #subtractScaled} then takes from the weights, which
     * gives the same bits as subtracting in registers (the stored sums are the same floats).
     *
     * <p>Sixteen accumulators must stay in registers, so no vector is passed to or from another method: moving
     * the rows' stores into a helper that took four vectors (2026-12-06) made the article's epoch 1.6 s instead of
     * 0.33–0.70 s, most likely because those vectors were no longer kept in registers.
     */
    static void block4x4(
            int[] k, float[] v, int u0, int u1, float[] m, int n, int j, float[] bias, float[] out, int o, int stride) {
        FloatVector b0 = FloatVector.fromArray(S, bias, j);
        FloatVector b1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector b2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, bias, j + 3 * L);
        FloatVector c00 = b0, c01 = b1, c02 = b2, c03 = b3;
        FloatVector c10 = b0, c11 = b1, c12 = b2, c13 = b3;
        FloatVector c20 = b0, c21 = b1, c22 = b2, c23 = b3;
        FloatVector c30 = b0, c31 = b1, c32 = b2, c33 = b3;
        for (int u = u0; u < u1; u++) {
            int base = k[u] * n + j;
            FloatVector m0 = FloatVector.fromArray(S, m, base);
            FloatVector m1 = FloatVector.fromArray(S, m, base + L);
            FloatVector m2 = FloatVector.fromArray(S, m, base + 2 * L);
            FloatVector m3 = FloatVector.fromArray(S, m, base + 3 * L);
            FloatVector x = FloatVector.broadcast(S, v[4 * u]);
            c00 = m0.fma(x, c00);
            c01 = m1.fma(x, c01);
            c02 = m2.fma(x, c02);
            c03 = m3.fma(x, c03);
            x = FloatVector.broadcast(S, v[4 * u + 1]);
            c10 = m0.fma(x, c10);
            c11 = m1.fma(x, c11);
            c12 = m2.fma(x, c12);
            c13 = m3.fma(x, c13);
            x = FloatVector.broadcast(S, v[4 * u + 2]);
            c20 = m0.fma(x, c20);
            c21 = m1.fma(x, c21);
            c22 = m2.fma(x, c22);
            c23 = m3.fma(x, c23);
            x = FloatVector.broadcast(S, v[4 * u + 3]);
            c30 = m0.fma(x, c30);
            c31 = m1.fma(x, c31);
            c32 = m2.fma(x, c32);
            c33 = m3.fma(x, c33);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c02.intoArray(out, o + 2 * L);
        c03.intoArray(out, o + 3 * L);
        c10.intoArray(out, o + stride);
        c11.intoArray(out, o + stride + L);
        c12.intoArray(out, o + stride + 2 * L);
        c13.intoArray(out, o + stride + 3 * L);
        c20.intoArray(out, o + 2 * stride);
        c21.intoArray(out, o + 2 * stride + L);
        c22.intoArray(out, o + 2 * stride + 2 * L);
        c23.intoArray(out, o + 2 * stride + 3 * L);
        c30.intoArray(out, o + 3 * stride);
        c31.intoArray(out, o + 3 * stride + L);
        c32.intoArray(out, o + 3 * stride + 2 * L);
        c33.intoArray(out, o + 3 * stride + 3 * L);
    }

    /**
     * An update's second half: out[row t][j ..] = acc[t] · (−scale) + out[row t][j ..] for four rows of
     * {@value #BLOCK} vectors, one fused multiply-add each, {@code acc} being {@link #block4x4}'s scratch block.
     */
    private static void subtractScaled(float[] acc, float[] out, int o, int n, float scale) {
        FloatVector neg = FloatVector.broadcast(S, -scale);
        for (int t = 0; t < 4; t++) {
            for (int c = 0; c < BLOCK * L; c += L) {
                FloatVector.fromArray(S, acc, t * BLOCK * L + c)
                        .fma(neg, FloatVector.fromArray(S, out, o + t * n + c))
                        .intoArray(out, o + t * n + c);
            }
        }
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
        float[] acc = update
                ? Gather.current().blockSums(4 * BLOCK * L)
                : null; // an update's sums, before they are subtracted
        for (; j + BLOCK * L <= n; j += BLOCK * L) {
            for (int b = 0; b < blocks; b++) {
                int o = (row0 + 4 * b) * n + j;
                if (!update) {
                    block4x4(keys, vals, lo[b], hi[b], m, n, j, bias, out, o, n);
                } else if (hi[b] > lo[b]) {
                    block4x4(keys, vals, lo[b], hi[b], m, n, j, bias, acc, 0, BLOCK * L);
                    subtractScaled(acc, out, o, n, scale);
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
