package org.mlp4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;

/**
 * The column parameters MLlib's classifiers have, with MLlib's names and defaults: features, label,
 * prediction, probability and raw prediction. The estimator and its model each own one set.
 */
final class ColumnParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> rawPredictionCol;

    ColumnParams(Params parent) {
        this(parent, false);
    }

    /**
     * A classifier's columns, or with {@code regression} a regressor's: its label is the target, its
     * prediction the value, and it has no probabilities.
     */
    ColumnParams(Params parent, boolean regression) {
        featuresCol = new Param<>(parent, "featuresCol", "features column: a vector, or an array of floats or doubles");
        labelCol = new Param<>(
                parent,
                "labelCol",
                regression ? "label column: the target, a number" : "label column: class indexes 0 .. k - 1");
        predictionCol = new Param<>(
                parent,
                "predictionCol",
                regression
                        ? "prediction column: the predicted value, in the target's units"
                        : "prediction column: the predicted class index");
        parent.setDefault(featuresCol, "features");
        parent.setDefault(labelCol, "label");
        parent.setDefault(predictionCol, "prediction");
        if (regression) {
            probabilityCol = null;
            rawPredictionCol = null;
            return;
        }
        probabilityCol = new Param<>(parent, "probabilityCol", "probability column: one probability per class");
        rawPredictionCol = new Param<>(parent, "rawPredictionCol", "raw prediction column: the output layer's values");
        parent.setDefault(probabilityCol, "probability");
        parent.setDefault(rawPredictionCol, "rawPrediction");
    }

    List<Param<?>> all() {
        return probabilityCol == null
                ? List.of(featuresCol, labelCol, predictionCol)
                : List.of(featuresCol, labelCol, predictionCol, probabilityCol, rawPredictionCol);
    }

    /** The input schema with the three output columns added; the features column must be usable. */
    StructType outputSchema(Params p, StructType schema) {
        return outputSchema(p, schema, org.apache.spark.sql.types.Metadata.empty());
    }

    /**
     * The schema after {@code transform}: the input's columns and the output columns as the UDFs make them
     * (nullable), the prediction column with {@code prediction} as its metadata (a model's classes).
     */
    StructType outputSchema(Params p, StructType schema, org.apache.spark.sql.types.Metadata prediction) {
        String f = p.getOrDefault(featuresCol);
        if (!List.of(schema.fieldNames()).contains(f)) {
            throw new InvalidInputException(
                    "featuresCol",
                    "column " + f + ": not in the data; found columns " + String.join(", ", schema.fieldNames()));
        }
        StructType out = schema;
        StructField predicted =
                DataTypes.createStructField(p.getOrDefault(predictionCol), DataTypes.DoubleType, true, prediction);
        StructField[] added = probabilityCol == null
                ? new StructField[] {predicted}
                : new StructField[] {
                    DataTypes.createStructField(p.getOrDefault(rawPredictionCol), new VectorUDT(), true),
                    DataTypes.createStructField(p.getOrDefault(probabilityCol), new VectorUDT(), true),
                    predicted
                };
        for (StructField extra : added) {
            if (!extra.name().isEmpty()) {
                if (List.of(out.fieldNames()).contains(extra.name())) {
                    throw new InvalidInputException(
                            extra.name(),
                            "column " + extra.name() + ": already in the data; choose another output column name");
                }
                out = out.add(extra);
            }
        }
        return out;
    }
}
