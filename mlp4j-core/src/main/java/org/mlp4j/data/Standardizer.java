package org.mlp4j.data;

/**
 * Standardisation x' = (x − mean) / std per feature, fitted on training rows and stored with the model
 * (tensors {@code input.mean} and {@code input.std}), so predictions apply the same transform. A feature
 * that is constant in the training rows gets std 1.
 *
 * @param mean each column's mean
 * @param std  each column's (population) standard deviation, 1 for a constant column
 */
public record Standardizer(float[] mean, float[] std) {

    /**
     * Fits mean and (population) standard deviation of each column of {@code rows}.
     *
     * @param rows the training rows
     * @return the standardiser
     */
    public static Standardizer fit(float[][] rows) {
        int f = rows[0].length;
        double[] sum = new double[f];
        for (float[] r : rows) {
            for (int k = 0; k < f; k++) {
                sum[k] += r[k];
            }
        }
        double[] m = new double[f];
        for (int k = 0; k < f; k++) {
            m[k] = sum[k] / rows.length;
        }
        // two passes: the squared deviations from the mean, not Σx²/n − mean², which cancels for a column
        // with a large mean and a small spread (1e7 + {0, 1, 2, 3}: std 9.81 instead of 1.118)
        double[] squares = new double[f];
        for (float[] r : rows) {
            for (int k = 0; k < f; k++) {
                double d = r[k] - m[k];
                squares[k] += d * d;
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int k = 0; k < f; k++) {
            double var = squares[k] / rows.length;
            mean[k] = (float) m[k];
            std[k] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new Standardizer(mean, std);
    }

    /**
     * A standardised copy of one row.
     *
     * @param x a raw row
     * @return the standardised row
     */
    public float[] apply(float[] x) {
        float[] z = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            float v = (x[k] - mean[k]) / std[k];
            // values near ±3.4e38 overflow x − mean in float32 (then training "diverged" at any learning rate);
            // in double the difference is exact enough and the quotient fits again
            z[k] = Float.isFinite(v) ? v : (float) (((double) x[k] - mean[k]) / std[k]);
        }
        return z;
    }

    /**
     * The inverse for one column: a standardised value back in the column's units, z · std + mean (how a
     * regression model's outputs become values in its target's units).
     *
     * @param k the column
     * @param z a standardised value
     * @return the value in the column's units
     */
    public double unscale(int k, double z) {
        return z * std[k] + mean[k];
    }
}
