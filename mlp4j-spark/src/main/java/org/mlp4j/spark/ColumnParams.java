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
 * The column params of an estimator or model (MLlib's own: its {@code Predictor} or {@code
 * ProbabilisticClassifier} makes them, with MLlib's names and defaults), and the output schema they give:
 * a classifier's raw prediction, probability and prediction, a regression's prediction.
 */
final class ColumnParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> featuresCol;
    final Param<String> predictionCol;
    /** Null for a regression. */
    final Param<String> probabilityCol;
    /** Null for a regression. */
    final Param<String> rawPredictionCol;

    private ColumnParams(
            Param<String> features, Param<String> prediction, Param<String> probability, Param<String> rawPrediction) {
        featuresCol = features;
        predictionCol = prediction;
        probabilityCol = probability;
        rawPredictionCol = rawPrediction;
    }

    /** A classifier's columns. */
    static ColumnParams classifier(
            Param<String> features, Param<String> prediction, Param<String> probability, Param<String> rawPrediction) {
        return new ColumnParams(features, prediction, probability, rawPrediction);
    }

    /** A regression's columns: its prediction is the value; it has no probabilities. */
    static ColumnParams regression(Param<String> features, Param<String> prediction) {
        return new ColumnParams(features, prediction, null, null);
    }

    /** The input schema with the three output columns added; the features column must be usable. */
    StructType outputSchema(Params p, StructType schema) {
        return outputSchema(p, schema, org.apache.spark.sql.types.Metadata.empty());
    }

    /**
     * The schema after {@code transform}: the input's columns and the output columns as MLlib's UDFs make
     * them (vectors nullable, the prediction a primitive double), the prediction column with {@code prediction} as its metadata (a model's classes).
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
                DataTypes.createStructField(p.getOrDefault(predictionCol), DataTypes.DoubleType, false, prediction);
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
