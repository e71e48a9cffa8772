package org.mlp4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;

/**
 * A trained mlp4j network as a Spark ML model: {@link #transform} adds the raw prediction (the output
 * layer's values), the probability (those values normalised to sum to 1) and the prediction (the index
 * of the largest). It holds an ordinary mlp4j model file: {@code write().save(path)} puts it in
 * {@code path/model.safetensors}, where {@code org.mlp4j.Model.load} reads it in plain Java, and
 * {@link #fromModelFile} wraps a model trained by {@code mlp4j train}.
 */
public final class MlpClassificationModel extends MlpModel<MlpClassificationModel> {
    private static final long serialVersionUID = 1L;
    /** The model file's name inside a saved model's folder. */
    public static final String MODEL_FILE = ModelFileIo.MODEL_FILE;

    MlpClassificationModel(String uid, byte[] modelFile) {
        super(uid, modelFile, false);
    }

    static byte[] encode(Network net, Map<String, String> meta) {
        return ModelFile.encode(net, meta);
    }

    /**
     * Wraps a model file written by {@code mlp4j train --save} (or any mlp4j model file), for use in
     * Spark; its input scaling comes with it (grey levels for MNIST models, raw values for CSV ones).
     *
     * @param modelFile a local model file
     * @return the model
     * @throws InvalidInputException when the file is not a valid model file
     */
    public static MlpClassificationModel fromModelFile(java.nio.file.Path modelFile) {
        return new MlpClassificationModel(MlpEstimator.newUid(), readModelFile(modelFile));
    }

    /**
     * @return the number of classes (outputs)
     */
    public int numClasses() {
        return scorer.model().outputSize();
    }

    /**
     * @param c the probability column ("" for none)
     * @return this
     */
    public MlpClassificationModel setProbabilityCol(String c) {
        set(columns.probabilityCol, c);
        return this;
    }

    /**
     * @param c the raw prediction column ("" for none)
     * @return this
     */
    public MlpClassificationModel setRawPredictionCol(String c) {
        set(columns.rawPredictionCol, c);
        return this;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        ModelScorer s = scorer;
        String raw = getOrDefault(columns.rawPredictionCol);
        String rawCol = raw.isEmpty() ? "_mlp4j_raw" : raw;
        UserDefinedFunction outputs = udf((UDF1<Object, Vector>) f -> s.outputs(f), new VectorUDT());
        UserDefinedFunction normalised = udf((UDF1<Vector, Vector>) ModelScorer::normalised, new VectorUDT());
        UserDefinedFunction argmax = udf((UDF1<Vector, Double>) v -> (double) v.argmax(), DataTypes.DoubleType);
        Dataset<Row> out = dataset.toDF().withColumn(rawCol, outputs.apply(col(getOrDefault(columns.featuresCol))));
        String probability = getOrDefault(columns.probabilityCol);
        if (!probability.isEmpty()) {
            out = out.withColumn(probability, normalised.apply(col(rawCol)));
        }
        String prediction = getOrDefault(columns.predictionCol);
        if (!prediction.isEmpty()) {
            out = out.withColumn(prediction, argmax.apply(col(rawCol)), predictionMetadata());
        }
        return raw.isEmpty() ? out.drop(rawCol) : out;
    }

    @Override
    public MlpClassificationModel copy(ParamMap extra) {
        MlpClassificationModel copy = new MlpClassificationModel(uid(), scorer.bytes);
        return copyValues(copy, extra).setParent(parent());
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
