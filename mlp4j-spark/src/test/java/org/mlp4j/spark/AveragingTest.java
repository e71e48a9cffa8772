package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.math.Rng;

class AveragingTest {

    @Test
    void theParallelMeanIsTheOrderedSumInDoubleBitForBit() {
        Rng rng = new Rng(4);
        int n = 3 * Averaging.CHUNK + 17; // ranges of both sizes
        List<float[]> parts = new ArrayList<>();
        for (int p = 0; p < 7; p++) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                // magnitudes from 1e-6 to 1e6: the sum's rounding depends on the order of the terms
                v[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(13) - 6));
            }
            parts.add(v);
        }
        float[] got = Averaging.mean(parts);
        for (int i = 0; i < n; i++) {
            double s = parts.get(0)[i];
            for (float[] v : parts.subList(1, parts.size())) {
                s += v[i];
            }
            assertThat(Float.floatToRawIntBits(got[i])).as("element %d", i).isEqualTo(Float.floatToRawIntBits((float)
                    (s / parts.size())));
        }
    }

    @Test
    void partsAreAddedInTheirOrderAndOnePartIsKeptExactly() {
        // 1e20 + 1 - 1e20 is 0 in double; 1e20 - 1e20 + 1 is 1: the partitions' order decides
        assertThat(Averaging.mean(List.of(new float[] {1e20f}, new float[] {1f}, new float[] {-1e20f}))[0])
                .isEqualTo(0f);
        assertThat(Averaging.mean(List.of(new float[] {1e20f}, new float[] {-1e20f}, new float[] {1f}))[0])
                .isEqualTo(1f / 3);
        float[] one = {0.1f, -3.7e-9f, 123456.79f, -0f};
        float[] kept = Averaging.mean(List.of(one));
        for (int i = 0; i < one.length; i++) {
            assertThat(Float.floatToRawIntBits(kept[i])).isEqualTo(Float.floatToRawIntBits(one[i]));
        }
    }

    @Test
    void oneGroupsSumGivesTheFlatMeanAndGroupsAreAddedInTheirOrder() {
        Rng rng = new Rng(5);
        List<float[]> parts = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            float[] v = new float[100];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(13) - 6));
            }
            v[0] = -0f;
            parts.add(v);
        }
        float[] flat = Averaging.mean(parts);
        float[] oneGroup = Averaging.meanOfSums(List.of(Averaging.sum(parts)), parts.size());
        for (int i = 0; i < flat.length; i++) {
            assertThat(Float.floatToRawIntBits(oneGroup[i]))
                    .as("element %d", i)
                    .isEqualTo(Float.floatToRawIntBits(flat[i]));
        }
        // groups of two: ((a + b) + (c + d)) + (e + f), each in double, then / 6
        float[] grouped = Averaging.meanOfSums(
                List.of(
                        Averaging.sum(parts.subList(0, 2)),
                        Averaging.sum(parts.subList(2, 4)),
                        Averaging.sum(parts.subList(4, 6))),
                6);
        for (int i = 0; i < grouped.length; i++) {
            double ab = (double) parts.get(0)[i] + parts.get(1)[i];
            double cd = (double) parts.get(2)[i] + parts.get(3)[i];
            double ef = (double) parts.get(4)[i] + parts.get(5)[i];
            assertThat(grouped[i]).isEqualTo((float) ((ab + cd + ef) / 6));
        }
        // 1e20 + 1 - 1e20 summed as (1e20) + (1 + -1e20) is 0; as (1e20 + -1e20) + (1) it is 1
        List<float[]> big = List.of(new float[] {1e20f}, new float[] {-1e20f}, new float[] {1f});
        assertThat(
                        Averaging.meanOfSums(
                                List.of(Averaging.sum(big.subList(0, 2)), Averaging.sum(big.subList(2, 3))), 3)[0])
                .isEqualTo(1f / 3);
    }
}
