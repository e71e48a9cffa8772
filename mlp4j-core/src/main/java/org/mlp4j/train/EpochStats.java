package org.mlp4j.train;

/**
 * What one epoch of {@link MinibatchSgd} measured. Training loss and accuracy are over the epoch's
 * updated minibatches, each measured by its own forward pass just before its update; validation is the
 * held-out split ({@link Validation#heldOut}), or with the article's algorithm each epoch's last minibatch,
 * and NaN when there is none. Losses are the mean cost per example.
 *
 * <p>For regression, accuracy means nothing (it is NaN) and the fits say how close the predictions came,
 * in the targets' units; for classification they are null.
 *
 * @param trainFit      regression: the epoch's updated minibatches, each before its update; else null
 * @param validationFit regression: the validation rows (null when there are none); else null
 */
public record EpochStats(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double seconds,
        double examplesPerSecond,
        org.mlp4j.data.RegressionMetrics.Fit trainFit,
        org.mlp4j.data.RegressionMetrics.Fit validationFit) {

    /** A classification epoch's figures. */
    public EpochStats(
            int epoch,
            double trainLoss,
            double trainAccuracy,
            double validationLoss,
            double validationAccuracy,
            double learningRate,
            double seconds,
            double examplesPerSecond) {
        this(
                epoch,
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                learningRate,
                seconds,
                examplesPerSecond,
                null,
                null);
    }

    /**
     * Whether the epoch trained a regression.
     *
     * @return true when the fits are set
     */
    public boolean regression() {
        return trainFit != null;
    }
}
