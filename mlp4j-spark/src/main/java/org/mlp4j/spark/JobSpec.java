package org.mlp4j.spark;

import java.io.Serializable;
import org.mlp4j.math.Rng;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;

/**
 * What every round of a training job shares, broadcast once: the recipe (as its JSON, planned again on
 * each executor, which is exact and cheap), the partitions' sizes and the distribution.
 *
 * @param recipeJson   the resolved recipe
 * @param imageSide    side of square images for augmentation, or 0
 * @param rows         the rows of all partitions together, validation rows included: the driver planned the
 *                     recipe with this many (an executor planning with fewer refused a validation split of
 *                     more than half the rows that the driver had accepted)
 * @param trainRows    training rows each partition uses: the same for all, so they step in lockstep
 * @param heldOut      validation rows of each partition, taken from the end of its shard
 * @param classes      the last layer's size
 * @param pixelScale   divide the features by 255 (MNIST's grey levels)
 * @param workers      the number of partitions
 * @param distribution rounds, learning-rate rule, threads
 * @param runSeed      the recipe's seed
 * @param targetMeanAndStd a regression's target mean and deviation (null for classes)
 */
record JobSpec(
        String recipeJson,
        int imageSide,
        int rows,
        int trainRows,
        int[] heldOut,
        int classes,
        boolean pixelScale,
        int workers,
        Distribution distribution,
        long runSeed,
        float[][] targetMeanAndStd)
        implements Serializable {

    /** A regression's target standardisation, or null (kept as arrays: the record travels to executors). */
    org.mlp4j.data.Standardizer targetScaling() {
        return targetMeanAndStd == null
                ? null
                : new org.mlp4j.data.Standardizer(targetMeanAndStd[0], targetMeanAndStd[1]);
    }

    /** The recipe's plan, as the driver made it (parsed again: exact, and a millisecond). */
    TrainingPlan plan() {
        return Recipe.fromJson(recipeJson, "the job's recipe").plan(rows, imageSide);
    }

    /**
     * The plan partition p trains by: its own validation rows (the article's scheme stays as it
     * is), and the learning rate scaled for the number of workers.
     */
    TrainingPlan plan(int partition, TrainingPlan plan) {
        return plan.forWorker(lrFactor(), heldOut[partition]);
    }

    double lrFactor() {
        return distribution.lrScaling().lrFactor(workers);
    }

    /**
     * Partition p's seed: the run's own for partition 0 (so one worker is exactly one machine), a
     * derived one for the others.
     */
    long seed(int partition) {
        return partition == 0 ? runSeed : Rng.seedFor(runSeed, partition);
    }

    /** Minibatch steps each partition takes per epoch under this plan. */
    int stepsPerEpoch(TrainingPlan plan) {
        return plan.stepsPerEpoch(trainRows);
    }
}
