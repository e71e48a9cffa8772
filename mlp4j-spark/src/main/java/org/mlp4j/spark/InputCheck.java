package org.mlp4j.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Standardizer;
import org.mlp4j.recipe.Recipe;

/**
 * The checks a DataFrame passes before any training, each failing with one message that names the
 * column and what was found: the columns exist with usable types, the data is not empty, the vectors fit
 * the first layer and the labels the last.
 */
final class InputCheck {
    private InputCheck() {}

    /**
     * What one pass over the data says about it. {@code classes} comes from the label column's metadata
     * when it has some (StringIndexer writes the number of labels there), so a cross-validation fold that
     * lacks the last class still builds a model with an output for it; otherwise from the largest label.
     * {@code partitionRows} holds each partition's rows, in partition order.
     */
    record Summary(
            long rows,
            int features,
            double minLabel,
            double maxLabel,
            int classes,
            double labelMean,
            double labelStd,
            long[] partitionRows,
            long nonZeros,
            boolean wholeBytes) {

        /**
         * The share of feature values that are not zero, when shards that keep only those (8 bytes an entry:
         * its value and index) take at most half the memory of dense ones (1 byte a value for whole numbers
         * from 0 to 255, 4 otherwise); else 0, for dense shards.
         */
        double sparseDensity() {
            double density = rows == 0 ? 1 : (double) nonZeros / ((double) rows * features);
            double denseBytes = wholeBytes ? 1 : 4;
            return 8 * density <= denseBytes / 2 ? density : 0;
        }

        /**
         * What a row is expected to take in a shard in the heap: its features (8 bytes a non-zero value when
         * sparse, else 1 or 4 a value), its label or target and its weight.
         */
        double shardBytesPerRow() {
            double density = sparseDensity();
            return (density > 0 ? 8 * density * features : (wholeBytes ? 1 : 4) * (double) features) + 8;
        }
    }

    static void columns(StructType schema, String featuresCol, String labelCol) {
        columns(schema, featuresCol, labelCol, false);
    }

