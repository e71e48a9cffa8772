package org.mlp4j.kernels;

/**
 * The inner indices a block of four rows (or four columns) needs: keys[u] ascending, and vals[4u + t]
 * the value of row (column) t there. With skipping, an index that is zero in all four is left out:
 * adding 0·w would not change an accumulator, so every output keeps the bits of the one-row kernels.
 */
final class Gather {
    /** Per-thread scratch for gathered indices; grows when a larger gather needs it. */
    private static final ThreadLocal<Gather> CURRENT = ThreadLocal.withInitial(Gather::new);

    /** This thread's scratch. */
    static Gather current() {
        return CURRENT.get();
    }

    /** The sixteen partial sums of a dot product. */
    final float[] lanes = new float[16];

    /** An update's block of sums on their way to the weights (VectorBlocks.byColumns); see {@link #blockSums}. */
    private float[] blockSums = new float[0];

    int[] keys = new int[1024];
    float[] vals = new float[4096];
    private float[] zeros = new float[1024];
    private int[] starts = new int[64];
    private int[] ends = new int[16];

    /** At least n zeros. */
    float[] zeros(int n) {
        if (zeros.length < n) {
            zeros = new float[n];
        }
        return zeros;
    }

    /**
     * At least n floats for an update's 4 × 4-vector register block of sums (16 vectors of the JVM's preferred
     * width, whatever it is), reused instead of allocated each step.
     */
    float[] blockSums(int n) {
        if (blockSums.length < n) {
            blockSums = new float[n];
        }
        return blockSums;
    }

    private void ensure(int size) {
        if (keys.length < size) {
            int grown = Math.max(size, 2 * keys.length);
            keys = java.util.Arrays.copyOf(keys, grown);
            vals = java.util.Arrays.copyOf(vals, 4 * grown);
        }
    }

    /** The non-zero entries a[off + i·stride], i in [0, count): keys[u] = i, vals[u] = the value. */
    int nonZeros(float[] a, int off, int stride, int count) {
        ensure(count);
        int len = 0;
        for (int i = 0; i < count; i++) {
            float x = a[off + i * stride];
            if (x != 0f) {
                keys[len] = i;
                vals[len++] = x;
            }
        }
        return len;
    }

    /**
     * Entries i in [0, count) of four interleaved sequences: sequence t's entry i is
     * a[base + i·step + t·lane]. Four rows of a matrix: step 1, lane = the row stride; four
     * adjacent columns: step = the row stride, lane 1.
     */
    int four(float[] a, int base, int step, int lane, int count, boolean skipZeros, int at) {
        ensure(at + count + 1);
        int len = at;
        for (int i = 0; i < count; i++) {
            len = put(len, i, a, base + i * step, lane, !skipZeros);
        }
        return len;
    }

    /**
     * Entry {@code len}: key, and the four values a[p + t·lane]; returns len + 1 when one of them is non-zero
     * (or {@code keepAll}), else len. Written always, kept by advancing: a branch on four pixels mispredicts
     * often.
     */
    private int put(int len, int key, float[] a, int p, int lane, boolean keepAll) {
        float x0 = a[p];
        float x1 = a[p + lane];
        float x2 = a[p + 2 * lane];
        float x3 = a[p + 3 * lane];
        keys[len] = key;
        int v = 4 * len;
        vals[v] = x0;
        vals[v + 1] = x1;
        vals[v + 2] = x2;
        vals[v + 3] = x3;
        return len + (keepAll || x0 != 0f || x1 != 0f || x2 != 0f || x3 != 0f ? 1 : 0);
    }

    /**
     * Empty lists for {@code blocks} blocks of four columns over m rows: block b's starts at b·m, in
     * {@link #starts} and {@link #ends} both; {@link #appendToBlocks} advances the ends.
     */
    void emptyLists(int blocks, int m) {
        ensure(blocks * m + 1);
        int[] s = starts(blocks);
        int[] e = ends(blocks);
        for (int b = 0; b < blocks; b++) {
            s[b] = b * m;
            e[b] = b * m;
        }
    }

    /**
     * Row i's values a[p + 4b .. p + 4b + 4) appended to block (first + b)'s list, for b &lt; blocks, where one
     * of the four is non-zero (as {@link #four} keeps them).
     */
    void appendToBlocks(float[] a, int p, int i, int first, int blocks, int[] ends) {
        for (int b = 0; b < blocks; b++) {
            ends[first + b] = put(ends[first + b], i, a, p + 4 * b, 1, false);
        }
    }

    /** Room for n block starts. */
    int[] starts(int n) {
        if (starts.length < n) {
            starts = new int[n];
        }
        return starts;
    }

    /** Room for n block ends. */
    int[] ends(int n) {
        if (ends.length < n) {
            ends = new int[n];
        }
        return ends;
    }
}
