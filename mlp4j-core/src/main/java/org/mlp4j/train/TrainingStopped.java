package org.mlp4j.train;

/** Training stopped on request after saving its position (see {@link Checkpointer}). */
public final class TrainingStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Checkpointer.Position position;

    /**
     * Training stopped at this position.
     *
     * @param position where training stood
     */
    public TrainingStopped(Checkpointer.Position position) {
        super("training stopped at epoch " + position.epoch() + ", minibatch " + position.batch());
        this.position = position;
    }

    /**
     * Where training stopped: resume from it with the same settings.
     *
     * @return the position
     */
    public Checkpointer.Position position() {
        return position;
    }
}
