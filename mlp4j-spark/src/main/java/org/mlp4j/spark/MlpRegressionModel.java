package org.mlp4j.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;

/**
 * A regression model trained by {@link MlpRegressor}, one of MLlib's {@link RegressionModel}s: {@code
 * transform} adds {@code predictionCol}, the predicted value in the label's units. It holds an mlp4j model
 * file (version 3, task regression), which {@code mlp4j predict}, {@code evaluate}, {@code serve} and {@code
 * export} read as they are.
 */
public final class MlpRegressionModel extends RegressionModel<Vector, MlpRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ModelScorer scorer;
    /** The estimator's params, which the model carries as MLlib's models carry theirs. */
    private final TrainingParams training;

    private final ColumnParams columns;

    MlpRegressionModel(String uid, byte[] modelFile) {
        this(PendingUid.hold(uid), modelFile);
    }

    private MlpRegressionModel(PendingUid held, byte[] modelFile) {
        this.uid = held.take();
        this.training = new TrainingParams(this, true);
        this.columns = ColumnParams.regression(featuresCol(), predictionCol());
        this.scorer = ModelScorer.of(modelFile, uid, true);
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
        return new MlpRegressionModel(PendingUid.fresh(), ModelScorer.readModelFile(modelFile));
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.during();
    }

    @Override
    public Param<?>[] params() {
        return TrainingParams.params(training, featuresCol(), labelCol(), predictionCol());
    }

    @Override
    public Param<Object> getParam(String paramName) {
        return TrainingParams.find(this, paramName);
    }

    /**
     * The mlp4j model inside, for use in plain Java.
     *
     * @return the model (thread-safe)
     */
    public Model model() {
        return scorer.model();
    }

    /**
     * The model file's bytes, as {@code write().save} stores them.
     *
     * @return a copy of the bytes
     */
    public byte[] modelFileBytes() {
        return scorer.bytes.clone();
    }

    @Override
    public int numFeatures() {
        return scorer.model().inputSize();
    }

    /**
     * The predicted value for one example, in the label's units.
     *
     * @param features the example's features, raw (the model's input scaling is applied here)
     * @return the prediction
     */
    @Override
    public double predict(Vector features) {
        return scorer.outputs(features).apply(0);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return ArrayFeatures.transform(this, dataset, getFeaturesCol(), (m, rows) -> m.transformVectors(rows));
    }

    /** MLlib's transform, on a features column of vectors. */
    private Dataset<Row> transformVectors(Dataset<Row> rows) {
        return super.transform(rows);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.outputSchema(this, schema, scorer.predictionMetadata(getPredictionCol()));
    }

    @Override
    public MlpRegressionModel copy(ParamMap extra) {
        MlpRegressionModel copy = new MlpRegressionModel(uid(), scorer.bytes);
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
