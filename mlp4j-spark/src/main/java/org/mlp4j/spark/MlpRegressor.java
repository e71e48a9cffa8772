package org.mlp4j.spark;

import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.io.ModelFile;
import org.mlp4j.recipe.Hyperparameter;

/**
 * A multilayer perceptron that learns a real-valued target on Spark, which MLlib itself does not have:
 * one of MLlib's {@link Regressor}s, with their columns ({@code featuresCol},
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
public final class MlpRegressor extends Regressor<Vector, MlpRegressor, MlpRegressionModel>
        implements MlpParams<MlpRegressor>, HasWeightCol, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainingParams training;
    private final ColumnParams columns;
    /** MLlib's weightCol (this class is a HasWeightCol, so OneVsRest passes its weights on). */
    private final Param<String> weightCol;

    /** An estimator with a fresh uid and the defaults: the recipe "default", one worker per task slot. */
    public MlpRegressor() {
        this(PendingUid.fresh());
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this).
     *
     * @param uid the uid
     */
    public MlpRegressor(String uid) {
        this(PendingUid.hold(uid));
    }

    private MlpRegressor(PendingUid held) {
        this.uid = held.take();
        this.training = new TrainingParams(this, true);
        this.weightCol = TrainingParams.weightCol(this);
        this.columns = ColumnParams.regression(featuresCol(), predictionCol());
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.during();
    }

    @Override
    public Param<?>[] params() {
        return TrainingParams.params(training, featuresCol(), labelCol(), predictionCol(), weightCol);
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

    /** Trains on the target and features ({@code fit} has checked the schema and made the label a double). */
    @Override
    public MlpRegressionModel train(Dataset<?> dataset) {
        DistributedTrainer.Result r = training.train(
                this, dataset, getFeaturesCol(), getLabelCol(), TrainingParams.weightColumn(this, weightCol), recipe());
        Map<String, String> meta = training.modelMetadata(this, r);
        meta.put("task", ModelFile.REGRESSION);
        meta.put("target_names", getLabelCol());
        byte[] file = ModelFile.encode(
                r.network(),
                meta,
                Map.of(
                        "target.mean", r.targetScaling().mean(),
                        "target.std", r.targetScaling().std()));
        return new MlpRegressionModel(uid(), file);
    }

    /** The recipe the params make, for a regression. */
    org.mlp4j.recipe.Recipe recipe() {
        return training.recipe(this).with(Hyperparameter.TASK, "regression");
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
    public MlpRegressor setWeightCol(String column) {
        set(weightCol, column);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        InputCheck.columns(schema, getFeaturesCol(), getLabelCol(), true);
        InputCheck.weightColumn(schema, TrainingParams.weightColumn(this, weightCol));
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
