package org.mlp4j.spark;

import java.io.Serializable;
import org.mlp4j.InvalidInputException;

/**
 * How training is spread over Spark: synchronous local SGD with periodic averaging. Each of {@code
 * workers} partitions trains its own copy of the network on its own shard for one round of minibatch
 * steps; the driver then averages the copies (parameters and optimizer state, in partition order) and
 * starts the next round from the average. An epoch has {@code roundsPerEpoch} rounds; by default ({@link
 * #AUTO_ROUNDS}) 8, and when a worker's epoch is shorter than {@value #MIN_STEPS_PER_ROUND} steps (a small
 * table), a round spans whole epochs instead ({@link #epochsPerRound}).
 *
 * <p>The learning rate: N workers that each take a step of rate η and are then averaged move the
 * parameters about as far as one machine taking one step of η on the N minibatches together, that is
 * 1/N as far per epoch as one machine taking all N steps. {@link LrScaling#LINEAR} therefore multiplies
 * the recipe's rate by N (the linear scaling rule of Goyal et al. 2017), which is what a prototype here
 * needed to match one machine's accuracy with 2 workers. With one worker it changes nothing. Measured with
 * {@code fast-98} (docs/spark.md), that rule holds to 4 workers and diverges from 8; {@link LrScaling#AUTO},
 * the default, is the rule that held from 1 to 64 workers: linear to 4, then a global minibatch of constant size.
 *
 * @param workers          partitions, each one task per round (0: Spark's default parallelism, the executors' task slots)
 * @param roundsPerEpoch   averagings per epoch (1 averages at each epoch's end only; {@value #AUTO_ROUNDS}: 8, or
 *                         fewer than one for small tables, see {@link #epochsPerRound})
 * @param lrScaling        how the recipe's learning rate follows the number of workers
 * @param threadsPerWorker threads each task trains with (results do not depend on it)
 */
