package org.mlp4j.train;

import org.mlp4j.math.Rng;

/**
 * Where training saves its position and learns that it should stop. A position plus the
 * network's parameters is everything needed to continue a run so that it ends bit for bit as an
 * uninterrupted run would: the position carries the optimizer's state (velocities, Adam's moments).
 */
public interface Checkpointer {

    /**
     * Where training stands.
     *
     * @param epoch      the 1-based epoch to run next (epochs + 1 when done)
     * @param batch      the minibatch of that epoch to run next
     * @param epochStart the random generator's state at the start of that epoch, before its shuffle
     * @param step       optimizer steps taken so far
     * @param state      the training state beyond the parameters, as tensors by name: the optimizer's
     *                   ("optimizer.*": velocities, Adam's moments) and early stopping's ("early.*": the
     *                   best weights so far); empty for the article's SGD
     */
    record Position(int epoch, int batch, Rng.State epochStart, long step, java.util.Map<String, float[]> state) {
        /**
         * Checks the position.
         *
         * @param epoch epochs completed
         * @param batch minibatches completed in the current epoch
         * @param epochStart the generator's state when the epoch began
         */
        public Position(int epoch, int batch, Rng.State epochStart) {
            this(epoch, batch, epochStart, 0, java.util.Map.of());
        }

        /**
         * The start of a run whose generator is {@code rng} now.
         *
         * @param rng the run's generator
         * @return the position
         */
        public static Position start(Rng rng) {
            return new Position(1, 0, rng.save());
        }
    }

    /**
     * Called at every epoch end, and mid-epoch when {@link #stopRequested()} turned true.
     *
     * @param position where training stands
     */
    void save(Position position);

    /**
     * Polled after every minibatch; when true, training saves its position and throws {@link TrainingStopped}.
     *
     * @return true to stop
     */
    boolean stopRequested();

    /** Saves nothing and never stops. */
    Checkpointer NONE = new Checkpointer() {
        @Override
        public void save(Position position) {}

        @Override
        public boolean stopRequested() {
            return false;
        }
    };
}
