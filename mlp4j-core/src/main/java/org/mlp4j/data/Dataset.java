package org.mlp4j.data;

/**
 * Labelled examples for classification: each has {@link #features()} inputs and a label in
 * [0, {@link #classes()}). Implementations keep their own compact storage (MNIST stays as bytes) and
 * hand out float features one example at a time, so a minibatch is converted when it is used.
 */
public interface Dataset {

    /**
     * Number of examples.
     *
     * @return the count
     */
    int size();

    /**
     * Inputs per example.
     *
     * @return the count
     */
    int features();

    /**
     * Number of classes; targets are one-hot vectors of this length.
     *
     * @return the count
     */
    int classes();

    /**
     * The class of example i.
     *
     * @param i the example, from 0
     * @return its class, from 0 to {@link #classes()} − 1
     */
    int label(int i);

    /**
     * Writes example i's inputs, as floats, into dst[off .. off + features()).
     *
     * @param i the example, from 0
     * @param dst receives the inputs
     * @param off where to write in {@code dst}
     */
    void copyFeatures(int i, float[] dst, int off);

    /**
     * A short description for messages, e.g. the file it came from.
     *
     * @return the description
     */
    String description();

    /**
     * How these features were made from the user's raw examples, which is what a model trained on them must
     * do to a raw example before its network sees it: {@code "pixel/255"} for images (grey levels 0 to 255
     * stored, 0 to 1 given), {@code "none"} when the features are the raw values.
     *
     * @return the model-file name of the scaling
     */
    default String inputScaling() {
        return "none";
    }

    /**
     * Whether the examples carry weights ({@link #weight}); without them every example counts once.
     *
     * @return true when {@link #weight} is not 1 for every example
     */
    default boolean weighted() {
        return false;
    }

    /**
     * Example i's weight in the cost: a minibatch's gradient is Σ w·∇ / Σ w over its examples (MLlib's {@code
     * weightCol}). A finite number, 0 or more.
     *
     * @param i the example, from 0
     * @return its weight (1 unless {@link #weighted})
     */
    default float weight(int i) {
        return 1f;
    }

    /**
     * This dataset with a weight for each example (a view: nothing is copied); training then takes each
     * minibatch's gradient as Σ w·∇ / Σ w, so an example of weight 2 counts as twice an example of weight 1.
     * The figures reported during training (loss, accuracy, validation) stay unweighted.
     *
     * @param weights one finite weight, 0 or more, per example; not all 0
     * @return the weighted view
     * @throws org.mlp4j.InvalidInputException naming the first weight that is negative, not finite, or
     *     missing, or when every weight is 0
     */
    default Dataset withWeights(float[] weights) {
        return new WeightedDataset(this, weights);
    }

    /**
     * The examples [from, to) of this dataset, without copying.
     *
     * @param from the first example
     * @param to the end example (exclusive)
     * @return a view of those examples
     */
    default Dataset slice(int from, int to) {
        return new DatasetSlice(this, from, to);
    }

    /**
     * Example i's inputs as a new array.
     *
     * @param i the example, from 0
     * @return its inputs
     */
    default float[] features(int i) {
        float[] x = new float[features()];
        copyFeatures(i, x, 0);
        return x;
    }

    /**
     * Example i's one-hot target as a new array.
     *
     * @param i the example, from 0
     * @return its target
     */
    default float[] oneHot(int i) {
        float[] y = new float[classes()];
        y[label(i)] = 1f;
        return y;
    }

    /**
     * For a regression dataset, how its targets were standardised for training (the network learns
     * (y − mean) / std, and its outputs are turned back into the target's units with the same numbers);
     * null for a classification dataset, whose targets are one-hot classes.
     *
     * @return the targets' scaling, or null
     */
    default Standardizer targetScaling() {
        return null;
    }

    /**
     * Whether the targets are real values ({@link #targetScaling()} is set) rather than classes.
     *
     * @return true for regression
     */
    default boolean regression() {
        return targetScaling() != null;
    }

    /**
     * A regression's target names, one per output, as a model file keeps them.
     *
     * @return the names, or null for a classification dataset (and a regression that has none)
     */
    default java.util.List<String> targetNames() {
        return null;
    }

    /**
     * Writes example i's training target, {@link #classes()} values: the one-hot class, or a regression
     * dataset's standardised target values.
     *
     * @param i the example
     * @param dst where to write
     * @param off the first position to write
     */
    default void copyTarget(int i, float[] dst, int off) {
        java.util.Arrays.fill(dst, off, off + classes(), 0f);
        dst[off + label(i)] = 1f;
    }
}
