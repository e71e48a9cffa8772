package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlp4j.InvalidInputException;
import scala.Tuple2;

/**
 * How a round's results reach the driver. Flat: every partition's parameters and optimizer state are
 * collected and averaged there ({@link Averaging}). In a tree: the executors first sum groups of k
 * consecutive partitions (a shuffle; each group's sum in partition order, in double), and the driver
 * collects only the groups' sums and each partition's small figures, so what it receives no longer grows
 * with every worker. The groups follow the partitions' numbers, not where the tasks ran, so a run's bits
 * stay the same on any placement and after any lost executor; one group gives the flat average's bits.
 *
 * <p>The tree is used when the flat collection would pass half of {@code spark.driver.maxResultSize}; the
 * fan-in k can be set with the Spark setting (or the job's local property) {@value #FAN_IN}: 1 always
 * flat, k ≥ 2 always in groups of k.
 */
final class TreeAveraging {
    /** The Spark setting, or local property, that fixes the fan-in (0 or unset: chosen by the result size). */
    static final String FAN_IN = "spark.mlp4j.treeFanIn";

    private TreeAveraging() {}

    /** A round's results (without tensors after a tree sum) and the averaged parameters and state. */
    record Collected(List<RoundResult> results, float[][] weights, float[][] biases, Map<String, float[]> state) {}

    /** The fan-in this job asks for: the local property, else the Spark setting; 0 when neither is set. */
    static int requested(JavaSparkContext sc) {
        String v = sc.getLocalProperty(FAN_IN);
        if (v == null) {
            v = sc.getConf().get(FAN_IN, "0");
        }
        try {
            int k = Integer.parseInt(v.trim());
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(
                FAN_IN,
                FAN_IN + ": expected 0 (chosen by size), 1 (flat) or a group size of 2 or more, found '" + v + "'");
    }

    /**
     * The fan-in: 1 (flat) while every worker's result fits in half of {@code limit} (0: no limit), else the
     * smallest groups whose sums fit in that half; refused before training when even one worker's sum would
     * not fit, or when a requested fan-in does not fit.
     *
     * @param perWorker bytes one worker's result carries (a group's sum, in double, twice that)
     * @param workers the workers
     * @param limit spark.driver.maxResultSize in bytes (0: no limit)
     * @param requested 0 (choose), 1 (flat) or a group size
     * @return 1 or a group size of at least 2
     */
    static int fanIn(long perWorker, int workers, long limit, int requested) {
        if (requested == 1) {
            checkFlat(perWorker, workers, limit);
            return 1;
        }
        if (requested >= 2) {
            checkGroups(perWorker, (workers + requested - 1) / requested, limit);
            return requested;
        }
        if (limit == 0 || perWorker * workers <= limit / 2) {
            return 1;
        }
        long groups = limit / 2 / (2 * perWorker);
        checkGroups(perWorker, (int) Math.max(1, groups), limit);
        return (int) Math.max(2, (workers + groups - 1) / groups);
    }

    private static void checkFlat(long perWorker, int workers, long limit) {
        long total = perWorker * workers;
        if (limit > 0 && total >= limit) {
            throw tooMuch(
                    String.format(Locale.ROOT, "%d workers x %.1f MB = %.1f MB", workers, perWorker / 1e6, total / 1e6),
                    total,
                    limit);
        }
    }

    private static void checkGroups(long perWorker, int groups, long limit) {
        long total = 2 * perWorker * groups;
        if (limit > 0 && total >= limit / 2) {
            throw tooMuch(
                    String.format(
                            Locale.ROOT,
                            "%d group sums x %.1f MB (a worker's parameters and optimizer state, in double) = %.1f MB",
                            groups,
                            2 * perWorker / 1e6,
                            total / 1e6),
                    2 * total,
                    limit);
        }
    }

    private static InvalidInputException tooMuch(String what, long needed, long limit) {
        return new InvalidInputException(
                "numWorkers",
                String.format(
                        Locale.ROOT,
                        "a round collects %s at the driver, more than spark.driver.maxResultSize (%.1f MB) allows;"
                                + " set spark.driver.maxResultSize to at least %dm (or 0 for no limit), or train"
                                + " with fewer workers (numWorkers, --workers)",
                        what,
                        limit / 1e6,
                        (long) Math.ceil(needed * 1.1 / (1 << 20))));
    }

    /** Every result collected and averaged at the driver, in partition order. */
    static Collected flat(List<RoundResult> results) {
        return new Collected(
                results,
                Averaging.average(results, true),
                Averaging.average(results, false),
                Averaging.averageState(results));
    }

    /** Groups of {@code k} partitions summed on the executors, the groups' sums averaged at the driver. */
    static Collected tree(JavaRDD<RoundResult> rounds, int k, int workers) {
        return ofGroups(groups(rounds, k), workers);
    }

    /** The job's part of {@link #tree}: groups of {@code k} partitions summed on the executors, collected. */
    static List<GroupSum> groups(JavaRDD<RoundResult> rounds, int k) {
        int groups = (rounds.getNumPartitions() + k - 1) / k;
        return rounds.mapToPair(r -> new Tuple2<>(r.partition() / k, r))
                .groupByKey(groups)
                .map(g -> GroupSum.of(g._1(), g._2()))
                .collect();
    }

    /** The driver's part of {@link #tree}: the groups' sums, in group order, averaged over the workers. */
    static Collected ofGroups(List<GroupSum> collected, int workers) {
        List<GroupSum> sums = new ArrayList<>(collected);
        sums.sort(Comparator.comparingInt(GroupSum::group));
        List<RoundResult> results = new ArrayList<>();
        sums.forEach(g -> results.addAll(g.members()));
        int layers = sums.get(0).weights().length;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int layer = l;
            w[l] = Averaging.meanOfSums(
                    sums.stream().map(g -> g.weights()[layer]).toList(), workers);
            b[l] = Averaging.meanOfSums(
                    sums.stream().map(g -> g.biases()[layer]).toList(), workers);
        }
        Map<String, float[]> state = new java.util.LinkedHashMap<>();
        for (String key : sums.get(0).state().keySet()) {
            state.put(
                    key,
                    Averaging.meanOfSums(
                            sums.stream().map(g -> g.state().get(key)).toList(), workers));
        }
        return new Collected(results, w, b, state);
    }
}
