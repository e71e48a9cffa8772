package org.mlp4j.train;

import org.mlp4j.model.Network;

/**
 * Early stopping: remembers the weights of the epoch with the best validation accuracy and asks to
 * stop after {@code patience} epochs without improvement; {@link #restoreBest()} puts the best weights
 * back.
 */
final class EarlyStopping {
    private final Network net;
    private final int patience;
    private final Network best;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private int bestEpoch;

    EarlyStopping(Network net, int patience) {
        this.net = net;
        this.patience = patience;
        this.best = net.copy();
    }

    /** Records epoch e's validation accuracy; true when training should stop. */
    boolean shouldStop(int epoch, double accuracy) {
        if (accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
            best.copyParametersFrom(net);
        }
        return epoch - bestEpoch >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    void restoreBest() {
        if (bestEpoch > 0) {
            net.copyParametersFrom(best);
        }
    }
}
