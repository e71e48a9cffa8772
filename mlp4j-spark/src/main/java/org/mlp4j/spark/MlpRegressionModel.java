package org.mlp4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mlp4j.InvalidInputException;

/**
 * A regression model trained by {@link MlpRegressor}: {@code transform} adds {@code predictionCol}, the
 * predicted value in the label's units. It holds an mlp4j model file (version 3, task regression), which
 * {@code mlp4j predict}, {@code evaluate}, {@code serve} and {@code export} read as they are.
 */
public final class MlpRegressionModel extends MlpModel<MlpRegressionModel> {
    private static final long serialVersionUID = 1L;

    MlpRegressionModel(String uid, byte[] modelFile) {
        super(uid, modelFile, true);
        if (model().outputSize() != 1) {
            throw new InvalidInputException("model " + uid + ": expected a regression of one target (Spark's"
                    + " prediction column holds one number), found " + model().outputSize() + " targets");
        }
    }

    /**
     * A Spark model around a regression model file of one target (written by {@link MlpRegressor}, or by
     * {@code mlp4j train --task regression}).
     *
     * @param modelFile the model file
     * @return the model
     * @throws InvalidInputException when the file is missing or not a regression of one target
     */
    public static MlpRegressionModel fromModelFile(java.nio.file.Path modelFile) {
        return new MlpRegressionModel(MlpEstimator.newUid(), readModelFile(modelFile));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        ModelScorer s = scorer;
        UserDefinedFunction value = udf((UDF1<Object, Double>) f -> s.outputs(f).apply(0), DataTypes.DoubleType);
        return dataset.toDF()
                .withColumn(getOrDefault(columns.predictionCol), value.apply(col(getOrDefault(columns.featuresCol))));
    }

    @Override
    public MlpRegressionModel copy(ParamMap extra) {
        MlpRegressionModel copy = new MlpRegressionModel(uid(), scorer.bytes);
        return copyValues(copy, extra).setParent(parent());
    }

    /**
     * The reader of saved models.
     *
     * @return a reader
     */
    public static MLReader<MlpRegressionModel> read() {
        return new ModelFileIo.Reader<>(MlpRegressionModel.class, MlpRegressionModel::new);
    }

    /**
     * Loads a saved model.
     *
     * @param path where it was saved
     * @return the model
     */
    public static MlpRegressionModel load(String path) {
        return read().load(path);
    }
}
