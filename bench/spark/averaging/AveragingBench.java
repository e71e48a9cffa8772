package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver's averaging of a round's results (Averaging.mean: element ranges in parallel, each part streamed
 * through a range's sums) against the loop it replaced (element by element over the parts, one thread), on
 * the sizes a round carries: 2 workers of fast-98's 2.4 MB, and 16 and 64 workers of 784-1024-10 with momentum
 * (814,090 parameters and as many velocities). Medians of 5 timed runs after 5 warm-ups, ns per averaged value.
 * Usage (bench/spark/averaging/run.sh): java ... org.mlp4j.spark.AveragingBench
 */
public final class AveragingBench {
    public static void main(String[] args) {
        int[][] cases = {{2, 600_000}, {16, 1_628_180}, {64, 1_628_180}};
        System.out.printf(Locale.ROOT, "%d processors%n", Runtime.getRuntime().availableProcessors());
        for (int[] c : cases) {
            List<float[]> parts = new ArrayList<>();
            for (int p = 0; p < c[0]; p++) {
                float[] v = new float[c[1]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.sin(i * 0.001 + p);
                }
                parts.add(v);
            }
            double values = (double) c[0] * c[1];
            double before = median(() -> elementByElement(parts)) / values * 1e9;
            double after = median(() -> Averaging.mean(parts)) / values * 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%3d parts x %,d values: element by element %.2f ns a value, Averaging.mean %.2f ns (%.1fx)%n",
                    c[0],
                    c[1],
                    before,
                    after,
                    before / after);
        }
    }

    /** The loop Averaging.mean replaced. */
    static float[] elementByElement(List<float[]> parts) {
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

    private static double median(java.util.function.Supplier<float[]> f) {
        double[] t = new double[5];
        for (int r = -5; r < t.length; r++) {
            long t0 = System.nanoTime();
            float[] m = f.get();
            if (m.length == 0) {
                throw new IllegalStateException();
            }
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(t);
        return t[2];
    }
}
