package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/** Examples held as float rows with one-hot (or any argmax-coded) targets: the article's X and y. */
public final class ArrayDataset implements Dataset {
    private final float[][] x;
    private final int[] labels;
    private final int classes;
    private final String description;

    private ArrayDataset(float[][] x, int[] labels, int classes, String description) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.description = description;
    }

    /**
     * A dataset from inputs X (one row per example) and targets y (one row per example, the class being
     * the argmax of the row, as the article's {@code accuracy} reads it).
     *
     * @param x the inputs
     * @param y the one-hot (or score) targets
     * @return the dataset
     * @throws InvalidInputException when the rows disagree in number or length
     */
    public static ArrayDataset of(float[][] x, float[][] y) {
        if (x.length != y.length) {
            throw new InvalidInputException(
                    "X", "X and y: expected the same number of rows, found " + x.length + " and " + y.length);
        }
        if (x.length == 0) {
            throw new InvalidInputException("X", "X: expected at least one example, found none");
        }
        int features = x[0].length;
        int classes = y[0].length;
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features) {
                throw new InvalidInputException(
                        "X", "X row " + i + ": expected " + features + " values, found " + x[i].length);
            }
            if (y[i].length != classes) {
                throw new InvalidInputException(
                        "y", "y row " + i + ": expected " + classes + " values, found " + y[i].length);
            }
            labels[i] = argmax(y[i]);
        }
        return new ArrayDataset(x, labels, classes, "arrays");
    }

    /** A dataset from rows and their class indices (no copy). */
    static ArrayDataset ofLabels(float[][] x, int[] labels, int classes, String description) {
        return new ArrayDataset(x, labels, classes, description);
    }

    /**
     * A dataset from inputs X (one row per example) and class indices 0 to {@code classes} − 1, the way
     * most data arrives (no one-hot targets needed). The arrays are not copied.
     *
     * @param x the inputs
     * @param labels the classes
     * @param classes the number of classes
     * @return the dataset
     * @throws InvalidInputException when a label is out of range or the rows disagree
     */
    public static ArrayDataset of(float[][] x, int[] labels, int classes) {
        if (x.length != labels.length) {
            throw new InvalidInputException(
                    "labels",
                    "X and labels: expected the same number of rows, found " + x.length + " and " + labels.length);
        }
        if (x.length == 0) {
            throw new InvalidInputException("X", "X: expected at least one example, found none");
        }
        if (classes < 2) {
            throw new InvalidInputException("classes", "classes: expected at least 2, found " + classes);
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != x[0].length) {
                throw new InvalidInputException(
                        "X",
                        "X row " + i + ": expected " + x[0].length + " values, found "
                                + (x[i] == null ? "null" : x[i].length));
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException(
                        "labels",
                        "labels[" + i + "]: expected a class from 0 to " + (classes - 1) + ", found " + labels[i]);
            }
        }
        return new ArrayDataset(x, labels, classes, "arrays");
    }

    /**
     * The examples in an order drawn from {@code seed} (a new dataset sharing the rows).
     *
     * @param seed draws the order
     * @return the shuffled dataset
     */
    public ArrayDataset shuffle(long seed) {
        int[] order = new org.mlp4j.math.Rng(seed).permutation(x.length);
        float[][] rx = new float[x.length][];
        int[] ry = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            rx[i] = x[order[i]];
            ry[i] = labels[order[i]];
        }
        return new ArrayDataset(rx, ry, classes, description + " shuffled");
    }

    /**
     * Shuffles with {@code seed}, then splits: the first part has {@code fraction} of the examples (rounded),
     * the second the rest. A file sorted by class gives two parts with every class in both.
     *
     * @param fraction the first part's share, in (0, 1)
     * @param seed draws the shuffle
     * @return the two parts
     */
    public ArrayDataset[] split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("fraction", "fraction: expected a number in (0, 1), found " + fraction);
        }
        ArrayDataset s = shuffle(seed);
        int cut = (int) Math.round(fraction * x.length);
        if (cut == 0 || cut == x.length) {
            throw new InvalidInputException(
                    "fraction", "fraction: " + fraction + " of " + x.length + " examples leaves one part empty");
        }
        return new ArrayDataset[] {
            new ArrayDataset(
                    java.util.Arrays.copyOfRange(s.x, 0, cut),
                    java.util.Arrays.copyOfRange(s.labels, 0, cut),
                    classes,
                    description + " part 1"),
            new ArrayDataset(
                    java.util.Arrays.copyOfRange(s.x, cut, x.length),
                    java.util.Arrays.copyOfRange(s.labels, cut, x.length),
                    classes,
                    description + " part 2")
        };
    }

    /** The rows, live. */
    float[][] rows() {
        return x;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public int features() {
        return x[0].length;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        System.arraycopy(x[i], 0, dst, off, x[i].length);
    }

    @Override
    public String description() {
        return description;
    }
}
