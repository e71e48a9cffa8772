package org.mlp4j.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.mlp4j.InvalidInputException;

/**
 * Turns one partition's rows into a {@link Shard}, checking every value on the way: a features vector of
 * the expected size with finite values, and a label that is a whole number from 0 to classes − 1. The
 * first bad value ends the conversion with a message naming the column, the row and the value.
 */
final class ShardBuilder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String featuresCol;
    private final String labelCol;
    private final int featuresIndex;
    private final int labelIndex;
    private final int features;
    private final int classes;
    /** Whether the label is a regression's target (any finite number) rather than a class index. */
    private final boolean regression;
    /** The weight column and its index in the rows, or null and −1 when the rows are not weighted. */
    private String weightCol;

    private int weightIndex = -1;
    /** The share of non-zero features expected, when the shards keep them sparse; 0 for dense shards. */
    private double sparseDensity;
    /** Heap or local disk, and the bytes a row is expected to take in the heap. */
    private ShardStorage storage = ShardStorage.MEMORY;

    private double bytesPerRow;

    /**
     * @param features the vectors' expected size (the first layer)
     * @param classes  labels must be below this (the last layer)
     */
    ShardBuilder(String featuresCol, int featuresIndex, String labelCol, int labelIndex, int features, int classes) {
        this(featuresCol, featuresIndex, labelCol, labelIndex, features, classes, false);
    }

    /** As the other constructor; with {@code regression} the label is a target, any finite number. */
    ShardBuilder(
            String featuresCol,
            int featuresIndex,
            String labelCol,
            int labelIndex,
            int features,
            int classes,
            boolean regression) {
        this.regression = regression;
        this.featuresCol = featuresCol;
        this.labelCol = labelCol;
        this.featuresIndex = featuresIndex;
        this.labelIndex = labelIndex;
        this.features = features;
        this.classes = classes;
    }

    /**
     * This builder reading each row's weight from {@code column} (at {@code index} in the rows) too.
     *
     * @return this
     */
    ShardBuilder weightedBy(String column, int index) {
        this.weightCol = column;
        this.weightIndex = index;
        return this;
    }

    /**
     * This builder keeping the features sparse ({@link SparseRows}), sized for {@code density}, the share of
     * the features expected to be non-zero (the input check's count).
     *
     * @return this
     */
    ShardBuilder sparse(double density) {
        this.sparseDensity = density;
        return this;
    }

    /**
     * This builder keeping a shard in a local file ({@link DiskRows}) when {@code storage} says so for its
     * size, or when a dense one would pass an array's limit.
     *
     * @param bytesPerRow what a row is expected to take in the heap
     * @return this
     */
    ShardBuilder storedBy(ShardStorage storage, double bytesPerRow) {
        this.storage = storage;
        this.bytesPerRow = bytesPerRow;
        return this;
    }

    /** The most values a shard's feature array holds: a Java array's limit. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses, on the driver before any shard is built, partitions too large for one array of features
     * (about 2.7 million rows of 784 features): with more workers each holds fewer rows.
     *
     * @param sizes each partition's rows
     * @param features the features per row
     */
    static void checkFits(long[] sizes, int features, String featuresCol) {
        long total = 0;
        int largest = 0;
        for (int p = 0; p < sizes.length; p++) {
            total += sizes[p];
            largest = sizes[p] > sizes[largest] ? p : largest;
        }
        if (sizes[largest] * features > MAX_VALUES) {
            long perWorker = MAX_VALUES / features;
            throw new InvalidInputException(
                    featuresCol,
                    "partition " + largest + " would hold " + sizes[largest] + " rows x " + features + " features = "
                            + sizes[largest] * features + " values, more than one array holds (" + MAX_VALUES
                            + "); train with at least " + (total + perWorker - 1) / perWorker
                            + " workers (numWorkers, --workers)");
        }
    }

    /** {@link #build(int, Iterator, long)} without knowing the partition's size. */
    Shard build(int partition, Iterator<Row> rows) {
        return build(partition, rows, 1024);
    }

    /**
     * The partition's shard; {@code expected} rows are made room for at once (a balanced partition's count
     * is known: no array is copied as it grows, nor trimmed at the end), more if they come.
     */
    Shard build(int partition, Iterator<Row> rows, long expected) {
        boolean beyondArray = sparseDensity == 0 && expected * features > MAX_VALUES;
        if (storage.onDisk((long) (expected * bytesPerRow))
                || (beyondArray && storage.mode() != ShardStorage.Mode.MEMORY)) {
            return buildOnDisk(partition, rows, expected);
        }
        if (sparseDensity > 0) {
            return buildSparse(partition, rows, expected);
        }
        int capacity = (int) Math.max(1, Math.min(expected, MAX_VALUES / features));
        float[] x = new float[capacity * features];
        PerRow per = new PerRow(capacity);
        int n = 0;
        boolean bytes = true;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (n == per.capacity()) {
                long grown = Math.min(2L * n, MAX_VALUES / features);
                if (grown <= n) {
                    checkFits(new long[] {(long) n + 1}, features, featuresCol);
                }
                per.grow((int) grown);
                x = Arrays.copyOf(x, (int) grown * features);
            }
            per.read(row, partition, n);
            bytes &= readFeatures(row, x, n * features, partition, n);
            n++;
        }
        if (bytes) {
            byte[] b = new byte[n * features];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) x[i];
            }
            return new Shard(partition, features, n, b, null, per.labels(n), per.targets(n), per.weights(n));
        }
        return new Shard(
                partition,
                features,
                n,
                null,
                n == per.capacity() ? x : Arrays.copyOf(x, n * features),
                per.labels(n),
                per.targets(n),
                per.weights(n));
    }

    private Shard buildSparse(int partition, Iterator<Row> rows, long expected) {
        SparseRows.Builder x = new SparseRows.Builder(expected, (long) Math.ceil(sparseDensity * expected * features));
        PerRow per = new PerRow((int) Math.max(1, Math.min(expected, MAX_VALUES)));
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (n == per.capacity()) { // more rows than the driver counted: only the per-row arrays grow
                per.grow((int) Math.min(2L * n, MAX_VALUES));
            }
            per.read(row, partition, n);
            readSparse(row, x, partition, n);
            n++;
        }
        return new Shard(partition, features, n, x.build(), per.labels(n), per.targets(n), per.weights(n));
    }

    /** The shard with its features written to a local file as they come: only the per-row arrays grow. */
    private Shard buildOnDisk(int partition, Iterator<Row> rows, long expected) {
        boolean sparse = sparseDensity > 0;
        PerRow per = new PerRow((int) Math.max(1, Math.min(expected, MAX_VALUES)));
        float[] x = new float[features];
        try (DiskRows.Writer to = new DiskRows.Writer(features, sparse, expected)) {
            int n = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                if (n == per.capacity()) {
                    per.grow((int) Math.min(2L * n, MAX_VALUES));
                }
                per.read(row, partition, n);
                if (sparse) {
                    visitFeatures(row, partition, n, (k, f) -> {
                        if (f != 0f) {
                            to.addEntry(k, f);
                        }
                    });
                    to.endRow();
                } else {
                    Arrays.fill(x, 0f); // a sparse vector writes its entries only
                    visitFeatures(row, partition, n, (k, f) -> x[k] = f);
                    to.addDense(x);
                }
                n++;
            }
            return new Shard(partition, features, n, to.finish(), per.labels(n), per.targets(n), per.weights(n));
        }
    }

    /** The shard's one-value-a-row arrays: class indexes, or a regression's targets, and the weights. */
    private final class PerRow {
        private int[] y;
        private float[] t;
        private float[] w;

        PerRow(int capacity) {
            y = new int[capacity];
            t = regression ? new float[capacity] : null;
            w = weightIndex >= 0 ? new float[capacity] : null;
        }

        int capacity() {
            return y.length;
        }

        void grow(int capacity) {
            y = Arrays.copyOf(y, capacity);
            t = t == null ? null : Arrays.copyOf(t, capacity);
            w = w == null ? null : Arrays.copyOf(w, capacity);
        }

        /** Row {@code n}'s label (or target) and weight, checked. */
        void read(Row row, int partition, int n) {
            if (w != null) {
                w[n] = weight(row, partition, n);
            }
            if (regression) {
                t[n] = target(row, partition, n);
            } else {
                y[n] = label(row, partition, n);
            }
        }

        int[] labels(int n) {
            return trim(y, n);
        }

        float[] targets(int n) {
            return trim(t, n);
        }

        float[] weights(int n) {
            return trim(w, n);
        }
    }

    private static int[] trim(int[] a, int n) {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    private static float[] trim(float[] a, int n) {
        return a == null || n == a.length ? a : Arrays.copyOf(a, n);
    }

    private float weight(Row row, int partition, int n) {
        Object v = row.isNullAt(weightIndex) ? null : row.get(weightIndex);
        if (!(v instanceof Number num) || !(num.doubleValue() >= 0) || !Float.isFinite((float) num.doubleValue())) {
            throw new InvalidInputException(
                    weightCol,
                    "column " + weightCol + ": expected a weight, a finite number 0 or more, found " + describe(v)
                            + where(partition, n));
        }
        return (float) num.doubleValue();
    }

    private String where(int partition, int row) {
        return " (row " + row + " of partition " + partition + ")";
    }

    private float target(Row row, int partition, int n) {
        Object v = row.isNullAt(labelIndex) ? null : row.get(labelIndex);
        if (!(v instanceof Number num) || !Float.isFinite((float) num.doubleValue())) {
            throw new InvalidInputException(
                    labelCol,
                    "column " + labelCol + ": expected a finite number (the regression's target), found " + describe(v)
                            + where(partition, n));
        }
        return (float) num.doubleValue();
    }

    private int label(Row row, int partition, int n) {
        Object v = row.isNullAt(labelIndex) ? null : row.get(labelIndex);
        if (!(v instanceof Number num)) {
            throw new InvalidInputException(
                    labelCol,
                    "column " + labelCol + ": expected a class index from 0 to " + (classes - 1)
                            + " (as StringIndexer makes them), found " + describe(v) + where(partition, n));
        }
        double d = num.doubleValue();
        if (d != Math.rint(d) || d < 0 || d >= classes) {
            throw new InvalidInputException(
                    labelCol,
                    "column " + labelCol + ": expected a class index from 0 to "
                            + (classes - 1) + " (the last layer has " + classes + " units), found " + fmt(d)
                            + where(partition, n));
        }
        return (int) d;
    }

    /** Where {@link #visitFeatures} hands each value. */
    private interface ValueSink {
        void accept(int index, float value);
    }

    /** Copies the row's features into x[off ..); true when all are whole numbers in [0, 255]. */
    private boolean readFeatures(Row row, float[] x, int off, int partition, int n) {
        // x is zeros where a sparse vector has no entry: the array is new, and each row is written once
        visitFeatures(row, partition, n, (k, f) -> x[off + k] = f);
        boolean bytes = true;
        for (int k = 0; k < features; k++) {
            float f = x[off + k];
            bytes &= f >= 0 && f <= 255 && f == (int) f;
        }
        return bytes;
    }

    /** Adds the row's non-zero features to a sparse store, and ends the row there. */
    private void readSparse(Row row, SparseRows.Builder to, int partition, int n) {
        visitFeatures(row, partition, n, (k, f) -> {
            if (f != 0f) {
                to.add(k, f);
            }
        });
        to.endRow();
    }

    /**
     * Hands {@code sink} the row's feature values as floats with their indexes, in index order (a sparse
     * vector's entries only), after checking the size, that each is a number and that it is finite.
     */
    private void visitFeatures(Row row, int partition, int n, ValueSink sink) {
        Object v = row.isNullAt(featuresIndex) ? null : row.get(featuresIndex);
        if (v instanceof org.apache.spark.ml.linalg.SparseVector sv) {
            checkSize(sv.size(), partition, n);
            int[] at = sv.indices();
            double[] a = sv.values();
            for (int i = 0; i < a.length; i++) {
                sink.accept(at[i], finite((float) a[i], at[i], partition, n));
            }
        } else if (v instanceof Vector vec) {
            checkSize(vec.size(), partition, n);
            double[] a = vec.toArray();
            for (int k = 0; k < a.length; k++) {
                sink.accept(k, finite((float) a[k], k, partition, n));
            }
        } else if (v instanceof scala.collection.Seq<?> || v instanceof List<?>) {
            List<?> list = row.getList(featuresIndex);
            checkSize(list.size(), partition, n);
            for (int k = 0; k < list.size(); k++) {
                Object e = list.get(k);
                if (!(e instanceof Number num)) {
                    throw new InvalidInputException(
                            featuresCol,
                            "column " + featuresCol + ": expected numbers, found " + describe(e) + " at index " + k
                                    + where(partition, n));
                }
                sink.accept(k, finite((float) num.doubleValue(), k, partition, n));
            }
        } else {
            throw new InvalidInputException(
                    featuresCol,
                    "column " + featuresCol + ": expected a vector or an array of floats or doubles, found "
                            + describe(v) + where(partition, n));
        }
    }

    private float finite(float f, int k, int partition, int n) {
        if (!Float.isFinite(f)) {
            throw new InvalidInputException(
                    featuresCol,
                    "column " + featuresCol + ": expected finite values, found " + f + " at index " + k
                            + where(partition, n));
        }
        return f;
    }

    private void checkSize(int size, int partition, int n) {
        if (size != features) {
            throw new InvalidInputException(
                    featuresCol,
                    "column " + featuresCol + ": expected vectors of " + features + " values (the first layer), found "
                            + size + where(partition, n));
        }
    }

    private static String describe(Object v) {
        return v == null
                ? "null"
                : v instanceof String s
                        ? "'" + s + "'"
                        : v + " (" + v.getClass().getSimpleName() + ")";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
