package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.recipe.Recipe;

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
public final class MlpClassifier extends Estimator<MlpClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ColumnParams columns;
    private final RecipeParams recipe;
    private final IntParam numWorkers;
    private final IntParam roundsPerEpoch;
    private final Param<String> lrScaling;
    private final IntParam threadsPerWorker;
    private final Param<String> inputScaling;

    /** An estimator with a fresh uid and the defaults: the recipe "default", one worker per task slot. */
    public MlpClassifier() {
        this(Identifiable$.MODULE$.randomUID("mlp4j"));
    }

    /**
     * An estimator with the given uid (Spark's copies and loads use this).
     *
     * @param uid the uid
     */
    public MlpClassifier(String uid) {
        this.uid = uid;
        this.columns = new ColumnParams(this);
        this.recipe = new RecipeParams(this);
        Distribution d = Distribution.defaults();
        numWorkers = new IntParam(
                this,
                "numWorkers",
                "partitions that train, one task each per round (0: Spark's default parallelism, the"
                        + " executors' task slots); the rows are spread evenly over them");
        roundsPerEpoch = new IntParam(
                this,
                "roundsPerEpoch",
                "averagings per epoch; each round takes" + " 1/roundsPerEpoch of an epoch's minibatch steps");
        lrScaling = new Param<>(
                this,
                "lrScaling",
                "linear: the learning rate times the workers (see Distribution);" + " none: as the recipe says");
        threadsPerWorker = new IntParam(this, "threadsPerWorker", "threads each task trains with");
        inputScaling = new Param<>(
                this,
                "inputScaling",
                "none: features as they are; pixel/255: grey levels 0 to"
                        + " 255, divided by 255 as mlp4j does for MNIST (saved with the model)");
        setDefault(numWorkers, d.workers());
        setDefault(roundsPerEpoch, d.roundsPerEpoch());
        setDefault(lrScaling, "linear");
        setDefault(threadsPerWorker, d.threadsPerWorker());
        setDefault(inputScaling, "none");
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public org.apache.spark.ml.param.Param<?>[] params() {
        List<Param<?>> all = new ArrayList<>(columns.all());
        all.addAll(recipe.all());
        all.addAll(List.of(numWorkers, roundsPerEpoch, lrScaling, threadsPerWorker, inputScaling));
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
        throw RecipeParams.unknown(paramName, params(), "MlpClassifier");
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
    public MlpClassifier setRecipe(String nameOrFile) {
        set(recipe.recipe, nameOrFile);
        return this;
    }

    /**
     * Sets a recipe key, by its name or Spark's: {@code set("dropout", 0.2)}.
     *
     * @param key   a recipe key
     * @param value its value, of the parameter's type
     * @return this
     */
    @SuppressWarnings("unchecked")
    public MlpClassifier setRecipeValue(String key, Object value) {
        set((Param<Object>) recipeParam(key), value);
        return this;
    }

    /**
     * @param sizes layer sizes, input first
     * @return this
     */
    public MlpClassifier setLayers(int... sizes) {
        set(layers(), sizes);
        return this;
    }

    /**
     * @param n epochs
     * @return this
     */
    public MlpClassifier setEpochs(int n) {
        set(epochs(), n);
        return this;
    }

    /**
     * @param rate the (peak) learning rate, before scaling for the workers
     * @return this
     */
    public MlpClassifier setLr(double rate) {
        set(lr(), rate);
        return this;
    }

    /**
     * @param seed the random seed
     * @return this
     */
    public MlpClassifier setSeed(long seed) {
        set(seed(), seed);
        return this;
    }

    /**
     * @param n partitions that train (0: the executors' task slots)
     * @return this
     */
    public MlpClassifier setNumWorkers(int n) {
        set(numWorkers, n);
        return this;
    }

    /**
     * @param n averagings per epoch
     * @return this
     */
    public MlpClassifier setRoundsPerEpoch(int n) {
        set(roundsPerEpoch, n);
        return this;
    }

    /**
     * @param rule linear or none
     * @return this
     */
    public MlpClassifier setLrScaling(String rule) {
        set(lrScaling, rule);
        return this;
    }

    /**
     * @param scaling none or pixel/255
     * @return this
     */
    public MlpClassifier setInputScaling(String scaling) {
        set(inputScaling, scaling);
        return this;
    }

    /**
     * @param col the features column
     * @return this
     */
    public MlpClassifier setFeaturesCol(String col) {
        set(columns.featuresCol, col);
        return this;
    }

    /**
     * @param col the label column
     * @return this
     */
    public MlpClassifier setLabelCol(String col) {
        set(columns.labelCol, col);
        return this;
    }

    /**
     * @param col the prediction column
     * @return this
     */
    public MlpClassifier setPredictionCol(String col) {
        set(columns.predictionCol, col);
        return this;
    }

    /** The recipe the parameters make (the named recipe or file, with every set parameter on top). */
    Recipe recipe() {
        return recipe.resolve(this);
    }

    Distribution distribution() {
        return new Distribution(
                (Integer) getOrDefault(numWorkers),
                (Integer) getOrDefault(roundsPerEpoch),
                Distribution.LrScaling.parse(getOrDefault(lrScaling), "lrScaling"),
                (Integer) getOrDefault(threadsPerWorker));
    }

    boolean pixelScale() {
        String s = getOrDefault(inputScaling).trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("none") && !s.equals("pixel/255")) {
            throw new org.mlp4j.InvalidInputException(
                    "inputScaling", "inputScaling: expected none or pixel/255, found '" + s + "'");
        }
        return s.equals("pixel/255");
    }

    @Override
    public MlpClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
        DistributedTrainer.Result r = DistributedTrainer.train(
                rows,
                getOrDefault(columns.featuresCol),
                getOrDefault(columns.labelCol),
                recipe(),
                pixelScale(),
                distribution(),
                null);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", r.plan().recipe().toJson());
        meta.put("recipe_name", getOrDefault(recipe.recipe));
        meta.put("seed", Long.toString(r.plan().seed()));
        meta.put("dataset", "spark");
        meta.put("input_scaling", pixelScale() ? "pixel/255" : "none");
        meta.put("spark_workers", Integer.toString(r.workers()));
        MlpClassificationModel model =
                new MlpClassificationModel(uid, MlpClassificationModel.encode(r.network(), meta));
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
