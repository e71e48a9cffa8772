package org.mlp4j.eval;

import org.mlp4j.data.Dataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/**
 * A trained network scored on data: a classifier's accuracy by argmax (as in the article's {@code accuracy};
 * {@link ConfusionMatrix#of} for the counts per class), a regression's RMSE, MAE and R² in the targets' units.
 */
public final class Evaluation {
    /** Examples per forward pass when evaluating a whole dataset. */
    public static final int EVAL_BATCH = org.mlp4j.engine.Inference.EVAL_BATCH;

    private Evaluation() {}

    /**
     * Index of the largest value in v[off .. off + len); the first one on ties, as numpy's argmax.
     *
     * @param v the values
     * @param off the first index
     * @param len how many
     * @return the index, from 0 to len − 1
     */
    public static int argmax(float[] v, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (v[off + j] > v[off + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Share of the n rows of {@code outputs} (n × classes) whose argmax equals the label.
     *
     * @param outputs n rows of outputs
     * @param labels the true classes
     * @param n rows
     * @param classes outputs per row
     * @return the accuracy, from 0 to 1
     */
    public static double accuracy(float[] outputs, int[] labels, int n, int classes) {
        return (double) correct(outputs, labels, n, classes) / n;
    }

    /**
     * Number of the n rows of {@code outputs} (n × classes) whose argmax equals the label.
     *
     * @param outputs n rows of outputs
     * @param labels the true classes
     * @param n rows
     * @param classes outputs per row
     * @return the count
     */
    public static int correct(float[] outputs, int[] labels, int n, int classes) {
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (argmax(outputs, i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * The article's {@code accuracy(y, pred)}: share of rows whose argmaxes agree.
     *
     * @param y one-hot targets, one row per example
     * @param pred outputs, one row per example
     * @return the accuracy, from 0 to 1
     */
    public static double accuracy(float[][] y, float[][] pred) {
        if (y.length != pred.length || y.length == 0) {
            throw new IllegalArgumentException("y and pred: expected the same, non-zero number of rows, found "
                    + y.length + " and " + pred.length);
        }
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i].length != pred[i].length) {
                // a label beyond the model's outputs can never be predicted: a silently low score
                throw new IllegalArgumentException("y and pred: expected rows of the same width, found " + y[i].length
                        + " and " + pred[i].length + " at row " + i);
            }
            if (argmax(y[i], 0, y[i].length) == argmax(pred[i], 0, pred[i].length)) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    /**
     * Accuracy of the network on a whole dataset, evaluated in large batches.
     *
     * @param net the network
     * @param data a labelled dataset
     * @param threads the threads to use; the accuracy does not depend on it
     * @return the accuracy, from 0 to 1
     */
    public static double accuracy(Network net, Dataset data, int threads) {
        return ConfusionMatrix.of(net, data, threads).accuracy();
    }

    /**
     * RMSE, MAE and R² of a regression network on every row of {@code data}, in the targets' units.
     *
     * @param net     a network trained on {@code data}'s target scaling
     * @param data    a regression dataset ({@link Dataset#targetScaling()} set), its features as the network
     *                takes them
     * @param threads the threads to use; the figures do not depend on it
     * @return the figures
     * @throws org.mlp4j.InvalidInputException when the data is not a regression of the network's shape
     */
    public static RegressionMetrics.Fit regression(Network net, Dataset data, int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return regression(net, data, Kernels.best(), pool);
        }
    }

    /** {@link #regression(Network, Dataset, int)} on these kernels and threads. */
    static RegressionMetrics.Fit regression(Network net, Dataset data, Kernels kernels, WorkerPool pool) {
        if (!data.regression() || net.outputSize() != data.classes() || net.inputSize() != data.features()) {
            throw new org.mlp4j.InvalidInputException(data.description() + ": expected a regression of "
                    + net.inputSize() + " features and " + net.outputSize() + " targets for this model, found "
                    + data.features() + " features and "
                    + (data.regression() ? data.classes() + " targets" : "classes"));
        }
        RegressionMetrics m = new RegressionMetrics(data.classes());
        ForwardPasses.run(
                net, data, kernels, pool, (b, out) -> m.addStandardized(out, b.y, b.size(), data.targetScaling()));
        return m.fit();
    }
}
