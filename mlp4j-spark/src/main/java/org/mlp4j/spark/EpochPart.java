package org.mlp4j.spark;

import java.io.Serializable;
import org.mlp4j.data.RegressionMetrics;

/**
 * What one partition measured of one epoch within a round: the summed cost and correct answers of the
 * epoch's minibatches it took in the round, and the epoch's validation when the epoch ended in the round.
 * A round ends mid-epoch, or at an epoch's end before its validation (which the next round begins with), or,
 * for a small table, spans whole epochs: so a round has one part per epoch it touched.
 *
 * @param epoch              the epoch, from 1
 * @param cost               the summed cost of its minibatches in the round
 * @param correct            their correct answers
 * @param seen               their examples
 * @param validated          whether the epoch ended, and was validated, in the round
 * @param validationLoss     the validation loss then (NaN without a validation set)
 * @param validationAccuracy the validation accuracy then (NaN for a regression)
 * @param validationMetrics  a regression's validation figures, or null
 */
record EpochPart(
        int epoch,
        double cost,
        long correct,
        long seen,
        boolean validated,
        double validationLoss,
        double validationAccuracy,
        RegressionMetrics validationMetrics)
        implements Serializable {}
