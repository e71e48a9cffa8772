package org.mlp4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of consecutive partitions' round results, summed on an executor ({@link TreeAveraging}): the
 * sums of their parameters and optimizer state in double (partition order), and each partition's result
 * without its tensors (its position, generator and figures), which is all the driver needs of it.
 */
record GroupSum(
        int group, List<RoundResult> members, double[][] weights, double[][] biases, Map<String, double[]> state)
        implements Serializable {

    /** The group's sums, its members sorted by partition first (the shuffle delivers them in any order). */
    static GroupSum of(int group, Iterable<RoundResult> results) {
        List<RoundResult> sorted = new ArrayList<>();
        results.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(RoundResult::partition));
        RoundResult first = sorted.get(0);
        int layers = first.weights().length;
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int layer = l;
            w[l] = Averaging.sum(sorted.stream().map(r -> r.weights()[layer]).toList());
            b[l] = Averaging.sum(sorted.stream().map(r -> r.biases()[layer]).toList());
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        for (String key : first.state().keySet()) {
            state.put(
                    key,
                    Averaging.sum(sorted.stream().map(r -> r.state().get(key)).toList()));
        }
        return new GroupSum(
                group, sorted.stream().map(RoundResult::withoutTensors).toList(), w, b, state);
    }
}
