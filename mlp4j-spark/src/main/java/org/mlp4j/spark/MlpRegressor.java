package org.mlp4j.spark;

import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.io.ModelFile;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;

/**
 * A multilayer perceptron that learns a real-valued target on Spark, which MLlib itself does not have:
 * an {@link org.apache.spark.ml.Estimator} with the columns of MLlib's regressors ({@code featuresCol},
 * {@code labelCol}: the target, any finite number; {@code predictionCol}) and every mlp4j recipe key as a
 * parameter, trained as {@link MlpClassifier} is (synchronous local SGD with periodic averaging).
 *
 * <pre>{@code
 * MlpRegressor mlp = new MlpRegressor().setRecipe("tabular").setNumWorkers(2);
 * MlpRegressionModel model = mlp.fit(train);                   // features: vector; label: a number
 * model.transform(test).select("label", "prediction").show();  // predictions in the label's units
 * }</pre>
 *
 * <p>The output layer is linear and the cost quadratic unless set ({@code cost} {@code huber} is the other
 * choice); the target is standardised with its mean and deviation over the rows for training, and the
 * model keeps them, so its predictions are in the label's units.
 */
public final class MlpRegressor extends MlpEstimator<MlpRegressor, MlpRegressionModel> {
    private static final long serialVersionUID = 1L;

    /** An estimator with a fresh uid and the defaults: the recipe "default", one worker per task slot. */
    public MlpRegressor() {
        this(newUid());
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this).
     *
     * @param uid the uid
     */
    public MlpRegressor(String uid) {
        super(uid, true);
        recipe.regressionDefaults(this);
    }

    @Override
    public MlpRegressionModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        DistributedTrainer.Result r = train(dataset, recipe());
        Map<String, String> meta = modelMetadata(r);
        meta.put("task", ModelFile.REGRESSION);
        meta.put("target_names", getOrDefault(columns.labelCol));
        byte[] file = ModelFile.encode(
                r.network(),
                meta,
                Map.of(
                        "target.mean", r.targetScaling().mean(),
                        "target.std", r.targetScaling().std()));
        return copyValues(new MlpRegressionModel(uid(), file), extractParamMap())
                .setParent(this);
    }

    @Override
    Recipe recipe() {
        return super.recipe().with(Hyperparameter.TASK, "regression");
    }

    @Override
    public StructType transformSchema(StructType schema) {
        InputCheck.columns(schema, getOrDefault(columns.featuresCol), getOrDefault(columns.labelCol), true);
        return columns.outputSchema(this, schema);
    }

    @Override
    public MlpRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * The reader of saved estimators (Spark calls it by reflection when it loads a pipeline).
     *
     * @return a reader
     */
    public static MLReader<MlpRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved estimator.
     *
     * @param path where it was saved
     * @return the estimator
     */
    public static MlpRegressor load(String path) {
        return read().load(path);
    }
}
