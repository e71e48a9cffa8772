package org.mlp4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
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
     */
    record Summary(long rows, int features, double minLabel, double maxLabel, int classes) {}

    static void columns(StructType schema, String featuresCol, String labelCol) {
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
                            + ": expected class indexes 0 .. k − 1 (StringIndexer makes them from text), found "
                            + l.simpleString());
        }
    }

    private static StructField field(StructType schema, String name) {
        return schema.apply(name);
    }

    static Summary summarize(Dataset<Row> rows, String featuresCol, String labelCol) {
        Row stats = rows.agg(count(col(labelCol)), min(col(labelCol)), max(col(labelCol)))
                .first();
        long n = stats.getLong(0);
        if (n == 0) {
            throw new InvalidInputException(
                    "labelCol", "column " + labelCol + ": expected rows with labels, found an empty dataset");
        }
        Row first = rows.first();
        Object v = first.get(0);
        int features = v instanceof Vector vec ? vec.size() : first.getList(0).size();
        double lo = ((Number) stats.get(1)).doubleValue();
        double hi = ((Number) stats.get(2)).doubleValue();
        if (Double.isNaN(hi) || Double.isNaN(lo) || lo < 0 || hi != Math.rint(hi) || Double.isInfinite(hi)) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected class indexes 0 .. k − 1, found values from " + fmt(lo) + " to "
                            + fmt(hi));
        }
        int fromMetadata = classesInMetadata(rows.schema().apply(labelCol));
        if (fromMetadata > 0 && hi >= fromMetadata) {
            throw new InvalidInputException(
                    "labelCol",
                    "column " + labelCol + ": expected class indexes below the " + fromMetadata + " its metadata"
                            + " names, found " + fmt(hi));
        }
        return new Summary(n, features, lo, hi, fromMetadata > 0 ? fromMetadata : Math.max(2, (int) hi + 1));
    }

    /** The number of classes the label column's ML attribute names (StringIndexer's), or 0 when it names none. */
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
    static int imageSide(int features, boolean pixelScale) {
        int side = (int) Math.round(Math.sqrt(features));
        return pixelScale && side * side == features ? side : 0;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
