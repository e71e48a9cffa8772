package org.mlp4j.spark;

import java.util.List;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochStats;

/** The figures of one epoch, gathered over its rounds: training loss and accuracy, and the validation joined across the partitions. */
final class EpochTally {
    double cost;
    long correct;
    long seen;
    double seconds;

    /** The mean training loss per example of the rounds added since the last epoch finished. */
    double meanLoss() {
        return seen == 0 ? Double.NaN : cost / seen;
    }

    /** Adds what the partitions measured of {@code epoch}'s minibatches in a round, and that share of its time. */
    void add(List<RoundResult> results, int epoch, double roundSeconds) {
        for (RoundResult r : results) {
            EpochPart p = part(r, epoch);
            if (p != null) {
                cost += p.cost();
                correct += p.correct();
                seen += p.seen();
            }
        }
        seconds += roundSeconds;
    }

    /** The part of a round's result for {@code epoch}, or null when the round did not touch it. */
    static EpochPart part(RoundResult r, int epoch) {
        for (EpochPart p : r.parts()) {
            if (p.epoch() == epoch) {
                return p;
            }
        }
        return null;
    }

    /** The epoch's figures; validation weighted by each partition's validation rows. */
    EpochStats finish(int epoch, List<RoundResult> results, TrainingPlan plan, JobSpec spec, int perEpoch) {
        boolean regression = spec.targetScaling() != null;
        double valLoss = 0;
        double valAcc = 0;
        double counted = 0;
        org.mlp4j.data.RegressionMetrics validation = null;
        for (RoundResult r : results) {
            EpochPart p = part(r, epoch);
            if (p == null) {
                continue;
            }
            if (!Double.isNaN(p.validationLoss())) { // a regression has no accuracy, only a loss
                double w = plan.isArticle() ? 1 : spec.heldOut()[r.partition()];
                valLoss += w * p.validationLoss();
                valAcc += regression ? 0 : w * p.validationAccuracy();
                counted += w;
            }
            if (p.validationMetrics() != null) {
                validation = validation == null ? new org.mlp4j.data.RegressionMetrics(spec.classes()) : validation;
                validation.merge(p.validationMetrics());
            }
        }
        // the rate of the epoch's last step, as partition 0 used it
        double lr = spec.plan(0, plan).learningRateAt(epoch - 1 + (double) (perEpoch - 1) / perEpoch);
        EpochStats s = new EpochStats(
                epoch,
                seen == 0 ? Double.NaN : cost / seen,
                seen == 0 || regression ? Double.NaN : (double) correct / seen,
                counted == 0 ? Double.NaN : valLoss / counted,
                counted == 0 || regression ? Double.NaN : valAcc / counted,
                lr,
                seconds,
                seconds == 0 ? 0 : seen / seconds,
                // a round ends mid-epoch, so the workers' training figures are not counted (NaN)
                regression ? new org.mlp4j.data.RegressionMetrics(spec.classes()) : null,
                validation);
        cost = 0;
        correct = 0;
        seen = 0;
        seconds = 0;
        return s;
    }
}
