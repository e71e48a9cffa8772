package org.mlp4j.train;

/** Told about each finished epoch of {@link MinibatchSgd#fit}, and optionally about every minibatch. */
@FunctionalInterface
public interface EpochListener {

    void onEpoch(EpochStats stats);

    /**
     * After each updated minibatch: {@code examplesDone} of the epoch's {@code examples} so far, and the
     * running mean cost per example. Does nothing unless overridden (progress bars use it).
     */
    default void onBatch(int epoch, int examplesDone, int examples, double runningLoss) {
    }
}