    /** As {@link #columns(StructType, String, String)}; a regression's label is a target, not a class index. */
    static void columns(StructType schema, String featuresCol, String labelCol, boolean regression) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : new String[] {featuresCol, labelCol}) {
            if (!names.contains(c)) {
                throw new InvalidInputException(
                        c.equals(featuresCol) ? "featuresCol" : "labelCol",
                        "column " + c + ": not in the data; found columns " + String.join(", ", names));
            }
        }
        DataType f = field(schema, featuresCol).dataType();
        boolean numbers = f instanceof ArrayType a
                && (a.elementType() instanceof DoubleType || a.elementType() instanceof FloatType);
        if (!(f instanceof VectorUDT) && !numbers) {
            throw new InvalidInputException(
                    "featuresCol",
                    "column " + featuresCol
                            + ": expected a vector (VectorAssembler makes one) or an array of floats or doubles, found "
                            + f.simpleString());
        }
        DataType l = field(schema, labelCol).dataType();
        if (!(l instanceof NumericType)) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol
                            + (regression
                                    ? ": expected numbers (the regression's target), found "
                                    : ": expected class indexes 0 .. k − 1 (StringIndexer makes them from text), found ")
                            + l.simpleString());
        }
    }

    private static StructField field(StructType schema, String name) {
        return schema.apply(name);
    }

    /**
     * One pass over the training data, on the executors, that never fails there ({@link RowStats}): rows,
     * labels, the vectors' sizes, missing and non-finite values. What is wrong is then said here, on the driver, in one line,
     * before any training and without an executor's error in the log.
     */
    static Summary summarize(Dataset<Row> rows, String featuresCol, String labelCol) {
        return summarize(rows, featuresCol, labelCol, true);
    }

    /** Refuses a weight column that is not in the schema, or not numeric (null: no weight column). */
    static void weightColumn(StructType schema, String weightCol) {
        if (weightCol == null) {
            return;
        }
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(weightCol)) {
            throw new InvalidInputException(
                    "weightCol",
                    "column " + weightCol + ": not in the data; found columns " + String.join(", ", names));
        }
        DataType type = field(schema, weightCol).dataType();
        if (!(type instanceof NumericType)) {
            throw new InvalidInputException(
                    "weightCol",
                    "column " + weightCol + ": expected numbers (a weight a row), found " + type.simpleString());
        }
    }

    /**
     * Refuses a weight column that holds a null, a negative or a non-finite weight (the first one named), or
     * only zeros: read in the same pass as the features and labels ({@link RowStats}).
     */
    private static void checkWeights(RowStats stats, String weightCol) {
        if (stats.badWeights > 0) {
            throw new InvalidInputException(
                    "weightCol",
                    "column " + weightCol + ": expected a weight, a finite number 0 or more, in every row, found "
                            + stats.firstBadWeight + " (" + stats.badWeights
                            + (stats.badWeights == 1 ? " row)" : " rows)"));
        }
        if (!(stats.weightSum > 0)) {
            throw new InvalidInputException(
                    "weightCol", "column " + weightCol + ": expected some weights above 0, found all 0");
        }
    }

    /** {@link #summarize}; a test set ({@code training} false) may hold a single class. */
    static Summary summarize(Dataset<Row> rows, String featuresCol, String labelCol, boolean training) {
        return summarize(rows, featuresCol, labelCol, training, false);
    }

    /**
     * As {@link #summarize(Dataset, String, String, boolean)}; for a regression the label is a target, any
     * finite number, whose mean and (population) deviation the summary holds.
     */
    static Summary summarize(
            Dataset<Row> rows, String featuresCol, String labelCol, boolean training, boolean regression) {
        return summarize(
                rows.select(featuresCol, labelCol).javaRDD(),
                rows.schema().apply(labelCol),
                featuresCol,
                labelCol,
                training,
                regression);
    }

    /**
     * As {@link #summarize(Dataset, String, String, boolean, boolean)}, over rows that hold the features at
     * index 0 and the label at 1 ({@code label} is the label column's field, for its metadata). The summary
     * keeps each partition's rows, so the caller that goes on with these same rows need not count them again.
     */
    static Summary summarize(
            JavaRDD<Row> rows,
            StructField label,
            String featuresCol,
            String labelCol,
            boolean training,
            boolean regression) {
        return summarize(rows, label, featuresCol, labelCol, null, training, regression);
    }

    /**
     * As {@link #summarize(JavaRDD, StructField, String, String, boolean, boolean)}; with a {@code weightCol},
     * the rows hold each one's weight at index 2, checked in the same pass.
     */
    static Summary summarize(
            JavaRDD<Row> rows,
            StructField label,
            String featuresCol,
            String labelCol,
            String weightCol,
            boolean training,
            boolean regression) {
        RowStats stats = DistributedTrainer.unwrap(
                        () -> rows.mapPartitions(RowStats::of).collect())
                .stream()
                .reduce(new RowStats(), RowStats::merge);
        if (weightCol != null) {
            checkWeights(stats, weightCol);
        }
        checkLabelsPresent(stats, labelCol);
        int features = checkFeatures(stats, featuresCol);
        long n = stats.labelled;
        double lo = stats.minLabel;
        double hi = stats.maxLabel;
        if (regression) {
            if (!isFinite(lo) || !isFinite(hi)) {
                throw new InvalidInputException(
                        "labelCol",
                        "column " + labelCol + ": expected finite targets, found values from " + lo + " to " + hi);
            }
            return new Summary(
                    n,
                    features,
                    lo,
                    hi,
                    1,
                    stats.labelAverage(),
                    stats.labelDeviation(),
                    stats.partitionRows,
                    stats.nonZeros,
                    stats.wholeBytes);
        }
        int classes = classes(label, labelCol, lo, hi, training, n);
        return new Summary(
                n,
                features,
                lo,
                hi,
                classes,
                Double.NaN,
                Double.NaN,
                stats.partitionRows,
                stats.nonZeros,
                stats.wholeBytes);
    }

    /** Refuses an empty dataset, and rows without a label. */
    private static void checkLabelsPresent(RowStats stats, String labelCol) {
        long all = stats.rows;
        long n = stats.labelled;
        if (all == 0) {
            throw new InvalidInputException(
                    "labelCol", "column " + labelCol + ": expected rows with labels, found an empty dataset");
        }
        if (n < all) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected a class index in every row, found " + (all - n)
                            + " rows without one (null)");
        }
    }

    /**
     * The features' size, after refusing rows without features, of another size, or with a value that is not
     * finite ({@code badRows} are those, the first one named by its index).
     */
    private static int checkFeatures(RowStats stats, String featuresCol) {
        long nullFeatures = stats.nullFeatures;
        if (nullFeatures > 0) {
            throw new InvalidInputException(
                    "featuresCol",
                    "column " + featuresCol + ": expected a vector in every row, found " + nullFeatures
                            + " rows without one (null)");
        }
        int smallest = stats.minSize;
        int features = stats.maxSize;
        if (smallest != features) {
            throw new InvalidInputException(
                    "featuresCol",
                    "column " + featuresCol + ": expected vectors of one size, found sizes from " + smallest + " to "
                            + features);
        }
        long nonFinite = stats.nonFinite;
        if (nonFinite > 0) {
            throw new InvalidInputException(
                    "featuresCol",
                    "column " + featuresCol + ": expected finite values, found " + stats.firstBadValue + " at index "
                            + stats.firstBadIndex + " (" + nonFinite + (nonFinite == 1 ? " row)" : " rows)"));
        }
        return features;
    }

    /**
     * The number of classes: from the label column's metadata when it names them, else the largest index
     * plus one (at least 2); labels that are not class indexes, beyond the metadata's, or (in a training set
     * without metadata) all of one class are refused.
     */
    private static int classes(StructField label, String labelCol, double lo, double hi, boolean training, long n) {
        if (Double.isNaN(hi) || Double.isNaN(lo) || lo < 0 || hi != Math.rint(hi) || Double.isInfinite(hi)) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected class indexes 0 .. k − 1, found values from " + fmt(lo) + " to "
                            + fmt(hi));
        }
        int fromMetadata = classesInMetadata(label);
        if (fromMetadata > 0 && hi >= fromMetadata) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected class indexes below the " + fromMetadata + " its metadata"
                            + " names, found " + fmt(hi));
        }
        if (training && fromMetadata == 0 && lo == hi) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected at least two classes, found only class " + fmt(lo) + " in " + n
                            + " rows");
        }
        return fromMetadata > 0 ? fromMetadata : Math.max(2, (int) hi + 1);
    }

    private static boolean isFinite(double v) {
        return Float.isFinite((float) v);
    }

    /** The number of classes the label column's ML attribute names (StringIndexer's), or 0 when it names none. */
    /**
     * The class names a label column's metadata holds (StringIndexer's labels, in index order), or null when
     * it holds none, or names a model file cannot keep (empty, or with a comma).
     */
    static String[] classNamesInMetadata(StructField label) {
        org.apache.spark.ml.attribute.Attribute a = org.apache.spark.ml.attribute.Attribute.fromStructField(label);
        if (!(a instanceof org.apache.spark.ml.attribute.NominalAttribute nominal)
                || nominal.values().isEmpty()) {
            return null;
        }
        String[] names = nominal.values().get();
        for (String n : names) {
            if (n == null || n.isEmpty() || n.contains(",")) {
                return null;
            }
        }
        return names;
    }

    static int classesInMetadata(StructField label) {
        org.apache.spark.ml.attribute.Attribute a = org.apache.spark.ml.attribute.Attribute.fromStructField(label);
        if (a instanceof org.apache.spark.ml.attribute.NominalAttribute nominal) {
            scala.Option<Object> n = nominal.getNumValues();
            return n.isDefined() ? (Integer) n.get() : 0;
        }
        if (a instanceof org.apache.spark.ml.attribute.BinaryAttribute) {
            return 2;
        }
        return 0;
    }

    static void sizes(Summary s, int features, int classes, Recipe r, String featuresCol, String labelCol) {
        if (s.features() != features) {
            throw new InvalidInputException(
                    "layers",
                    "column " + featuresCol + ": expected vectors of " + features + " values (the first layer, "
                            + r.source("layers") + "), found " + s.features());
        }
        if (s.classes() > classes && s.maxLabel() < classes) {
            throw new InvalidInputException(
                    "layers",
                    "column " + labelCol + ": its metadata names " + s.classes() + " classes, expected at most "
                            + classes + " (the last layer, " + r.source("layers") + ")");
        }
        if (s.maxLabel() >= classes) {
            throw new InvalidInputException(
                    "layers",
                    "column " + labelCol + ": expected class indexes below " + classes + " (the last layer, "
                            + r.source("layers") + "), found " + fmt(s.maxLabel()));
        }
    }

    /**
     * The side of square images, for distortions: only for grey-level images ({@code pixelScale}); a
     * table's rows are not images even when their length is a square (the plan then refuses distortions).
     */
    /** A regression's sizes: the first layer the vectors' size, the last one unit for the label column. */
    static void targets(Summary s, int features, int outputs, Recipe r, String featuresCol) {
        if (s.features() != features) {
            throw new InvalidInputException(
                    "layers",
                    "column " + featuresCol + ": expected vectors of " + features + " values (the first layer, "
                            + r.source("layers") + "), found " + s.features());
        }
        if (outputs != 1) {
            throw new InvalidInputException(
                    "layers",
                    r.source("layers") + ": expected one output for the label column's target, found " + outputs);
        }
    }

    static int imageSide(int features, boolean pixelScale) {
        int side = (int) Math.round(Math.sqrt(features));
        return pixelScale && side * side == features ? side : 0;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /**
     * The label checked against the layers: a regression's targets, whose standardisation this returns, or
     * classes (null).
     */
    static Standardizer checkedTargets(
            Summary summary,
            int features,
            int classes,
            Recipe r,
            String featuresCol,
            String labelCol,
            boolean regression) {
        if (!regression) {
            sizes(summary, features, classes, r, featuresCol, labelCol);
            return null;
        }
        targets(summary, features, classes, r, featuresCol);
        // the label's mean and deviation over every row (the validation rows too: one aggregation, and a
        // shift of a few rows' share in two numbers)
        double std = summary.labelStd();
        return new Standardizer(
                new float[] {(float) summary.labelMean()}, new float[] {std > 1e-12 ? (float) std : 1f});
    }
}
