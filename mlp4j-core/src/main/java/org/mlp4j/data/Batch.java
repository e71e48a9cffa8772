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
 *
 * <p>Filling can be split: {@link #assign} names the examples, {@link #fillRow} converts one row (rows
 * are independent, so the training engine converts them in parallel, each just before its forward
 * pass), and {@link #buildColumns} derives the CSC copy. {@link #fill} does all three.
 */
public final class Batch {
    private final int capacity;
    private final int features;
    private final int classes;
    private int size;
    private Dataset source;
    private int[] order;
    private int first;
    private int nonZeros;
    /** Whether every row, and the CSC copy, is already converted (by {@link #fill}). */
    private boolean complete;

    /** X, row-major (capacity × features). */
    public final float[] x;
    /** One-hot targets Y, row-major (capacity × classes). */
    public final float[] y;
    /** Class of each example. */
    public final int[] labels;

    /**
     * CSR with a fixed stride: the non-zeros of example i are (rowIndex[p], rowValue[p]) for p in
     * [i·features, rowEnd[i]), so rows can be filled independently.
     */
    public final int[] rowIndex;
    public final float[] rowValue;
    public final int[] rowEnd;
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
        this.rowIndex = new int[cells];
        this.rowValue = new float[cells];
        this.rowEnd = new int[capacity];
        this.colStart = new int[features + 1];
        this.colRow = new int[cells];
        this.colValue = new float[cells];
        this.colFill = new int[features];
    }

    /**
     * Names the batch's examples without converting them: order[from .. to) of the dataset, or the
     * consecutive examples [from, to) when {@code order} is null. Rows are then filled by {@link #fillRow}.
     */
    public void assign(Dataset data, int[] order, int from, int to) {
        int n = to - from;
        if (n > capacity || n < 0) {
            throw new IllegalArgumentException("batch: expected at most " + capacity + " examples, found " + n);
        }
        if (data.features() != features || data.classes() != classes) {
            throw new IllegalArgumentException("batch of " + features + " features and " + classes
                    + " classes cannot hold " + data.description());
        }
        this.source = data;
        this.order = order;
        this.first = from;
        this.size = n;
        this.complete = false;
    }

    /** Converts row r of the assigned examples: X, its CSR row, the label and the one-hot target. */
    public void fillRow(int r) {
        int i = order == null ? first + r : order[first + r];
        int base = r * features;
        source.copyFeatures(i, x, base);
        int p = base;
        for (int k = 0; k < features; k++) {
            float v = x[base + k];
            if (v != 0f) {
                rowIndex[p] = k;
                rowValue[p] = v;
                p++;
            }
        }
        rowEnd[r] = p;
        labels[r] = source.label(i);
        Arrays.fill(y, r * classes, (r + 1) * classes, 0f);
        y[r * classes + labels[r]] = 1f;
    }

    /** Converts row r unless {@link #fill} already converted the whole batch. */
    public void ensureRow(int r) {
        if (!complete) {
            fillRow(r);
        }
    }

    /** Builds the CSC copy unless {@link #fill} already did. */
    public void ensureColumns() {
        if (!complete) {
            buildColumns();
        }
    }

    /** Derives the CSC copy from the filled rows (a counting sort by feature; rows stay ascending). */
    public void buildColumns() {
        Arrays.fill(colStart, 0);
        int nnz = 0;
        for (int r = 0; r < size; r++) {
            for (int q = r * features; q < rowEnd[r]; q++) {
                colStart[rowIndex[q] + 1]++;
            }
            nnz += rowEnd[r] - r * features;
        }
        for (int k = 0; k < features; k++) {
            colStart[k + 1] += colStart[k];
        }
        System.arraycopy(colStart, 0, colFill, 0, features);
        for (int r = 0; r < size; r++) {
            for (int q = r * features; q < rowEnd[r]; q++) {
                int at = colFill[rowIndex[q]]++;
                colRow[at] = r;
                colValue[at] = rowValue[q];
            }
        }
        nonZeros = nnz;
    }

    /** Fills the batch with examples order[from .. to) of the dataset, completely. */
    public void fill(Dataset data, int[] order, int from, int to) {
        assign(data, order, from, to);
        for (int r = 0; r < size; r++) {
            fillRow(r);
        }
        buildColumns();
        complete = true;
    }

    /** Fills the batch with the consecutive examples [from, to) of the dataset, completely. */
    public void fillRange(Dataset data, int from, int to) {
        fill(data, null, from, to);
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

    /** Number of non-zero inputs, once {@link #buildColumns} has run. */
    public int nonZeros() {
        return nonZeros;
    }
}
