package org.mlp4j.sgd;

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

    /**
     * The state a checkpoint keeps: the best weights ("w.L", "b.L") and "progress" = {best epoch,
     * best accuracy's two halves as raw bits split into 24-bit pieces}, every number exact in a float.
     */
    java.util.Map<String, float[]> state() {
        java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
        for (int l = 0; l < best.layerCount(); l++) {
            m.put("w." + l, best.weights(l));
            m.put("b." + l, best.biases(l));
        }
        long bits = Double.doubleToRawLongBits(bestAccuracy);
        m.put("progress", new float[] {bestEpoch, bits & 0xFFFFFF, (bits >>> 24) & 0xFFFFFF, bits >>> 48});
        return m;
    }

    /** Restores {@link #state()}; a missing or malformed state is a checkpoint error. */
    void restore(java.util.Map<String, float[]> state) {
        float[] p = state.get("progress");
        if (p == null || p.length != 4) {
            throw new org.mlp4j.InvalidInputException(
                    "checkpoint: early stopping state 'early.progress' missing or" + " malformed");
        }
        for (int l = 0; l < best.layerCount(); l++) {
            float[] w = state.get("w." + l);
            float[] b = state.get("b." + l);
            if (w == null || b == null || w.length != best.weights(l).length || b.length != best.biases(l).length) {
                throw new org.mlp4j.InvalidInputException(
                        "checkpoint: early stopping state of layer " + l + " missing or of the wrong size");
            }
            System.arraycopy(w, 0, best.weights(l), 0, w.length);
            System.arraycopy(b, 0, best.biases(l), 0, b.length);
        }
        bestEpoch = (int) p[0];
        bestAccuracy = Double.longBitsToDouble((long) p[1] | ((long) p[2] << 24) | ((long) p[3] << 48));
    }

    void restoreBest() {
        if (bestEpoch > 0) {
            net.copyParametersFrom(best);
        }
    }
}
