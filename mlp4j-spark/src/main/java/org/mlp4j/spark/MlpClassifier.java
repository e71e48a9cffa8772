package org.mlp4j.spark;

import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A multilayer perceptron trained by mlp4j on Spark: one of MLlib's probabilistic classifiers (columns
 * {@code featuresCol}, {@code labelCol}, {@code predictionCol}, {@code probabilityCol}, {@code
 * rawPredictionCol}, and {@code thresholds}; in a {@code Pipeline}, under {@code CrossValidator} or {@code
 * OneVsRest}, saved and loaded), with every mlp4j recipe key as a param ({@link MlpParams}).
 *
 * <pre>{@code
 * MlpClassifier mlp = new MlpClassifier().setRecipe("fast-98").setNumWorkers(2);
 * MlpClassificationModel model = mlp.fit(train);              // features: vector; label: 0 .. k - 1
 * model.transform(test).select("prediction", "probability").show();
 * }</pre>
 *
 * <p>Training is synchronous local SGD with periodic averaging ({@link Distribution}): each round every
 * partition takes a few minibatch steps with mlp4j's own engine on its cached shard, and the driver
 * averages the results. The same seed, data and partitioning give the same model, bit for bit.
 */
public final class MlpClassifier extends ProbabilisticClassifier<Vector, MlpClassifier, MlpClassificationModel>
        implements MlpParams<MlpClassifier>, HasWeightCol, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainingParams training;
    private final ColumnParams columns;
    /** MLlib's weightCol (this class is a HasWeightCol, so OneVsRest passes its weights on). */
    private final Param<String> weightCol;

    /** An estimator with a fresh uid and the defaults: the recipe "default", one worker per task slot. */
    public MlpClassifier() {
        this(PendingUid.fresh());
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this).
     *
     * @param uid the uid
     */
    public MlpClassifier(String uid) {
        this(PendingUid.hold(uid));
    }

    private MlpClassifier(PendingUid held) {
        this.uid = held.take();
        this.training = new TrainingParams(this, false);
        this.weightCol = TrainingParams.weightCol(this);
        this.columns = ColumnParams.classifier(featuresCol(), predictionCol(), probabilityCol(), rawPredictionCol());
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
                thresholds(),
                weightCol);
    }

    /**
     * A param by its name; a misspelt name is refused with the closest one.
     *
     * @param paramName a param's name, such as {@code dropout}
     * @return the param
     * @throws IllegalArgumentException for a name this estimator does not have
     */
    @Override
    public Param<Object> getParam(String paramName) {
        return TrainingParams.find(this, paramName);
    }

    /** Trains on the label and features ({@code fit} has checked the schema and made the label a double). */
    @Override
    public MlpClassificationModel train(Dataset<?> dataset) {
        DistributedTrainer.Result r = training.train(
                this, dataset, getFeaturesCol(), getLabelCol(), TrainingParams.weightColumn(this, weightCol), recipe());
        Map<String, String> meta = training.modelMetadata(this, r);
        // StringIndexer's labels, kept so the model answers with them (mlp4j predict, Model.classify)
        String[] names = InputCheck.classNamesInMetadata(dataset.schema().apply(getLabelCol()));
        if (names != null && names.length == r.network().outputSize()) {
            meta.put("class_names", String.join(",", names));
        }
        return new MlpClassificationModel(uid(), MlpClassificationModel.encode(r.network(), meta));
    }

    /** The recipe the params make (the named recipe or file, with every set param on top). */
    org.mlp4j.recipe.Recipe recipe() {
        return training.recipe(this);
    }

    /**
     * @return the weight column's param (MLlib's {@code weightCol})
     */
    @Override
    public Param<String> weightCol() {
        return weightCol;
    }

    /** MLlib's trait would set its own param here; this class declares it itself. */
    @Override
    public void org$apache$spark$ml$param$shared$HasWeightCol$_setter_$weightCol_$eq(Param<String> param) {
        // never called: Scala calls a trait's initializer from Scala classes only
    }

    /**
     * @param column the weight column: each row's weight in the cost, a finite number, 0 or more
     * @return this
     */
    public MlpClassifier setWeightCol(String column) {
        set(weightCol, column);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        InputCheck.columns(schema, getFeaturesCol(), getLabelCol());
        InputCheck.weightColumn(schema, TrainingParams.weightColumn(this, weightCol));
        return columns.outputSchema(this, schema);
    }

    @Override
    public MlpClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * The reader of saved estimators (Spark calls it by reflection when it loads a pipeline).
     *
     * @return a reader
     */
    public static MLReader<MlpClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved with {@code write().save(path)}.
     *
     * @param path the saved estimator's folder
     * @return the estimator
     */
    public static MlpClassifier load(String path) {
        return read().load(path);
    }
}
