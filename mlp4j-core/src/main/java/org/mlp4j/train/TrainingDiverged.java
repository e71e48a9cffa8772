package org.mlp4j.train;

import java.util.Locale;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Loss;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;

/**
 * Training diverged: the weights became NaN or infinite, or the training loss grew far past where it
 * started (see {@link #check}). Not a malformed input but a run that failed, so the command line exits
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

    /**
     * The divergence check after an epoch, which mlp4j's training loops (one machine's and Spark's rounds)
     * run. Two signs:
     * <ul>
     *   <li>weights that are NaN or infinite;</li>
     *   <li>for softmax with cross-entropy or sigmoid with binary cross-entropy, an epoch's mean training loss
     *       that is infinite or more than twice the larger of two levels: the loss the run started from (its
     *       first measured minibatches) and the loss of a network that guesses every class as equally likely
     *       (its chance loss: ln K, or K ln 2). Training makes the loss fall from where it started; an epoch
     *       that ends at twice that comes from steps that push the network out of range (on Spark, a learning
     *       rate too high for the number of workers reached losses of 17 and 238 with 10 classes, where ln 10
     *       is 2.3, and accuracies worse than an untrained network's).</li>
     * </ul>
     * Other losses have no level known in advance and are checked for finite weights only.
     *
     * @param epoch the epoch just ended, from 1
     * @param trainLoss its mean training loss per example, or NaN when none was measured (weights only)
     * @param startLoss the mean loss the run started from, or NaN (any value that is not finite) when it is
     *                  not known: the epoch's own loss is then the start
     * @param net the network after the epoch
     * @param setting the learning rate as the run uses it, for the message ("learning rate 0.1 (lr)")
     * @param advice what to change, for the message ("try a lower learning rate")
     * @throws TrainingDiverged when the run diverged
     */
    public static void check(
            int epoch, double trainLoss, double startLoss, Network net, String setting, String advice) {
        if (!net.isFinite()) {
            throw new TrainingDiverged(epoch, "weights became NaN or infinite", setting, advice);
        }
        if (Double.isNaN(trainLoss)) {
            return;
        }
        double chance = chanceLoss(net.outputActivation(), net.cost(), net.outputSize());
        double start = Double.isFinite(startLoss) ? startLoss : trainLoss;
        double limit = 2 * Math.max(chance, start);
        if (Double.isInfinite(trainLoss) || trainLoss > limit) {
            throw new TrainingDiverged(
                    epoch,
                    String.format(
                            Locale.ROOT,
                            "training loss %.4g, more than twice the %.4g it started from (or the %.4g of a network"
                                    + " that guesses uniformly)",
                            trainLoss,
                            start,
                            chance),
                    setting,
                    advice);
        }
    }

    /**
     * The mean loss of a network whose outputs say every class is equally likely: ln K for softmax with
     * cross-entropy, K ln 2 for sigmoid with binary cross-entropy, NaN for the other pairs.
     */
    static double chanceLoss(Activation out, Cost cost, int outputs) {
        if (!Loss.fused(out, cost)) {
            return Double.NaN;
        }
        return out == StandardActivation.SOFTMAX ? StrictMath.log(outputs) : outputs * StrictMath.log(2);
    }
}
