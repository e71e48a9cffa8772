package org.mlp4j.spark;

/**
 * Where this process's rounds went, summed over them: the terms of the scaling model in docs/spark.md,
 * measured. A round is the slowest worker's training plus Spark's fixed cost (the broadcast, scheduling the
 * tasks, starting them, collecting their results) plus the driver's averaging; the slowest worker's
 * training over the workers' mean is what stragglers cost. (A run resumed from a checkpoint counts its own
 * rounds only.)
 *
 * @param rounds          rounds timed
 * @param roundSeconds    whole rounds, from the broadcast to the average taken
 * @param slowestSeconds  each round's slowest worker's training
 * @param meanTaskSeconds each round's mean worker training
 * @param driverSeconds   the driver's averaging, after the job
 */
public record RoundCosts(
        int rounds, double roundSeconds, double slowestSeconds, double meanTaskSeconds, double driverSeconds) {

    static final RoundCosts NONE = new RoundCosts(0, 0, 0, 0, 0);

    /** These costs and one more round's. */
    RoundCosts plus(double round, double slowest, double meanTask, double driver) {
        return new RoundCosts(
                rounds + 1,
                roundSeconds + round,
                slowestSeconds + slowest,
                meanTaskSeconds + meanTask,
                driverSeconds + driver);
    }

    /** The mean round's Spark cost: the round minus the slowest worker's training and the driver's averaging. */
    public double sparkSecondsPerRound() {
        return rounds == 0 ? 0 : Math.max(0, roundSeconds - slowestSeconds - driverSeconds) / rounds;
    }

    /** The slowest worker's training over the mean worker's: 1 when none straggles. */
    public double stragglerRatio() {
        return meanTaskSeconds == 0 ? 1 : slowestSeconds / meanTaskSeconds;
    }

    /** One line for a run's report: the mean round and its terms, in milliseconds. */
    public String describe() {
        if (rounds == 0) {
            return "no rounds timed";
        }
        return String.format(
                java.util.Locale.ROOT,
                "a round %.1f ms: the slowest worker's training %.1f ms (%.2fx the mean worker's), Spark %.1f ms,"
                        + " the driver's averaging %.1f ms",
                1000 * roundSeconds / rounds,
                1000 * slowestSeconds / rounds,
                stragglerRatio(),
                1000 * sparkSecondsPerRound(),
                1000 * driverSeconds / rounds);
    }
}
