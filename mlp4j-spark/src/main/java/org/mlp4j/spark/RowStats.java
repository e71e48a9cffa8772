package org.mlp4j.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * What one pass over a partition's rows says, gathered on an executor without ever failing there: the rows,
 * those with a label, the features' sizes, rows without features or with a value that is not finite (the
 * first one's value and index kept for the message), the non-zero values (whether to keep them sparse), the
 * labels' range, sum and spread; and, when the rows hold a weight at index 2, the bad weights (the first one
 * kept) and the others' sum. The driver merges
 * the partitions' stats in partition order ({@link #merge}), and keeps each partition's row count, so no
 * second pass counts them. Rows hold the features at index 0 and the label at 1.
 *
 * <p>Plain Java on purpose: the Spark SQL aggregation this replaced tested each vector's values with
 * {@code exists(...)}, which Spark evaluates interpreted, value by value; with this pass (and sparse shards)
 * a fit on MNIST's Parquet files took half the time (docs/benchmarks.md, "the input check in one pass").
 */
final class RowStats implements Serializable {
    private static final long serialVersionUID = 1L;

    long rows;
    long labelled;
    long nullFeatures;
    int minSize = Integer.MAX_VALUE;
    int maxSize = Integer.MIN_VALUE;
    /** Rows with a null, NaN or a value beyond float32's range among their features. */
    long nonFinite;
    /** Non-zero feature values, and whether every one is a whole number from 1 to 255 (grey levels). */
    long nonZeros;

    boolean wholeBytes = true;
    /** Whether the row being read has a bad value (transient: only while a row is read). */
    private transient boolean rowBad;
    /** The first such row's first such value ("null", "NaN", "Infinity", …) and its index, else null and -1. */
    String firstBadValue;

    int firstBadIndex = -1;
    /** The labels' smallest and largest, NaN above every number as in Spark SQL; meaningless without labels. */
    double minLabel = Double.NaN;

    double maxLabel = Double.NaN;
    double labelSum;
    /** The labels' running mean and sum of squared deviations (Spark's central-moment update and merge). */
    double labelMean;

    double labelM2;
    /** Each merged partition's rows, in partition order. */
    long[] partitionRows = new long[0];
    /** Rows whose weight (index 2, when the rows have one) is null, negative, NaN or beyond float32's range. */
    long badWeights;
    /** The first such weight as the column holds it. */
    String firstBadWeight;
    /** The other rows' weights, summed. */
    double weightSum;

    /** One partition's stats, as a one-element iterator for {@code mapPartitions}. */
    static Iterator<RowStats> of(Iterator<Row> it) {
        RowStats s = new RowStats();
        while (it.hasNext()) {
            s.add(it.next());
        }
        s.partitionRows = new long[] {s.rows};
        return List.of(s).iterator();
    }

    private void add(Row row) {
        rows++;
        if (row.isNullAt(0)) {
            nullFeatures++;
        } else {
            addFeatures(row.get(0), row);
        }
        if (!row.isNullAt(1)) {
            addLabel(((Number) row.get(1)).doubleValue());
        }
        if (row.length() > 2) {
            addWeight(row.get(2));
        }
    }

    private void addWeight(Object v) {
        double w = v == null ? Double.NaN : ((Number) v).doubleValue();
        if (w >= 0 && w <= Float.MAX_VALUE) {
            weightSum += w;
        } else {
            if (badWeights == 0) {
                firstBadWeight = String.valueOf(v);
            }
            badWeights++;
        }
    }

    private void addFeatures(Object v, Row row) {
        int size;
        if (v instanceof SparseVector sv) {
            size = sv.size();
            int[] at = sv.indices();
            double[] x = sv.values();
            for (int i = 0; i < x.length; i++) {
                addValue(x[i], at[i], null);
            }
        } else if (v instanceof Vector vec) {
            double[] x = v instanceof DenseVector d ? d.values() : vec.toArray();
            size = x.length;
            for (int i = 0; i < x.length; i++) {
                addValue(x[i], i, null);
            }
        } else {
            // an array column of floats or doubles (InputCheck.columns allows no other); its entries may be null
            List<Object> x = row.getList(0);
            size = x.size();
            for (int i = 0; i < size; i++) {
                Object e = x.get(i);
                addValue(e == null ? Double.NaN : ((Number) e).doubleValue(), i, e == null ? "null" : null);
            }
        }
        minSize = Math.min(minSize, size);
        maxSize = Math.max(maxSize, size);
        if (rowBad) {
            nonFinite++;
            rowBad = false;
        }
    }

