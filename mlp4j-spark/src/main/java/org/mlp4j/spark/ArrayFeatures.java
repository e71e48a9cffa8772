package org.mlp4j.spark;

import static org.apache.spark.sql.functions.col;

import java.util.function.BiFunction;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;

/**
 * Features given as arrays of numbers, for MLlib's transforms, which take vectors: mlp4j trains on a
 * column of vectors or of float or double arrays (Parquet written outside Spark ML has arrays), so its
 * models score both. An array column is turned into a vector column under a temporary name for the
 * transform and dropped after it.
 */
final class ArrayFeatures {
    /** The temporary column's name. */
    static final String VECTORS = "_mlp4j_features";

    private ArrayFeatures() {}

    /**
     * {@code onVectors} applied to {@code model} and the rows when the features are vectors; else to a copy
     * of the model that reads the temporary vector column, and the rows with it.
     */
    static <M extends Params> Dataset<Row> transform(
            M model, Dataset<?> dataset, String featuresCol, BiFunction<M, Dataset<Row>, Dataset<Row>> onVectors) {
        Dataset<Row> rows = dataset.toDF();
        if (!(rows.schema().apply(featuresCol).dataType() instanceof ArrayType)) {
            return onVectors.apply(model, rows);
        }
        @SuppressWarnings("unchecked")
        M reader = (M) model.copy(new ParamMap().put(model.getParam("featuresCol"), VECTORS));
        Dataset<Row> withVectors =
                rows.withColumn(VECTORS, org.apache.spark.ml.functions.array_to_vector(col(featuresCol)));
        return onVectors.apply(reader, withVectors).drop(VECTORS);
    }
}
