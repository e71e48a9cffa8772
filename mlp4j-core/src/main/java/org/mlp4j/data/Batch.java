package org.mlp4j.data;

import java.util.Arrays;

/**
 * A minibatch as flat float32 matrices, examples as rows: inputs X (n × features), one-hot targets Y
 * (n × classes) and the labels. Allocated once for a capacity and refilled for every minibatch, so the
 * training loop allocates nothing per step.
 *
 * <p>It also keeps the non-zero inputs twice, by example (CSR: what the forward pass of the first layer
 * reads) and by input feature (CSC: what that layer's weight gradient reads). On MNIST four in five
 * pixels are zero, and skipping them is the largest saving in training.
 */
public final class Batch {
    private final int capacity;
    private final int features;
    private final int classes;
    private int size;

    /** X, row-major (capacity × features). */
    public final float[] x;
    /** One-hot targets Y, row-major (capacity × classes). */
    public final float[] y;
    /** Class of each example. */
    public final int[] labels;

    /** CSR: non-zeros of example i are (rowIndex[p], rowValue[p]) for p in [rowStart[i], rowStart[i+1]). */
    public final int[] rowStart;
    public final int[] rowIndex;
    public final float[] rowValue;
    /** CSC: non-zeros of feature k are (colRow[p], colValue[p]) for p in [colStart[k], colStart[k+1]), rows ascending. */
    public final int[] colStart;
    public final int[] colRow;
    public final float[] colValue;
    /** Scratch for building the CSC arrays. */
    private final int[] colFill;

    public Batch(int capacity, int features, int classes) {
        this.capacity = capacity;
        this.features = features;
        this.classes = classes;
        int cells = Math.multiplyExact(capacity, features);
        this.x = new float[cells];
        this.y = new float[capacity * classes];
        this.labels = new int[capacity];
        this.rowStart = new int[capacity + 1];
        this.rowIndex = new int[cells];
        this.rowValue = new float[cells];
        this.colStart = new int[features + 1];
        this.colRow = new int[cells];
        this.colValue = new float[cells];
        this.colFill = new int[features];
    }

    /** Fills the batch with examples order[from .. to) of the dataset. */
    public void fill(Dataset data, int[] order, int from, int to) {
        int n = to - from;
        if (n > capacity || n < 0) {
            throw new IllegalArgumentException("batch: expected at most " + capacity + " examples, found " + n);
        }
        size = n;
        Arrays.fill(y, 0, n * classes, 0f);
        for (int r = 0; r < n; r++) {
            int i = order[from + r];
            data.copyFeatures(i, x, r * features);
            labels[r] = data.label(i);
            y[r * classes + labels[r]] = 1f;
        }
        buildSparse();
    }

    /** Fills the batch with the consecutive examples [from, to) of the dataset. */
    public void fillRange(Dataset data, int from, int to) {
        int n = to - from;
        if (n > capacity || n < 0) {
            throw new IllegalArgumentException("batch: expected at most " + capacity + " examples, found " + n);
        }
        size = n;
        Arrays.fill(y, 0, n * classes, 0f);
        for (int r = 0; r < n; r++) {
            data.copyFeatures(from + r, x, r * features);
            labels[r] = data.label(from + r);
            y[r * classes + labels[r]] = 1f;
        }
        buildSparse();
    }

    private void buildSparse() {
        Arrays.fill(colStart, 0);
        int p = 0;
        for (int r = 0; r < size; r++) {
            rowStart[r] = p;
            int base = r * features;
            for (int k = 0; k < features; k++) {
                float v = x[base + k];
                if (v != 0f) {
                    rowIndex[p] = k;
                    rowValue[p] = v;
                    p++;
                    colStart[k + 1]++;
                }
            }
        }
        rowStart[size] = p;
        for (int k = 0; k < features; k++) {
            colStart[k + 1] += colStart[k];
        }
        // Counting sort by feature; scanning rows in order keeps each column's rows ascending.
        int[] fillAt = colFill;
        System.arraycopy(colStart, 0, fillAt, 0, features);
        for (int r = 0; r < size; r++) {
            for (int q = rowStart[r]; q < rowStart[r + 1]; q++) {
                int k = rowIndex[q];
                int at = fillAt[k]++;
                colRow[at] = r;
                colValue[at] = rowValue[q];
            }
        }
    }

    /** Number of examples in the batch now. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    /** Number of non-zero inputs in the batch now. */
    public int nonZeros() {
        return rowStart[size];
    }
}
