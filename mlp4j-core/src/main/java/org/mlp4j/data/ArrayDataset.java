package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/**
 * Examples held as float rows with their classes, checked as they come in: what {@link TabularDataset} keeps
 * (its public {@code of} factories take arrays through here).
 */
final class ArrayDataset implements Dataset {
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
    static ArrayDataset of(float[][] x, float[][] y) {
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
    static ArrayDataset of(float[][] x, int[] labels, int classes) {
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

    /** The rows, live. */
    float[][] rows() {
        return x;
    }

    /** The labels, live. */
    int[] labels() {
        return labels;
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
