package org.mlp4j.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * One partition's round: its parameters and optimizer state after its steps, where it stopped, and what
 * it measured: the summed cost and correct answers of its minibatches, and the validation of the epoch
 * that ended at the round's start, if one did; and how long its training took on the executor.
 */
record RoundResult(
        int partition,
        float[][] weights,
        float[][] biases,
        Map<String, float[]> state,
        long step,
        int epoch,
        int batch,
        long rngState,
        boolean rngSpare,
        double rngSpareValue,
        double trainCost,
        long trainCorrect,
        long trainSeen,
        int validatedEpoch,
        double validationLoss,
        double validationAccuracy,
        org.mlp4j.data.RegressionMetrics validationMetrics,
        boolean finished,
        String kernels,
        double computeSeconds)
        implements Serializable {}