    /** One feature value: counted when non-zero, checked, the first bad one kept ({@code shown} overrides its text). */
    private void addValue(double x, int index, String shown) {
        if (x != 0) {
            nonZeros++;
            wholeBytes &= x > 0 && x <= 255 && x == Math.rint(x);
        }
        if (notFinite(x) && !rowBad) {
            rowBad = true;
            if (nonFinite == 0) {
                firstBadValue = shown != null ? shown : String.valueOf(x);
                firstBadIndex = index;
            }
        }
    }

    /** Not a float32 training can compute with: NaN, ±∞, or beyond float32's largest. */
    private static boolean notFinite(double x) {
        return Double.isNaN(x) || Math.abs(x) > Float.MAX_VALUE;
    }

    private void addLabel(double y) {
        if (labelled == 0) {
            minLabel = y;
            maxLabel = y;
        } else {
            minLabel = Double.compare(y, minLabel) < 0 ? y : minLabel;
            maxLabel = Double.compare(y, maxLabel) > 0 ? y : maxLabel;
        }
        labelled++;
        labelSum += y;
        double delta = y - labelMean;
        double deltaN = delta / labelled;
        labelMean += deltaN;
        labelM2 += delta * (delta - deltaN);
    }

    /** These stats followed by the next partitions' {@code later}: a new object, neither changed. */
    RowStats merge(RowStats later) {
        RowStats m = new RowStats();
        m.rows = rows + later.rows;
        m.labelled = labelled + later.labelled;
        m.nullFeatures = nullFeatures + later.nullFeatures;
        m.minSize = Math.min(minSize, later.minSize);
        m.maxSize = Math.max(maxSize, later.maxSize);
        m.nonFinite = nonFinite + later.nonFinite;
        m.nonZeros = nonZeros + later.nonZeros;
        m.wholeBytes = wholeBytes && later.wholeBytes;
        boolean mine = nonFinite > 0;
        m.firstBadValue = mine ? firstBadValue : later.firstBadValue;
        m.firstBadIndex = mine ? firstBadIndex : later.firstBadIndex;
        if (labelled == 0 || later.labelled == 0) {
            RowStats only = labelled == 0 ? later : this;
            m.minLabel = only.minLabel;
            m.maxLabel = only.maxLabel;
        } else {
            m.minLabel = Double.compare(later.minLabel, minLabel) < 0 ? later.minLabel : minLabel;
            m.maxLabel = Double.compare(later.maxLabel, maxLabel) > 0 ? later.maxLabel : maxLabel;
        }
        m.labelSum = labelSum + later.labelSum;
        m.badWeights = badWeights + later.badWeights;
        m.firstBadWeight = badWeights > 0 ? firstBadWeight : later.firstBadWeight;
        m.weightSum = weightSum + later.weightSum;
        double n = m.labelled;
        double delta = later.labelMean - labelMean;
        double deltaN = n == 0 ? 0 : delta / n;
        m.labelMean = labelMean + deltaN * later.labelled;
        m.labelM2 = labelM2 + later.labelM2 + delta * deltaN * labelled * later.labelled;
        m.partitionRows = new long[partitionRows.length + later.partitionRows.length];
        System.arraycopy(partitionRows, 0, m.partitionRows, 0, partitionRows.length);
        System.arraycopy(later.partitionRows, 0, m.partitionRows, partitionRows.length, later.partitionRows.length);
        return m;
    }

    /** The labels' mean (their sum over their count, as Spark's {@code avg}). */
    double labelAverage() {
        return labelSum / labelled;
    }

    /** The labels' population deviation (Spark's {@code stddev_pop}). */
    double labelDeviation() {
        return Math.sqrt(labelM2 / labelled);
    }
}
