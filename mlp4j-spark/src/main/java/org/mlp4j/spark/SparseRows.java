package org.mlp4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shard's features kept sparse: each row's non-zero values with their indexes, for data that is mostly
 * zeros (a sparse vector column, one-hot or bag-of-words features), where the dense arrays would take many
 * times the memory. The entries live in fixed-size chunks, so the store grows without ever copying what it
 * holds, and may pass 2^31 entries. A row is made dense again only when training reads it.
 */
final class SparseRows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** log2 of the entries a chunk holds. */
    private final int chunkBits;
    /** Where each row's entries start, and (at index n) where the last one ends. */
    private final long[] rowStart;

    private final int[][] indexes;
    private final float[][] values;

    private SparseRows(int chunkBits, long[] rowStart, int[][] indexes, float[][] values) {
        this.chunkBits = chunkBits;
        this.rowStart = rowStart;
        this.indexes = indexes;
        this.values = values;
    }

    int rows() {
        return rowStart.length - 1;
    }

    long entries() {
        return rowStart[rowStart.length - 1];
    }

    /** The entries a full chunk holds. */
    int chunkSize() {
        return 1 << chunkBits;
    }

    /** The entries the chunks have room for: {@link #entries} once built (the last chunk trimmed). */
    long capacity() {
        long n = 0;
        for (float[] c : values) {
            n += c.length;
        }
        return n;
    }

    /**
     * Writes row {@code i} densely into {@code dst[off ..off + features)}, each value divided by 255 when
     * {@code pixelScale} (the same float division as the dense shards).
     */
    void copyRow(int i, float[] dst, int off, int features, boolean pixelScale) {
        Arrays.fill(dst, off, off + features, 0f);
        int mask = (1 << chunkBits) - 1;
        for (long k = rowStart[i]; k < rowStart[i + 1]; k++) {
            int c = (int) (k >>> chunkBits);
            int at = (int) (k & mask);
            float v = values[c][at];
            dst[off + indexes[c][at]] = pixelScale ? v / 255f : v;
        }
    }

    /**
     * A hash of every row's entries, for {@link Shard#fingerprint}: entry by entry, whatever the chunks, so
     * the same rows kept on disk ({@link DiskRows}) hash alike.
     */
    long fingerprint() {
        long h = Arrays.hashCode(rowStart);
        int mask = (1 << chunkBits) - 1;
        for (long k = 0; k < entries(); k++) {
            int c = (int) (k >>> chunkBits);
            int at = (int) (k & mask);
            h = foldEntry(h, indexes[c][at], values[c][at]);
        }
        return h;
    }

    /** One entry folded into a fingerprint. */
    static long foldEntry(long h, int index, float v) {
        return 31 * (31 * h + index) + Float.floatToIntBits(v);
    }

    /** Gathers rows one value at a time, in chunks sized for the entries expected. */
    static final class Builder {
        private final int chunkBits;
        private final List<int[]> indexes = new ArrayList<>();
        private final List<float[]> values = new ArrayList<>();
        private final RowOffsets rowStart;
        private long entries;

        /**
         * @param expectedRows    rows made room for at once (more may come)
         * @param expectedEntries the non-zero values expected in all, which sizes the chunks: from 1,024 to
         *     1,048,576 entries each
         */
        Builder(long expectedRows, long expectedEntries) {
            int bits = 10;
            while (bits < 20 && (1L << bits) * 8 < expectedEntries) {
                bits++;
            }
            this.chunkBits = bits;
            this.rowStart = new RowOffsets(expectedRows);
        }

        /** Adds value {@code v} (non-zero) at index {@code index} to the row being gathered. */
        void add(int index, float v) {
            int at = (int) (entries & ((1 << chunkBits) - 1));
            if (at == 0) {
                indexes.add(new int[1 << chunkBits]);
                values.add(new float[1 << chunkBits]);
            }
            indexes.get(indexes.size() - 1)[at] = index;
            values.get(values.size() - 1)[at] = v;
            entries++;
        }

        /** Ends the row being gathered. */
        void endRow() {
            rowStart.endRow(entries);
        }

        SparseRows build() {
            long[] starts = rowStart.trimmed();
            int used = (int) (entries & ((1 << chunkBits) - 1));
            if (used > 0) { // the last chunk trimmed to what it holds: at most one chunk copied
                int last = values.size() - 1;
                indexes.set(last, Arrays.copyOf(indexes.get(last), used));
                values.set(last, Arrays.copyOf(values.get(last), used));
            }
            return new SparseRows(chunkBits, starts, indexes.toArray(new int[0][]), values.toArray(new float[0][]));
        }
    }
}
