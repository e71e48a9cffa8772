package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.mlp4j.recipe.Recipe;

/**
 * What mlp4j's estimators share, as MLlib's {@code Predictor} is what its predictors share: the columns,
 * every recipe key as a typed parameter, and how the training is spread over the workers
 * ({@link Distribution}). {@link MlpClassifier} learns classes, {@link MlpRegressor} real values.
 *
 * @param <S> the estimator itself (its setters return it)
 * @param <M> the model it trains
 */
public abstract class MlpEstimator<S extends MlpEstimator<S, M>, M extends org.apache.spark.ml.Model<M>>
        extends Estimator<M> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    /** The columns, as MLlib names them. */
    final ColumnParams columns;

    final RecipeParams recipe;
    /** Workers, rounds, the learning-rate rule, threads and the input scaling. */
    final DistributionParams training;

    /** A fresh uid for a new estimator. */
    static String newUid() {
        return Identifiable$.MODULE$.randomUID("mlp4j");
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this) and the defaults: the recipe
     * "default", one worker per task slot.
     *
     * @param uid        the uid
     * @param regression whether it learns a target (its columns are a regressor's)
     */
    MlpEstimator(String uid, boolean regression) {
        this.uid = uid;
        this.columns = new ColumnParams(this, regression);
        this.recipe = new RecipeParams(this);
        this.training = new DistributionParams(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public org.apache.spark.ml.param.Param<?>[] params() {
        List<Param<?>> all = new ArrayList<>(columns.all());
        all.addAll(recipe.all());
        all.addAll(training.all());
        return all.toArray(Param<?>[]::new);
    }

    /**
     * A parameter by its name; a misspelt name is refused with the closest one, as the recipe and the
     * command line refuse it.
     *
     * @param paramName a parameter's name, such as {@code dropout}
     * @return the parameter
     * @throws IllegalArgumentException for a name this estimator does not have
     */
    @Override
    @SuppressWarnings("unchecked")
    public Param<Object> getParam(String paramName) {
        for (Param<?> p : params()) {
            if (p.name().equals(paramName)) {
                return (Param<Object>) p;
            }
        }
        throw RecipeParams.unknown(paramName, params(), getClass().getSimpleName());
    }

    /**
     * The parameter of a recipe key, by the key's name ({@code "lr"}, {@code "batch-size"}) or Spark's
     * ({@code "batchSize"}), for a {@code ParamGridBuilder}: {@code addGrid((DoubleParam)
     * mlp.recipeParam("lr"), new double[] {0.05, 0.1})}.
     *
     * @param key a recipe key
     * @return its parameter
     */
    public Param<?> recipeParam(String key) {
        Param<?> p = recipe.byKey.get(key);
        return p != null ? p : getParam(key);
    }

    /**
     * @return the learning rate's parameter
     */
    public DoubleParam lr() {
        return (DoubleParam) recipe.byKey.get("lr");
    }

    /**
     * @return the epochs' parameter
     */
    public IntParam epochs() {
        return (IntParam) recipe.byKey.get("epochs");
    }

    /**
     * @return the layer sizes' parameter
     */
    public IntArrayParam layers() {
        return (IntArrayParam) recipe.byKey.get("layers");
    }

    /**
     * @return the hidden dropout's parameter
     */
    public DoubleParam dropout() {
        return (DoubleParam) recipe.byKey.get("dropout");
    }

    /**
     * @return the seed's parameter
     */
    public LongParam seed() {
        return (LongParam) recipe.byKey.get("seed");
    }

    /**
     * Sets the named recipe or recipe file the other parameters go on top of.
     *
     * @param nameOrFile a recipe name or a JSON/YAML file
     * @return this
     */
    public S setRecipe(String nameOrFile) {
        set(recipe.recipe, nameOrFile);
        return self();
    }

    /**
     * Sets a recipe key, by its name or Spark's: {@code set("dropout", 0.2)}.
     *
     * @param key   a recipe key
     * @param value its value, of the parameter's type
     * @return this
     */
    @SuppressWarnings("unchecked")
    public S setRecipeValue(String key, Object value) {
        set((Param<Object>) recipeParam(key), value);
        return self();
    }

    /**
     * @param sizes layer sizes, input first
     * @return this
     */
    public S setLayers(int... sizes) {
        set(layers(), sizes);
        return self();
    }

    /**
     * @param n epochs
     * @return this
     */
    public S setEpochs(int n) {
        set(epochs(), n);
        return self();
    }

    /**
     * @param rate the (peak) learning rate, before scaling for the workers
     * @return this
     */
    public S setLr(double rate) {
        set(lr(), rate);
        return self();
    }

    /**
     * @param seed the random seed
     * @return this
     */
    public S setSeed(long seed) {
        set(seed(), seed);
        return self();
    }

    /**
     * @param n partitions that train (0: the executors' task slots)
     * @return this
     */
    public S setNumWorkers(int n) {
        set(training.numWorkers, n);
        return self();
    }

    /**
     * @param n averagings per epoch
     * @return this
     */
    public S setRoundsPerEpoch(int n) {
        set(training.roundsPerEpoch, n);
        return self();
    }

    /**
     * @param rule auto, linear, sqrt or none
     * @return this
     */
    public S setLrScaling(String rule) {
        set(training.lrScaling, rule);
        return self();
    }

    /**
     * @param location where the driver writes its checkpoint (a path or Hadoop URI); a fit that finds a
     *     checkpoint of the same job there continues from it
     * @return this
     */
    public S setCheckpointPath(String location) {
        set(training.checkpointPath, location);
        return self();
    }

    /**
     * @param rounds rounds (Spark jobs) between two checkpoints
     * @return this
     */
    public S setCheckpointInterval(int rounds) {
        set(training.checkpointInterval, rounds);
        return self();
    }

    /**
     * @param scaling none or pixel/255
     * @return this
     */
    public S setInputScaling(String scaling) {
        set(training.inputScaling, scaling);
        return self();
    }

    /**
     * @param col the features column
     * @return this
     */
    public S setFeaturesCol(String col) {
        set(columns.featuresCol, col);
        return self();
    }

    /**
     * @param col the label column
     * @return this
     */
    public S setLabelCol(String col) {
        set(columns.labelCol, col);
        return self();
    }

    /**
     * @param col the prediction column
     * @return this
     */
    public S setPredictionCol(String col) {
        set(columns.predictionCol, col);
        return self();
    }

    /** The recipe the parameters make (the named recipe or file, with every set parameter on top). */
    Recipe recipe() {
        return recipe.resolve(this);
    }

    Distribution distribution() {
        return training.distribution(this);
    }

    boolean pixelScale() {
        return training.pixelScale(this);
    }

    /** Trains on the DataFrame's features and label columns with {@code recipe}. */
    DistributedTrainer.Result train(org.apache.spark.sql.Dataset<?> dataset, Recipe recipe) {
        @SuppressWarnings("unchecked")
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows =
                (org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>) dataset.toDF();
        return DistributedTrainer.train(
                rows,
                getOrDefault(columns.featuresCol),
                getOrDefault(columns.labelCol),
                recipe,
                pixelScale(),
                distribution(),
                null,
                training.checkpointing(this));
    }

    /** What the trained model's file keeps: the recipe as planned, the seed, the input scaling, the workers. */
    java.util.Map<String, String> modelMetadata(DistributedTrainer.Result r) {
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("recipe", r.plan().recipe().toJson());
        meta.put("recipe_name", getOrDefault(recipe.recipe));
        meta.put("seed", Long.toString(r.plan().seed()));
        meta.put("dataset", "spark");
        meta.put("input_scaling", pixelScale() ? "pixel/255" : "none");
        meta.put("spark_workers", Integer.toString(r.workers()));
        return meta;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
