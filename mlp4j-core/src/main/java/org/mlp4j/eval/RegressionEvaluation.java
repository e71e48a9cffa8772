package org.mlp4j.eval;

import org.mlp4j.data.Dataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/** RMSE, MAE and R² of a regression network on a regression dataset, in the targets' units. */
public final class RegressionEvaluation {
    private RegressionEvaluation() {}

    /**
     * Scores the network on every row of {@code data}.
     *
     * @param net     a network trained on {@code data}'s target scaling
     * @param data    a regression dataset ({@link Dataset#targetScaling()} set), its features as the network
     *                takes them
     * @param threads the threads to use; the figures do not depend on it
     * @return the figures
     * @throws org.mlp4j.InvalidInputException when the data is not a regression of the network's shape
     */
    public static RegressionMetrics.Fit of(Network net, Dataset data, int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return of(net, data, Kernels.best(), pool);
        }
    }

    /** {@link #of(Network, Dataset, int)} on these kernels and threads. */
    static RegressionMetrics.Fit of(Network net, Dataset data, Kernels kernels, WorkerPool pool) {
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
