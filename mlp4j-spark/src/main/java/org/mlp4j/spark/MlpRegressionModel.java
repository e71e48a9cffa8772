package org.mlp4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;

/**
 * A regression model trained by {@link MlpRegressor}: {@code transform} adds {@code predictionCol}, the
 * predicted value in the label's units. It holds an mlp4j model file (version 3, task regression), which
 * {@code mlp4j predict}, {@code evaluate}, {@code serve} and {@code export} read as they are.
 */
public final class MlpRegressionModel extends org.apache.spark.ml.Model<MlpRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ColumnParams columns;
    private final ModelScorer scorer;

    MlpRegressionModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.columns = new ColumnParams(this, true);
        this.scorer = new ModelScorer(modelFile, uid);
        Model m = scorer.model(); // checked now, on the driver, rather than on an executor
        if (!m.isRegression() || m.outputSize() != 1) {
            throw new InvalidInputException("model " + uid + ": expected a regression model of one target, found "
                    + (m.isRegression() ? m.outputSize() + " targets" : "a classifier"));
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
        try {
            return new MlpRegressionModel(MlpEstimator.newUid(), Files.readAllBytes(modelFile));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(modelFile + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(modelFile + ": cannot read", e);
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return columns.all().toArray(Param<?>[]::new);
    }

    /**
     * The mlp4j model, for predictions on the driver.
     *
     * @return the model
     */
    public Model model() {
        return scorer.model();
    }

    /**
     * The model file's bytes, as {@code mlp4j predict} and {@code serve} read them.
     *
     * @return a copy of the bytes
     */
    public byte[] modelFileBytes() {
        return scorer.bytes.clone();
    }

    /**
     * The features a row has.
     *
     * @return the count
     */
    public int numFeatures() {
        return scorer.model().inputSize();
    }

    /**
     * @param c the features column
     * @return this
     */
    public MlpRegressionModel setFeaturesCol(String c) {
        set(columns.featuresCol, c);
        return this;
    }

    /**
     * @param c the prediction column
     * @return this
     */
    public MlpRegressionModel setPredictionCol(String c) {
        set(columns.predictionCol, c);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.outputSchema(this, schema);
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
        MlpRegressionModel copy = new MlpRegressionModel(uid, scorer.bytes);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelFileIo.Writer(this, scorer.bytes);
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
