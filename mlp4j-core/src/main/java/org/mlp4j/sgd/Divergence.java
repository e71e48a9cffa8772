package org.mlp4j.sgd;

import org.mlp4j.model.Network;
import org.mlp4j.train.TrainingDiverged;

/**
 * Watches one run for divergence after every epoch ({@link TrainingDiverged#check}), remembering the loss
 * the run started from.
 */
final class Divergence {
    private final String setting;
    private final String advice;
    private double start = Double.NaN;

    /**
     * A watch over one run.
     *
     * @param setting the learning rate as the run uses it, for the message ("learning rate 0.1 (lr)")
     * @param advice what to change, for the message ("try a lower learning rate")
     */
    Divergence(String setting, String advice) {
        this.setting = setting;
        this.advice = advice;
    }

    /**
     * The loss the run started from: the mean loss of its first measured minibatches. Only the first finite
     * value given counts; without one, the first epoch's loss is taken.
     */
    void started(double meanLoss) {
        if (Double.isNaN(start) && Double.isFinite(meanLoss)) {
            start = meanLoss;
        }
    }

    /** The check after an epoch whose mean training loss is {@code trainLoss} (NaN: weights only). */
    void afterEpoch(int epoch, double trainLoss, Network net) {
        TrainingDiverged.check(epoch, trainLoss, start, net, setting, advice);
        if (!Double.isNaN(trainLoss)) {
            started(trainLoss);
        }
    }
}
