package org.mlp4j.train;

import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Loss;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;

/**
 * Watches a run for divergence, after every epoch, on one machine and on Spark alike. Two signs:
 * <ul>
 *   <li>weights that are NaN or infinite;</li>
 *   <li>for softmax with cross-entropy or sigmoid with binary cross-entropy, an epoch's mean training loss
 *       more than twice the larger of two levels: the loss the run started from (its first measured
 *       minibatches) and the loss of a network that guesses every class as equally likely (its chance
 *       loss: ln K, or K ln 2). Training makes the loss fall from where it started; an epoch that ends at
 *       twice that comes from steps that push the network out of range (on Spark, a learning rate too high
 *       for the number of workers reached losses of 17 and 238 with 10 classes, where ln 10 is 2.3, and
 *       accuracies worse than an untrained network's).</li>
 * </ul>
 * Other losses have no level known in advance and are checked for finite weights only.
 */
public final class Divergence {
    private final String setting;
    private final String advice;
    private double start = Double.NaN;

    /**
     * A watch over one run.
     *
     * @param setting the learning rate as the run uses it, for the message ("learning rate 0.1 (lr)")
     * @param advice what to change, for the message ("try a lower learning rate")
     */
    public Divergence(String setting, String advice) {
        this.setting = setting;
        this.advice = advice;
    }

    /**
     * The loss the run started from: the mean loss of its first measured minibatches. Only the first value
     * given counts; without one, the first epoch's loss is taken.
     *
     * @param meanLoss a mean loss per example
     */
    public void started(double meanLoss) {
        if (Double.isNaN(start) && Double.isFinite(meanLoss)) {
            start = meanLoss;
        }
    }

    /**
     * The mean loss of a network whose outputs say every class is equally likely: ln K for softmax with
     * cross-entropy, K ln 2 for sigmoid with binary cross-entropy, NaN for the other pairs.
     *
     * @param out the output activation
     * @param cost the cost
     * @param outputs the number of output units K
     * @return the loss, or NaN when it is not known in advance
     */
    public static double chanceLoss(Activation out, Cost cost, int outputs) {
        if (!Loss.fused(out, cost)) {
            return Double.NaN;
        }
        return out == StandardActivation.SOFTMAX ? StrictMath.log(outputs) : outputs * StrictMath.log(2);
    }

    /**
     * Throws when the run has diverged by the end of {@code epoch}.
     *
     * @param epoch the epoch just finished, from 1
     * @param trainLoss its mean training loss (NaN when not measured)
     * @param net the network after the epoch
     * @throws TrainingDiverged naming the epoch, what was seen and the advice
     */
    public void afterEpoch(int epoch, double trainLoss, Network net) {
        check(epoch, trainLoss, net);
    }

    /**
     * The divergence a part of the run saw (a worker on Spark), said with this run's learning rate and advice.
     *
     * @param seen what the part threw
     * @param where where it was seen ("on a worker")
     * @return the exception to throw
     */
    public TrainingDiverged seen(TrainingDiverged seen, String where) {
        return new TrainingDiverged(seen.epoch(), seen.what() + " " + where, setting, advice);
    }

    private void check(int epoch, double trainLoss, Network net) {
        if (!net.isFinite()) {
            throw new TrainingDiverged(epoch, "weights became NaN or infinite", setting, advice);
        }
        if (Double.isNaN(trainLoss)) {
            return;
        }
        double chance = chanceLoss(net.outputActivation(), net.cost(), net.outputSize());
        started(trainLoss);
        double limit = 2 * Math.max(chance, start);
        if (Double.isInfinite(trainLoss) || trainLoss > limit) {
            throw new TrainingDiverged(
                    epoch,
                    String.format(
                            java.util.Locale.ROOT,
                            "training loss %.4g, more than twice the %.4g it started from (or the %.4g of a network"
                                    + " that guesses uniformly)",
                            trainLoss,
                            start,
                            chance),
                    setting,
                    advice);
        }
    }
}
