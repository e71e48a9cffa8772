package org.mlp4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.CsvLines;
import org.mlp4j.internal.CsvRecords;

/**
 * Regression data: numeric feature rows and one or more real-valued targets a row, in the target's own
 * units. The network learns the targets standardised ({@link #withTargetScaling}): a target in the
 * thousands and one in thousandths then weigh alike in the cost, and the same learning rates work for
 * both. The scaling travels with the model, which turns its outputs back into the target's units.
 *
 * <p>Read from a CSV file, the label columns are the targets ({@code --label price} or {@code --label
 * price,days}); {@link #of} takes them as arrays.
 */
public final class RegressionDataset implements Dataset {
    private final float[][] x;
    private final float[][] y;
    private final List<String> featureNames;
    private final List<String> targetNames;
    private final String description;
    private final boolean standardized;
    private final Standardizer targetScaling;

    private RegressionDataset(
            float[][] x,
            float[][] y,
            List<String> featureNames,
            List<String> targetNames,
            String description,
            boolean standardized,
            Standardizer targetScaling) {
        this.x = x;
        this.y = y;
        this.featureNames = featureNames;
        this.targetNames = targetNames;
        this.description = description;
        this.standardized = standardized;
        this.targetScaling = targetScaling;
    }

    /**
     * Rows and their targets, named x0, x1, … and y0, y1, …; the targets are taken as they are until
     * {@link #withTargetScaling} is given a scaling.
     *
     * @param x the feature rows, all of one length
     * @param y the target rows, one per feature row, all of one length
     * @return the dataset
     * @throws InvalidInputException when the shapes disagree or a value is not finite
     */
    public static RegressionDataset of(float[][] x, float[][] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new InvalidInputException(
                    "y", "y: expected one target row per feature row (" + x.length + "), found " + y.length);
        }
        check(x, "x");
        check(y, "y");
        return new RegressionDataset(
                x,
                y,
                names("x", x[0].length),
                names("y", y[0].length),
                x.length + " rows of " + x[0].length + " features and " + y[0].length + " targets",
                false,
                identity(y[0].length));
    }

    private static void check(float[][] rows, String field) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length || rows[i].length == 0) {
                throw new InvalidInputException(
                        field,
                        field + ": row " + i + ": expected " + rows[0].length + " values like row 0, found "
                                + rows[i].length);
            }
            for (int k = 0; k < rows[i].length; k++) {
                if (!Float.isFinite(rows[i][k])) {
                    throw new InvalidInputException(
                            field,
                            field + ": row " + i + ", value " + k + ": expected a finite number, found " + rows[i][k]);
                }
            }
        }
    }

    private static List<String> names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(k -> prefix + k).toList();
    }

    private static Standardizer identity(int k) {
        float[] one = new float[k];
        Arrays.fill(one, 1f);
        return new Standardizer(new float[k], one);
    }

    /**
     * Reads a CSV file whose label columns ({@link CsvFormat#labels()}) hold a number a row: the targets.
     * Columns are found as
     * {@link TabularDataset#read(Path, CsvFormat, List, List)} finds them.
     *
     * @param file     the CSV file
     * @param format   its delimiter, header and target column
     * @param features the feature names a model was trained on, or null for every column but the target
     * @return the dataset, its targets as they are in the file
     * @throws InvalidInputException naming a missing column or a value that is not a number
     */
    public static RegressionDataset read(Path file, CsvFormat format, List<String> features) {
        return CsvRecords.read(file, format.delimiter(), records -> {
            String where = file.toString();
            List<String> given = format.labels();
            FloatList targets = new FloatList();
            CsvTable t = CsvTable.read(
                    records,
                    where,
                    format,
                    features,
                    (k, field, line) -> targets.add(CsvLines.number(
                            field, where + ": line " + line + ", target column '" + given.get(k) + "'")));
            int k = given.size();
            float[][] y = new float[targets.size() / k][];
            for (int i = 0; i < y.length; i++) {
                y[i] = new float[k];
                for (int j = 0; j < k; j++) {
                    y[i][j] = targets.get(i * k + j);
                }
            }
            return new RegressionDataset(t.x(), y, t.names(), t.labels(), t.description(), false, identity(k));
        });
    }

    /** A growable float array: a target a row, without a boxed Float each. */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        float get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }
    }

    /**
     * The same rows, their targets standardised by {@code s} for training ({@link #copyTarget}); the
     * targets themselves stay in their units.
     *
     * @param s the targets' mean and deviation, one per target
     * @return a new dataset
     */
    public RegressionDataset withTargetScaling(Standardizer s) {
        if (s.mean().length != targets()) {
            throw new InvalidInputException(
                    "targets: expected a scaling of " + targets() + " targets, found " + s.mean().length);
        }
        return new RegressionDataset(x, y, featureNames, targetNames, description, standardized, s);
    }

    /**
     * This dataset with every feature row standardised by {@code s}.
     *
     * @param s the standardiser
     * @return a new dataset
     */
    public RegressionDataset standardized(Standardizer s) {
        float[][] z = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = s.apply(x[i]);
        }
        return new RegressionDataset(z, y, featureNames, targetNames, description, true, targetScaling);
    }

    /**
     * The rows in an order drawn from {@code seed}, as a new dataset.
     *
     * @param seed draws the order
     * @return the new dataset
     */
    public RegressionDataset shuffle(long seed) {
        int[] order = new org.mlp4j.math.Rng(seed).permutation(size());
        float[][] rx = new float[order.length][];
        float[][] ry = new float[order.length][];
        for (int i = 0; i < order.length; i++) {
            rx[i] = x[order[i]];
            ry[i] = y[order[i]];
        }
        return new RegressionDataset(rx, ry, featureNames, targetNames, description, standardized, targetScaling);
    }

    /**
     * Rows [from, to) as a new dataset (copies references, not values).
     *
     * @param from the first row
     * @param to the end row (exclusive)
     * @return the new dataset
     */
    public RegressionDataset rows(int from, int to) {
        return new RegressionDataset(
                Arrays.copyOfRange(x, from, to),
                Arrays.copyOfRange(y, from, to),
                featureNames,
                targetNames,
                description + " rows " + from + "-" + to,
                standardized,
                targetScaling);
    }

    /**
     * The feature rows.
     *
     * @return the rows, live
     */
    public float[][] rows() {
        return x;
    }

    /**
     * The target rows, in the targets' units.
     *
     * @return the rows, live
     */
    public float[][] targetRows() {
        return y;
    }

    /**
     * The feature columns' names.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The targets' names (the label column's, or y0, y1, …).
     *
     * @return the names
     */
    @Override
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * Targets per row.
     *
     * @return the count
     */
    public int targets() {
        return targetNames.size();
    }

    @Override
    public Standardizer targetScaling() {
        return targetScaling;
    }

    @Override
    public void copyTarget(int i, float[] dst, int off) {
        float[] mean = targetScaling.mean();
        float[] std = targetScaling.std();
        for (int k = 0; k < y[i].length; k++) {
            dst[off + k] = (y[i][k] - mean[k]) / std[k];
        }
    }

    @Override
    public String inputScaling() {
        return standardized ? "standardize" : "none";
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public int features() {
        return featureNames.size();
    }

    /** The number of outputs: one per target. */
    @Override
    public int classes() {
        return targets();
    }

    /** Regression has no classes: 0 for every row. */
    @Override
    public int label(int i) {
        return 0;
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        System.arraycopy(x[i], 0, dst, off, x[i].length);
    }

    @Override
    public String description() {
        return description;
    }
}
