package org.mlp4j.train;

/** Told about each finished epoch of {@link MinibatchSgd#fit}. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch              1-based epoch number
     * @param validationAccuracy accuracy on the epoch's held-out last minibatch (the article's "validation")
     * @param seconds            wall time of the epoch
     */
    void onEpoch(int epoch, double validationAccuracy, double seconds);
}
