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

    /** Σ parts / n in double, in the parts' order, rounded once to float: one part is returned exactly. */
    private static float[] mean(List<float[]> parts) {
        int n = parts.get(0).length;
        float[] m = new float[n];
        double inv = parts.size();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float[] p : parts) {
                s += p[i];
            }
            m[i] = (float) (s / inv);
        }
        return m;
    }
}
