package org.mlp4j.train;

/**
 * What one epoch of {@link MinibatchSgd} measured. Training loss and accuracy are over the epoch's
 * updated minibatches, each measured by its own forward pass just before its update; validation is the
 * held-out split ({@link Validation#heldOut}), or with the article's algorithm each epoch's last minibatch,
 * and NaN when there is none. Losses are the mean cost per example.
 */
public record EpochStats(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double seconds,
        double examplesPerSecond) {}
