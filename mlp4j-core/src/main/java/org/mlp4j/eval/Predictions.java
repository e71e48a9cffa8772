package org.mlp4j.eval;

import org.mlp4j.InvalidInputException;
import org.mlp4j.data.ArrayDataset;
import org.mlp4j.data.Batch;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.train.BatchedBackprop;

/** The network's outputs for rows of inputs: the article's {@code feedforward} on a whole X. */
public final class Predictions {
    private Predictions() {
    }

    /** One row of outputs per input row, computed in batches of up to {@link Accuracy#EVAL_BATCH}. */
    public static float[][] outputs(Network net, float[][] xs, Kernels kernels, WorkerPool pool) {
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null || xs[i].length != net.inputSize()) {
                throw new InvalidInputException("input " + i + ": expected " + net.inputSize()
                        + " values (the input layer), found " + (xs[i] == null ? "null" : xs[i].length));
            }
        }
        float[][] out = new float[xs.length][];
        if (xs.length == 0) {
            return out;
        }
        int k = net.outputSize();
        float[][] unusedTargets = new float[xs.length][k];
        for (float[] t : unusedTargets) {
            t[0] = 1f;
        }
        ArrayDataset rows = ArrayDataset.of(xs, unusedTargets);
        int bs = Math.min(Accuracy.EVAL_BATCH, xs.length);
        Batch batch = new Batch(bs, net.inputSize(), k);
        BatchedBackprop engine = new BatchedBackprop(net, bs, kernels, pool);
        for (int from = 0; from < xs.length; from += bs) {
            int to = Math.min(xs.length, from + bs);
            batch.assign(rows, null, from, to);
            engine.forward(batch);
            for (int i = 0; i < to - from; i++) {
                out[from + i] = new float[k];
                System.arraycopy(engine.outputs(), i * k, out[from + i], 0, k);
            }
        }
        return out;
    }
}
