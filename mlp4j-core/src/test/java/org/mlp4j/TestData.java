package org.mlp4j;

import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;

/** Small random datasets for tests: inputs in [0, 1) with about {@code zeroShare} of them zero, one-hot targets. */
public final class TestData {
    private TestData() {}

    public static float[][] inputs(Rng rng, int n, int features, double zeroShare) {
        float[][] x = new float[n][features];
        for (float[] row : x) {
            for (int k = 0; k < features; k++) {
                row[k] = rng.nextDouble() < zeroShare ? 0f : (float) rng.nextDouble();
            }
        }
        return x;
    }

    public static float[][] oneHot(Rng rng, int n, int classes) {
        float[][] y = new float[n][classes];
        for (float[] row : y) {
            row[rng.nextInt(classes)] = 1f;
        }
        return y;
    }

    public static TabularDataset dataset(long seed, int n, int features, int classes, double zeroShare) {
        Rng rng = new Rng(seed);
        return TabularDataset.of(inputs(rng, n, features, zeroShare), oneHot(rng, n, classes));
    }
}
