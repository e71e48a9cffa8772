package org.mlp4j.train;

/**
 * Told about each finished epoch of training, and optionally about every minibatch; it can
 * end training after any epoch ({@link #stopRequested}). To stop in the middle of an epoch, interrupt the
 * training thread: {@code fit} then ends after the current minibatch with {@link TrainingStopped}.
 */
@FunctionalInterface
public interface EpochListener {

    /**
     * Called after each epoch with its figures.
     *
     * @param stats the epoch's figures
     */
    void onEpoch(EpochStats stats);

    /**
     * After each updated minibatch: {@code examplesDone} of the epoch's {@code examples} so far, and the
     * running mean cost per example. Does nothing unless overridden (progress bars use it).
     *
     * @param epoch the epoch, from 1
     * @param examplesDone examples trained on so far in this epoch
     * @param examples the epoch's examples
     * @param runningLoss mean cost per example so far
     */
    default void onBatch(int epoch, int examplesDone, int examples, double runningLoss) {}

    /**
     * After each updated minibatch, its own figures as measured by its forward pass before the update:
     * for a caller that sums them over any stretch of training (a distributed trainer sums them over its
     * workers). Does nothing unless overridden.
     *
     * @param epoch the epoch, from 1
     * @param costSum the minibatch's summed cost
     * @param correct its examples whose largest output was the label
     * @param size its examples
     */
    default void onMinibatch(int epoch, double costSum, int correct, int size) {}

    /**
     * Asked after each epoch, once {@link #onEpoch} has seen it: true ends training there, and {@code fit}
     * returns the epochs run so far (with early stopping, the best weights are restored as usual). A
     * listener that wants to stop sets a flag in {@code onEpoch} and returns it here.
     *
     * @return true to stop
     */
    default boolean stopRequested() {
        return false;
    }
}
