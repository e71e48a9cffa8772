package org.mlp4j.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * Where training stands between two rounds, broadcast to every worker: the averaged parameters and
 * optimizer state, the shared position (every partition is at the same epoch and minibatch), and each
 * partition's generator state at the start of the current epoch (its own shuffles).
 *
 * @param weights    per layer, (fan_in × fan_out) row-major
 * @param biases     per layer
 * @param state      optimizer state tensors by name, as checkpoints keep them
 * @param step       optimizer steps taken so far
 * @param epoch      the current epoch, from 1
 * @param batch      minibatches done in it
 * @param rngState   per partition: its generator's state at the epoch's start
 * @param rngSpare   per partition: whether a spare Gaussian is held
 * @param rngSpareValue per partition: that spare Gaussian
 * @param steps      minibatch steps this round takes (0: only the end of the last epoch)
 */
record RoundState(
        float[][] weights,
        float[][] biases,
        Map<String, float[]> state,
        long step,
        int epoch,
        int batch,
        long[] rngState,
        boolean[] rngSpare,
        double[] rngSpareValue,
        int steps)
        implements Serializable {}
