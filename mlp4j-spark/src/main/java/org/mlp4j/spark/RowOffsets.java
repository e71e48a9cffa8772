package org.mlp4j.spark;

import java.util.Arrays;

/**
 * Where each sparse row's entries start, gathered row by row: sized for the rows expected, grown (8 bytes a
 * row, the entries themselves never copied) when more come. Shared by the heap's and the disk's sparse
 * shards.
 */
final class RowOffsets {
    private long[] starts;
    private int rows;

    /** @param expectedRows rows made room for at once */
    RowOffsets(long expectedRows) {
        starts = new long[(int) Math.min(Math.max(expectedRows, 1), ShardBuilder.MAX_VALUES) + 1];
    }

    /** Ends a row: the entries written so far, all rows included. */
    void endRow(long entries) {
        if (rows + 1 == starts.length) {
            starts = Arrays.copyOf(starts, (int) Math.min(2L * starts.length, ShardBuilder.MAX_VALUES));
        }
        rows++;
        starts[rows] = entries;
    }

    /** The offsets: rows + 1 of them, the last where the last row ends. */
    long[] trimmed() {
        return rows + 1 == starts.length ? starts : Arrays.copyOf(starts, rows + 1);
    }
}
