package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the driver makes of a round: the partitions' parameters and optimizer state averaged element-wise,
 * in partition order, in double, rounded once to float (so a run's bits do not depend on the order the
 * results arrived in).
 */
final class Averaging {
    private Averaging() {}

    /** The element-wise mean of the partitions' weights (or biases), summed in partition order. */
    static float[][] average(List<RoundResult> results, boolean weights) {
        int layers = results.get(0).weights().length;
        float[][] out = new float[layers][];
        for (int l = 0; l < layers; l++) {
            List<float[]> parts = new ArrayList<>();
            for (RoundResult r : results) {
                parts.add(weights ? r.weights()[l] : r.biases()[l]);
            }
            out[l] = mean(parts);
        }
        return out;
    }

    static Map<String, float[]> averageState(List<RoundResult> results) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String key : results.get(0).state().keySet()) {
            List<float[]> parts = new ArrayList<>();
            for (RoundResult r : results) {
                parts.add(r.state().get(key));
            }
            out.put(key, mean(parts));
        }
        return out;
    }

    /** Elements per task of the parallel mean: 64 KB of sums, in the level-2 cache while every part adds in. */
    static final int CHUNK = 8192;

    /**
     * Σ parts / n in double, in the parts' order, rounded once to float: one part is returned exactly (-0
     * too). Element
     * ranges run in parallel (the common fork-join pool), each part streamed through a range's sums in turn:
     * every element's sum still starts at 0 and adds the parts in their order, so the bits do not depend on the
     * threads. (Element by element over the parts, one thread took about 6 ns a value: 4 s a round for 400
     * tasks of 784-1024-10 with momentum.)
     */
    static float[] mean(List<float[]> parts) {
        int n = parts.get(0).length;
        float[] m = new float[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        java.util.stream.IntStream.range(0, chunks)
                .parallel()
                .forEach(c -> meanRange(parts, m, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
        return m;
    }

    /** Each thread's sums for one range, kept: a range is averaged every round. */
    private static final ThreadLocal<double[]> SUMS = ThreadLocal.withInitial(() -> new double[CHUNK]);

    private static void meanRange(List<float[]> parts, float[] m, int from, int to) {
        double[] s = SUMS.get();
        float[] first = parts.get(0);
        double inv = parts.size();
        if (parts.size() == 1) {
            for (int i = from; i < to; i++) {
                m[i] = (float) (first[i] / inv); // not 0 + first[i]: that would turn a -0 into +0
            }
            return;
        }
        for (int i = from; i < to; i++) {
            s[i - from] = first[i];
        }
        int last = parts.size() - 1;
        for (float[] p : parts.subList(1, last)) {
            for (int i = from; i < to; i++) {
                s[i - from] += p[i];
            }
        }
        float[] end = parts.get(last);
        for (int i = from; i < to; i++) {
            m[i] = (float) ((s[i - from] + end[i]) / inv); // the last part added as the mean is taken
        }
    }

    /**
     * Σ parts in double, element by element in the parts' order: the numerator {@link #mean} divides (the
     * same additions, so one group's sum over n gives {@link #mean}'s bits).
     */
    static double[] sum(List<float[]> parts) {
        float[] first = parts.get(0);
        double[] s = new double[first.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = first[i];
        }
        for (float[] p : parts.subList(1, parts.size())) {
            for (int i = 0; i < s.length; i++) {
                s[i] += p[i];
            }
        }
        return s;
    }

    /**
     * The mean of n parts from their groups' sums ({@link #sum}, groups in order): Σ sums in double, in group
     * order, divided by n and rounded once to float. One group gives {@link #mean}'s bits.
     */
    static float[] meanOfSums(List<double[]> sums, int n) {
        double[] first = sums.get(0);
        double inv = n;
        float[] m = new float[first.length];
        for (int i = 0; i < m.length; i++) {
            double s = first[i];
            for (double[] g : sums.subList(1, sums.size())) {
                s += g[i];
            }
            m[i] = (float) (s / inv);
        }
        return m;
    }
}
