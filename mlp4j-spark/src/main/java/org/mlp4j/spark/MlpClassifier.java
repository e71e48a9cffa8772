package org.mlp4j.spark;

import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A multilayer perceptron trained by mlp4j on Spark: a Spark ML {@link Estimator} that works as MLlib's
 * classifiers do (columns {@code featuresCol}, {@code labelCol}, {@code predictionCol}, {@code
 * probabilityCol}, {@code rawPredictionCol}; in a {@code Pipeline}, under {@code CrossValidator}, saved and
 * loaded), with every mlp4j recipe key as a parameter.
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
public final class MlpClassifier extends MlpEstimator<MlpClassifier, MlpClassificationModel> {
    private static final long serialVersionUID = 1L;

    /** An estimator with a fresh uid and the defaults: the recipe "default", one worker per task slot. */
    public MlpClassifier() {
        this(newUid());
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this).
     *
     * @param uid the uid
     */
    public MlpClassifier(String uid) {
        super(uid, false);
    }

    @Override
    public MlpClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        DistributedTrainer.Result r = train(dataset, recipe());
        Map<String, String> meta = modelMetadata(r);
        // StringIndexer's labels, kept so the model answers with them (mlp4j predict, Model.classify)
        String[] names = InputCheck.classNamesInMetadata(dataset.schema().apply(getOrDefault(columns.labelCol)));
        if (names != null && names.length == r.network().outputSize()) {
            meta.put("class_names", String.join(",", names));
        }
        MlpClassificationModel model =
                new MlpClassificationModel(uid(), MlpClassificationModel.encode(r.network(), meta));
        return copyValues(model, extractParamMap()).setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        InputCheck.columns(schema, getOrDefault(columns.featuresCol), getOrDefault(columns.labelCol));
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
