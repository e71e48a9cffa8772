package org.mlp4j.data;

/**
 * Labelled examples for classification: each has {@link #features()} inputs and a label in
 * [0, {@link #classes()}). Implementations keep their own compact storage (MNIST stays as bytes) and
 * hand out float features one example at a time, so a minibatch is converted when it is used.
 */
public interface Dataset {

    /** Number of examples. */
    int size();

    /** Inputs per example. */
    int features();

    /** Number of classes; targets are one-hot vectors of this length. */
    int classes();

    /** The class of example i. */
    int label(int i);

    /** Writes example i's inputs, as floats, into dst[off .. off + features()). */
    void copyFeatures(int i, float[] dst, int off);

    /** A short description for messages, e.g. the file it came from. */
    String description();

    /** The examples [from, to) of this dataset, without copying. */
    default Dataset slice(int from, int to) {
        return new DatasetSlice(this, from, to);
    }

    /** Example i's inputs as a new array. */
    default float[] features(int i) {
        float[] x = new float[features()];
        copyFeatures(i, x, 0);
        return x;
    }

    /** Example i's one-hot target as a new array. */
    default float[] oneHot(int i) {
        float[] y = new float[classes()];
        y[label(i)] = 1f;
        return y;
    }
}
