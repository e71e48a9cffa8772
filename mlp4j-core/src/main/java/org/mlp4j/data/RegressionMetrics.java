package org.mlp4j.data;

/**
 * How well predictions fit real-valued targets, accumulated one value at a time in the targets' units:
 * root mean squared error and mean absolute error over every target value, and the coefficient of
 * determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² of each target, averaged over the targets (as
 * scikit-learn's {@code r2_score} averages them by default). A target that is constant in the rows scored
 * has R² 1 when it is predicted exactly and 0 otherwise, as there.
 *
 * <p>It sits with the data rather than in {@code eval} because training reports it every epoch, and
 * training may not look up to evaluation.
 */
public final class RegressionMetrics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The figures.
     *
     * @param rmse √(mean of (y − ŷ)²) over every target value
     * @param mae  mean of |y − ŷ| over every target value
     * @param r2   R², averaged over the targets
     * @param rows the rows scored
     */
    public record Fit(double rmse, double mae, double r2, long rows) {}

    /** Values counted, per target. */
    private final long[] n;
    /** Σ |y − ŷ|, per target. */
    private final double[] absSum;
    /** Σ (y − ŷ)², per target. */
    private final double[] squaredSum;
    /** Welford's running mean and sum of squared deviations of each target: exact enough for R²'s denominator. */
    private final double[] mean;
    /** Σ (y − ȳ)², per target: R²'s denominator. */
    private final double[] deviations;

    /**
     * An empty accumulator.
     *
     * @param targets the number of targets a row
     */
    public RegressionMetrics(int targets) {
        n = new long[targets];
        absSum = new double[targets];
        squaredSum = new double[targets];
        mean = new double[targets];
        deviations = new double[targets];
    }

    /**
     * Adds one target value and its prediction.
     *
     * @param j         the target
     * @param predicted ŷ
     * @param actual    y
     */
    public void add(int j, double predicted, double actual) {
        double r = actual - predicted;
        n[j]++;
        absSum[j] += Math.abs(r);
        squaredSum[j] += r * r;
        double d = actual - mean[j];
        mean[j] += d / n[j];
        deviations[j] += d * (actual - mean[j]);
    }

    /**
     * Adds rows of network outputs and training targets, both standardised by {@code scaling}, in the
     * targets' units.
     *
     * @param outputs the outputs, row-major
     * @param targets the standardised targets, row-major, as wide as the outputs
     * @param rows    how many rows
     * @param scaling the targets' standardisation
     */
    public void addStandardized(float[] outputs, float[] targets, int rows, Standardizer scaling) {
        int k = n.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                add(j, scaling.unscale(j, outputs[i * k + j]), scaling.unscale(j, targets[i * k + j]));
            }
        }
    }

    /**
     * Adds what another accumulator of the same targets counted (Chan, Golub and LeVeque's pairwise
     * update of the mean and squared deviations), as if its values had been added here: how Spark joins
     * its partitions' figures.
     *
     * @param other the other accumulator
     * @return this accumulator
     */
    public RegressionMetrics merge(RegressionMetrics other) {
        if (other.n.length != n.length) {
            throw new IllegalArgumentException(
                    "regression metrics of " + other.n.length + " targets cannot join " + n.length);
        }
        for (int j = 0; j < n.length; j++) {
            long total = n[j] + other.n[j];
            if (total == 0) {
                continue;
            }
            double d = other.mean[j] - mean[j];
            deviations[j] += other.deviations[j] + d * d * ((double) n[j] * other.n[j] / total);
            mean[j] += d * other.n[j] / total;
            n[j] = total;
            absSum[j] += other.absSum[j];
            squaredSum[j] += other.squaredSum[j];
        }
        return this;
    }

    /**
     * The figures so far.
     *
     * @return them; NaN for each when nothing was added
     */
    public Fit fit() {
        long count = 0;
        double abs = 0;
        double sq = 0;
        double r2 = 0;
        for (int j = 0; j < n.length; j++) {
            count += n[j];
            abs += absSum[j];
            sq += squaredSum[j];
            r2 += deviations[j] > 0 ? 1 - squaredSum[j] / deviations[j] : squaredSum[j] == 0 ? 1 : 0;
        }
        if (count == 0) {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Fit(Math.sqrt(sq / count), abs / count, r2 / n.length, n[0]);
    }
}