public record Distribution(int workers, int roundsPerEpoch, LrScaling lrScaling, int threadsPerWorker)
        implements Serializable {

    /** {@code roundsPerEpoch} for the default: {@value #DEFAULT_ROUNDS} a round, or whole epochs for small tables. */
    public static final int AUTO_ROUNDS = 0;

    /** Averagings per epoch under {@link #AUTO_ROUNDS} when a worker's epoch is long enough. */
    static final int DEFAULT_ROUNDS = 8;

    /**
     * Under {@link #AUTO_ROUNDS}, the fewest minibatch steps a worker takes between two averagings: a round is a
     * Spark job (about 30–50 ms on local[2], more across JVMs), and a small table's epoch is a few steps of
     * well under a millisecond each, so averaging 8 times an epoch made a 100-epoch fit of 455 rows on 2 workers
     * take 115 s, almost all of it job latency. MNIST's epochs are at least 117 steps a worker at any N, so they
     * are unchanged.
     */
    static final int MIN_STEPS_PER_ROUND = 32;

    /** How the learning rate follows the number of workers. */
    public enum LrScaling {
        /**
         * The measured rule: η × min(N, {@value #LINEAR_WORKERS}); beyond {@value #LINEAR_WORKERS} workers
         * each worker's minibatch shrinks so that all of them together still step through {@value
         * #LINEAR_WORKERS} recipe minibatches (a minibatch the user set is kept), and the averagings per epoch
         * grow by N / {@value #LINEAR_WORKERS}. Up to {@value #LINEAR_WORKERS} workers it is {@link #LINEAR}
         * exactly.
         */
        AUTO,
        /** η × workers. */
        LINEAR,
        /** η × √workers: half way, on a log scale, between one machine's rate and the linear rule's. */
        SQRT,
        /** η as the recipe says. */
        NONE;

        /**
         * Workers up to which the linear rule held (a global minibatch of 4 recipe minibatches): the rate
         * grows with N only so far, and beyond it the global minibatch stays that size.
         */
        static final int LINEAR_WORKERS = 4;

        /**
         * The factor the recipe's learning rate is multiplied by.
         *
         * @param workers N
         * @return the factor
         */
        public double lrFactor(int workers) {
            return switch (this) {
                case AUTO -> Math.min(workers, LINEAR_WORKERS);
                case LINEAR -> workers;
                case SQRT -> Math.sqrt(workers);
                case NONE -> 1;
            };
        }

        /**
         * Each worker's minibatch: the recipe's, or under {@link #AUTO} with more than {@value
         * #LINEAR_WORKERS} workers, the recipe's × {@value #LINEAR_WORKERS} / N (at least 1). A global
         * minibatch of N recipe minibatches, stepped at the capped rate, leaves too few steps per epoch: 16
         * workers reached 96.6% of MNIST with {@code fast-98}, whatever the rate.
         *
         * @param batch the recipe's minibatch
         * @param workers N
         * @return the minibatch each worker steps with
         */
        public int workerBatch(int batch, int workers) {
            if (this != AUTO || workers <= LINEAR_WORKERS) {
                return batch;
            }
            return (int) Math.max(1, (long) batch * LINEAR_WORKERS / workers);
        }

        /**
         * Averagings per epoch: as asked, or under {@link #AUTO} with more than {@value #LINEAR_WORKERS}
         * workers, that × N / {@value #LINEAR_WORKERS}: with smaller minibatches each worker takes more,
         * noisier steps per epoch, and averaging no more often let the copies drift apart (8 workers with
         * 64-row minibatches: 96.2% averaging 8 times an epoch, 97.7% averaging 16 times).
         *
         * @param rounds the averagings per epoch asked for
         * @param workers N
         * @return the averagings per epoch
         */
        public int rounds(int rounds, int workers) {
            if (this != AUTO || workers <= LINEAR_WORKERS) {
                return rounds;
            }
            return (int) Math.min(Integer.MAX_VALUE, (long) rounds * workers / LINEAR_WORKERS);
        }

        /**
         * Looks up a rule by name, case-insensitively.
         *
         * @param name auto, linear, sqrt or none
         * @param field names the value in messages
         * @return the rule
         */
        public static LrScaling parse(String name, String field) {
            for (LrScaling s : values()) {
                if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return s;
                }
            }
            throw new InvalidInputException(
                    field, field + ": expected auto, linear, sqrt or none, found '" + name + "'");
        }
    }

    /** Checks every value. */
    public Distribution {
        if (workers < 0) {
            throw new InvalidInputException(
                    "numWorkers", "numWorkers: expected 0 (the executors' task slots) or more," + " found " + workers);
        }
        if (roundsPerEpoch < 0) {
            throw new InvalidInputException(
                    "roundsPerEpoch",
                    "roundsPerEpoch: expected 0 (auto: 8, fewer for small tables) or at least 1, found "
                            + roundsPerEpoch);
        }
        if (threadsPerWorker < 1) {
            throw new InvalidInputException(
                    "threadsPerWorker", "threadsPerWorker: expected at least 1, found " + threadsPerWorker);
        }
        if (lrScaling == null) {
            throw new InvalidInputException(
                    "lrScaling", "lrScaling: expected auto, linear, sqrt or none, found nothing");
        }
    }

    /**
     * The defaults: as many workers as the executors have task slots, averagings per epoch {@link #AUTO_ROUNDS}
     * (8, fewer for small tables), the {@link LrScaling#AUTO} rule, one thread per task.
     *
     * @return the distribution
     */
    public static Distribution defaults() {
        return new Distribution(0, AUTO_ROUNDS, LrScaling.AUTO, 1);
    }

    /**
     * Averagings per epoch as asked ({@value #DEFAULT_ROUNDS} for {@link #AUTO_ROUNDS}), before the learning-rate
     * rule's {@link LrScaling#rounds} and the cap at one per step.
     *
     * @return the averagings per epoch
     */
    int askedRounds() {
        return roundsPerEpoch == AUTO_ROUNDS ? DEFAULT_ROUNDS : roundsPerEpoch;
    }

    /**
     * Whole epochs a round spans: 1, unless {@code roundsPerEpoch} is {@link #AUTO_ROUNDS}, there are at most
     * {@value LrScaling#LINEAR_WORKERS} workers and a worker's epoch has fewer than {@value #MIN_STEPS_PER_ROUND}
     * steps; then enough epochs to take that many steps (455 rows in minibatches of 64 on 2 workers: 4 steps an
     * epoch, 8 epochs a round). Beyond {@value LrScaling#LINEAR_WORKERS} workers the copies drift apart between
     * averagings ({@link LrScaling#rounds}), so rounds stay within an epoch. Validation and the figures are still
     * reported for every epoch; between averagings they are of each worker's own copy.
     *
     * @param stepsPerEpoch minibatch steps in a worker's epoch
     * @param n the workers
     * @return epochs per round, at least 1
     */
    int epochsPerRound(int stepsPerEpoch, int n) {
        if (roundsPerEpoch != AUTO_ROUNDS || n > LrScaling.LINEAR_WORKERS || stepsPerEpoch >= MIN_STEPS_PER_ROUND) {
            return 1;
        }
        return (MIN_STEPS_PER_ROUND + Math.max(1, stepsPerEpoch) - 1) / Math.max(1, stepsPerEpoch);
    }

    /**
     * The same with another number of workers.
     *
     * @param n partitions (0: the executors' task slots)
     * @return a new distribution
     */
    public Distribution withWorkers(int n) {
        return new Distribution(n, roundsPerEpoch, lrScaling, threadsPerWorker);
    }

    /**
     * The same with another number of averagings per epoch.
     *
     * @param rounds averagings per epoch ({@link #AUTO_ROUNDS}: the default rule)
     * @return a new distribution
     */
    public Distribution withRoundsPerEpoch(int rounds) {
        return new Distribution(workers, rounds, lrScaling, threadsPerWorker);
    }

    /**
     * The same with another learning-rate rule.
     *
     * @param scaling the rule
     * @return a new distribution
     */
    public Distribution withLrScaling(LrScaling scaling) {
        return new Distribution(workers, roundsPerEpoch, scaling, threadsPerWorker);
    }
}
