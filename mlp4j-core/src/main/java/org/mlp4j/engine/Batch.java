package org.mlp4j.engine;

import org.mlp4j.data.Dataset;

/**
 * A minibatch as flat float32 matrices, examples as rows: inputs X (n × features), one-hot targets Y
 * (n × classes) and the labels. Allocated once for a capacity and refilled for every minibatch, so the
 * training loop allocates nothing per step.
 *
 * <p>Filling can be split: {@link #assign} names the examples and {@link #ensureRow} converts one row
 * (rows are independent, so the training engine converts them in parallel, each just before its
 * forward pass). {@link #fill} converts all rows at once.
 */
public final class Batch {
    private final int capacity;
    private final int features;
    private final int classes;
    private int size;
    private Dataset source;
    private int[] order;
    private int first;
    /** Whether every row is already converted (by {@link #fill}). */
    private boolean complete;

    private Augmentation augmentation;
    private long augmentationKey;

    /** X, row-major (capacity × features). */
    public final float[] x;
    /** One-hot targets Y, row-major (capacity × classes). */
    public final float[] y;
    /** Class of each example. */
    public final int[] labels;
    /** Each example's weight times size / Σ weights (so they average 1), or null for an unweighted dataset. */
    private final float[] weights;

    private boolean weighted;

    /**
     * An empty batch with room for {@code capacity} examples.
     *
     * @param capacity the most examples it holds
     * @param features inputs per example
     * @param classes outputs per example
     */
    public Batch(int capacity, int features, int classes) {
        this.capacity = capacity;
        this.features = features;
        this.classes = classes;
        this.x = new float[Math.multiplyExact(capacity, features)];
        this.y = new float[capacity * classes];
        this.labels = new int[capacity];
        this.weights = new float[capacity];
    }

    /**
     * Names the batch's examples without converting them: order[from .. to) of the dataset, or the
     * consecutive examples [from, to) when {@code order} is null.
     *
     * @param data the dataset
     * @param order the dataset's example order, or null
     * @param from the first position in the order
     * @param to the end position (exclusive)
     */
    public void assign(Dataset data, int[] order, int from, int to) {
        int n = to - from;
        if (n > capacity || n < 0) {
            throw new IllegalArgumentException("batch: expected at most " + capacity + " examples, found " + n);
        }
        if (data.features() != features || data.classes() != classes) {
            throw new IllegalArgumentException(
                    "batch of " + features + " features and " + classes + " classes cannot hold " + data.description());
        }
        this.source = data;
        this.order = order;
        this.first = from;
        this.size = n;
        this.complete = false;
        this.weighted = data.weighted();
        if (weighted) {
            normaliseWeights();
        }
    }

    /**
     * The examples' weights scaled to average 1 over the batch (w · n / Σ w, all 0 when Σ w is 0), so the
     * engine's mean over n examples is the weighted mean Σ w·∇ / Σ w.
     */
    private void normaliseWeights() {
        double sum = 0;
        for (int r = 0; r < size; r++) {
            sum += source.weight(example(r));
        }
        double scale = sum > 0 ? size / sum : 0;
        for (int r = 0; r < size; r++) {
            weights[r] = (float) (source.weight(example(r)) * scale);
        }
    }

    /** The dataset's index of the batch's row r. */
    private int example(int r) {
        return order == null ? first + r : order[first + r];
    }

    /**
     * The examples' weights, scaled to average 1 over the batch, or null when the dataset has none.
     *
     * @return the live array (its first {@link #size()} values), or null
     */
    public float[] weights() {
        return weighted ? weights : null;
    }

    /**
     * Converts row r of the assigned examples (X, label, one-hot target) unless already done.
     *
     * @param r the row, from 0
     */
    public void ensureRow(int r) {
        if (complete) {
            return;
        }
        int i = example(r);
        source.copyFeatures(i, x, r * features);
        if (augmentation != null) {
            augmentation.apply(x, r * features, Augmentation.seed(augmentationKey, i));
        }
        labels[r] = source.label(i);
        source.copyTarget(i, y, r * classes);
    }

    /**
     * Distort rows as they are converted from now on, each with a seed from {@code key} and its example
     * index (null: stop distorting).
     *
     * @param a the distortions, or null
     * @param key the epoch's augmentation key
     */
    public void augment(Augmentation a, long key) {
        this.augmentation = a;
        this.augmentationKey = key;
    }

    /**
     * Fills the batch with examples order[from .. to) of the dataset, completely.
     *
     * @param data the dataset
     * @param order the dataset's example order
     * @param from the first position in the order
     * @param to the end position (exclusive)
     */
    public void fill(Dataset data, int[] order, int from, int to) {
        assign(data, order, from, to);
        for (int r = 0; r < size; r++) {
            ensureRow(r);
        }
        complete = true;
    }

    /**
     * Fills the batch with the consecutive examples [from, to) of the dataset, completely.
     *
     * @param data the dataset
     * @param from the first example
     * @param to the end example (exclusive)
     */
    public void fillRange(Dataset data, int from, int to) {
        fill(data, null, from, to);
    }

    /**
     * Number of examples in the batch now.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * The most examples the batch holds.
     *
     * @return the count
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Inputs per example.
     *
     * @return the count
     */
    public int features() {
        return features;
    }

    /**
     * Outputs (classes) per example.
     *
     * @return the count
     */
    public int classes() {
        return classes;
    }
}
