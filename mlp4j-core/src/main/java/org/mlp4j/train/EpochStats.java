package org.mlp4j.train;

/**
 * What one epoch of training measured. Training loss and accuracy are over the epoch's
 * updated minibatches, each measured by its own forward pass just before its update; validation is the
 * held-out split (the recipe's {@code validation-split}), or with the article's algorithm each epoch's last minibatch,
 * and NaN when there is none. Losses are the mean cost per example.
 *
 * <p>For regression, accuracy means nothing (it is NaN) and the fits say how close the predictions came,
 * in the targets' units; for classification they are null.
 *
 * @param epoch             the epoch, from 1
 * @param trainLoss         the mean cost of the epoch's updated minibatches
 * @param trainAccuracy     their accuracy (NaN for a regression)
 * @param validationLoss    the validation rows' mean cost (NaN without them)
 * @param validationAccuracy their accuracy (NaN without them, or for a regression)
 * @param learningRate      the learning rate at the epoch's end
 * @param seconds           the epoch's wall time
 * @param examplesPerSecond examples trained and validated per second
 * @param trainMetrics      regression: the epoch's updated minibatches, each before its update (empty
 *                          where they were not counted: Spark's rounds); else null
 * @param validationMetrics regression: the validation rows (null when there are none); else null
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
        org.mlp4j.data.RegressionMetrics trainMetrics,
        org.mlp4j.data.RegressionMetrics validationMetrics) {

    /**
     * A classification epoch's figures.
     *
     * @param epoch             the epoch, from 1
     * @param trainLoss         the mean cost of the epoch's updated minibatches
     * @param trainAccuracy     their accuracy
     * @param validationLoss    the validation rows' mean cost (NaN without them)
     * @param validationAccuracy their accuracy (NaN without them)
     * @param learningRate      the learning rate at the epoch's end
     * @param seconds           the epoch's wall time
     * @param examplesPerSecond examples trained and validated per second
     */
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
     * @return true when the regression figures are set
     */
    public boolean regression() {
        return trainMetrics != null;
    }

    /**
     * A regression's training figures.
     *
     * @return RMSE, MAE and R² of the epoch's minibatches (NaN where not counted), or null for a classifier
     */
    public org.mlp4j.data.RegressionMetrics.Fit trainFit() {
        return trainMetrics == null ? null : trainMetrics.fit();
    }

    /**
     * A regression's validation figures.
     *
     * @return RMSE, MAE and R² of the validation rows, or null (a classifier, or no validation rows)
     */
    public org.mlp4j.data.RegressionMetrics.Fit validationFit() {
        return validationMetrics == null ? null : validationMetrics.fit();
    }
}
