package org.mlp4j.spark;

import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;

/**
 * A trained mlp4j network as one of MLlib's probabilistic classification models: {@link #transform} adds
 * the raw prediction (the margins: the output layer's weighted inputs, a softmax's logits or a sigmoid
 * output's log-odds), the probability (the output layer's activations, normalised to sum to 1) and the
 * prediction (the class with the largest probability, each divided by its threshold when {@code
 * thresholds} is set). It holds an ordinary mlp4j model file: {@code write().save(path)} puts it in {@code
 * path/model.safetensors}, where {@code org.mlp4j.Model.load} and every mlp4j command read it, and {@link
 * #fromModelFile} wraps a model trained by {@code mlp4j train}.
 */
public final class MlpClassificationModel extends ProbabilisticClassificationModel<Vector, MlpClassificationModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The model file's name inside a saved model's folder. */
    public static final String MODEL_FILE = ModelFileIo.MODEL_FILE;

    private final String uid;
    private final ModelScorer scorer;
    /** The estimator's params, which the model carries as MLlib's models carry theirs. */
    private final TrainingParams training;

    private final ColumnParams columns;

    MlpClassificationModel(String uid, byte[] modelFile) {
        this(PendingUid.hold(uid), modelFile);
    }

    private MlpClassificationModel(PendingUid held, byte[] modelFile) {
        this.uid = held.take();
        this.training = new TrainingParams(this, false);
        this.columns = ColumnParams.classifier(featuresCol(), predictionCol(), probabilityCol(), rawPredictionCol());
        this.scorer = ModelScorer.of(modelFile, uid, false);
    }

    static byte[] encode(Network net, Map<String, String> meta) {
        return ModelFile.encode(net, meta);
    }

    /**
     * Wraps a model file written by {@code mlp4j train --save} (or any mlp4j classifier's model file), for
     * use in Spark; its input scaling comes with it (grey levels for MNIST models, raw values for CSV ones).
     *
     * @param modelFile a local model file
     * @return the model
     * @throws InvalidInputException when the file is not a valid classifier's model file
     */
    public static MlpClassificationModel fromModelFile(java.nio.file.Path modelFile) {
        return new MlpClassificationModel(PendingUid.fresh(), ModelScorer.readModelFile(modelFile));
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.during();
    }

    @Override
    public Param<?>[] params() {
        return TrainingParams.params(
                training,
                featuresCol(),
                labelCol(),
                predictionCol(),
                probabilityCol(),
                rawPredictionCol(),
                thresholds());
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
    public int numClasses() {
        return scorer.model().outputSize();
    }

    @Override
    public int numFeatures() {
        return scorer.model().inputSize();
    }

    /**
     * The margins for one example: the output layer's weighted inputs (see the class comment).
     *
     * @param features the example's features, raw (the model's input scaling is applied here)
     * @return one margin per class
     */
    @Override
    public Vector predictRaw(Vector features) {
        return scorer.margins(features);
    }

    /** The output activation of the margins (in place), normalised to sum to 1. */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        DenseVector dense = (DenseVector) rawPrediction;
        double[] p = ModelScorer.normalised(scorer.model().activate(dense.values()));
        System.arraycopy(p, 0, dense.values(), 0, p.length);
        return dense;
    }

    /**
     * The class of the largest output without thresholds (the largest margin is the largest output for
     * mlp4j's increasing output activations, but a ReLU's outputs tie at 0), MLlib's rule with them.
     */
    @Override
    public double raw2prediction(Vector rawPrediction) {
        if (isDefined(thresholds())) {
            return super.raw2prediction(rawPrediction);
        }
        return Vectors.dense(scorer.model().activate(rawPrediction.toArray())).argmax();
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

    /** Accepts the findSummaryModel of both MLlib superclasses (Scala narrows its return type). */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public MlpClassificationModel copy(ParamMap extra) {
        MlpClassificationModel copy = new MlpClassificationModel(uid(), scorer.bytes);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelFileIo.Writer(this, scorer.bytes);
    }

    /**
     * The reader of saved models (Spark calls it by reflection when it loads a pipeline).
     *
     * @return a reader
     */
    public static MLReader<MlpClassificationModel> read() {
        return new ModelFileIo.Reader<>(MlpClassificationModel.class, MlpClassificationModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path the saved model's folder
     * @return the model
     */
    public static MlpClassificationModel load(String path) {
        return read().load(path);
    }
}
