package org.mlp4j.train;

/**
 * Training diverged: the weights became NaN or infinite, or the training loss grew far past where it
 * started (see {@link Divergence}). Not a malformed input but a run that failed, so the command line exits
 * with status 1; the message says which epoch, what was seen, with which learning rate, and what to change.
 */
public final class TrainingDiverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The epoch in which the divergence was seen, from 1. */
    private final int epoch;

    /** What was seen, without the epoch, the learning rate or the advice. */
    private final String what;

    /**
     * A diverged run.
     *
     * @param epoch the epoch in which it was seen (from 1)
     * @param what what was seen ("weights became NaN or infinite")
     * @param setting the learning rate as the run used it ("learning rate 0.1 (lr)")
     * @param advice what to change ("try a lower learning rate")
     */
    public TrainingDiverged(int epoch, String what, String setting, String advice) {
        super("training diverged in epoch " + epoch + ": " + what + ", with " + setting + "; " + advice);
        this.epoch = epoch;
        this.what = what;
    }

    /**
     * The epoch in which the divergence was seen.
     *
     * @return the epoch, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * What was seen, without the epoch, the learning rate or the advice.
     *
     * @return for example "weights became NaN or infinite"
     */
    public String what() {
        return what;
    }
}
