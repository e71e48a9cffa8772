package org.mlp4j.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params mlp4j's estimators share, as MLlib's shared param traits are shared: every recipe key as a
 * typed param (named in Spark's camel case: {@code batch-size} is {@code batchSize}), the recipe they go on
 * top of, and how the training is spread over the workers ({@link Distribution}). {@link MlpClassifier}
 * and {@link MlpRegressor} implement it; their columns and outputs come from MLlib's own classes.
 *
 * @param <S> the estimator itself (its setters return it)
 */
public interface MlpParams<S extends MlpParams<S>> extends Params {
    /**
     * The param of a recipe key, by the key's name ({@code "lr"}, {@code "batch-size"}) or Spark's ({@code
     * "batchSize"}), for a {@code ParamGridBuilder}: {@code addGrid((DoubleParam) mlp.recipeParam("lr"), new
     * double[] {0.05, 0.1})}.
     *
     * @param key a recipe key
     * @return its param
     * @throws IllegalArgumentException for a key there is no param of, naming the closest
     */
    default Param<?> recipeParam(String key) {
        return getParam(RecipeParams.camel(key));
    }

    /**
     * @return the learning rate's param
     */
    default DoubleParam lr() {
        return (DoubleParam) recipeParam("lr");
    }

    /**
     * @return the epochs' param
     */
    default IntParam epochs() {
        return (IntParam) recipeParam("epochs");
    }

    /**
     * @return the layer sizes' param
     */
    default IntArrayParam layers() {
        return (IntArrayParam) recipeParam("layers");
    }

    /**
     * @return the hidden dropout's param
     */
    default DoubleParam dropout() {
        return (DoubleParam) recipeParam("dropout");
    }

    /**
     * @return the seed's param
     */
    default LongParam seed() {
        return (LongParam) recipeParam("seed");
    }

    /**
     * A recipe key's value: set, or the built-in value the table declares (what {@code explainParams}
     * shows); the named recipe's own values apply at {@code fit}, under the ones set.
     *
     * @param key a recipe key, by its name or Spark's
     * @return its value, of the param's type
     * @throws java.util.NoSuchElementException for a key that is neither set nor has a built-in value
     *     ({@code layers}, whose ends follow the data)
     */
    default Object getRecipeValue(String key) {
        return getOrDefault(recipeParam(key));
    }

    /**
     * @return the named recipe or recipe file the other params go on top of
     */
    default String getRecipe() {
        return (String) getOrDefault(getParam("recipe"));
    }

    /**
     * @return the layer sizes, input first
     * @throws java.util.NoSuchElementException when they were not set (they follow the data at {@code fit})
     */
    default int[] getLayers() {
        return (int[]) getOrDefault(layers());
    }

    /**
     * @return the epochs
     */
    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    /**
     * @return the (peak) learning rate, before scaling for the workers
     */
    default double getLr() {
        return (Double) getOrDefault(lr());
    }

    /**
     * @return the hidden layers' dropout
     */
    default double getDropout() {
        return (Double) getOrDefault(dropout());
    }

    /**
     * @return the random seed
     */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /**
     * @return the partitions that train (0: the executors' task slots)
     */
    default int getNumWorkers() {
        return (Integer) getOrDefault(getParam("numWorkers"));
    }

    /**
     * @return the averagings per epoch (0: auto)
     */
    default int getRoundsPerEpoch() {
        return (Integer) getOrDefault(getParam("roundsPerEpoch"));
    }

    /**
     * @return the learning-rate rule for the workers: auto, linear, sqrt or none
     */
    default String getLrScaling() {
        return (String) getOrDefault(getParam("lrScaling"));
    }

    /**
     * @return the threads each task trains with
     */
    default int getThreadsPerWorker() {
        return (Integer) getOrDefault(getParam("threadsPerWorker"));
    }

    /**
     * @return where the driver writes its checkpoint (empty: none)
     */
    default String getCheckpointPath() {
        return (String) getOrDefault(getParam("checkpointPath"));
    }

    /**
     * @return the rounds (Spark jobs) between two checkpoints
     */
    default int getCheckpointInterval() {
        return (Integer) getOrDefault(getParam("checkpointInterval"));
    }

    /**
     * @return the input scaling: none or pixel/255
     */
    default String getInputScaling() {
        return (String) getOrDefault(getParam("inputScaling"));
    }

    /**
     * Sets the named recipe or recipe file the other params go on top of.
     *
     * @param nameOrFile a recipe name or a JSON/YAML file
     * @return this
     */
    default S setRecipe(String nameOrFile) {
        return setValue("recipe", nameOrFile);
    }

    /**
     * Sets a recipe key, by its name or Spark's: {@code setRecipeValue("dropout", 0.2)}.
     *
     * @param key   a recipe key
     * @param value its value, of the param's type
     * @return this
     */
    default S setRecipeValue(String key, Object value) {
        return setValue(recipeParam(key).name(), value);
    }

    /**
     * @param sizes layer sizes, input first
     * @return this
     */
    default S setLayers(int... sizes) {
        return setValue("layers", sizes);
    }

    /**
     * @param n epochs
     * @return this
     */
    default S setEpochs(int n) {
        return setValue("epochs", n);
    }

    /**
     * @param rate the (peak) learning rate, before scaling for the workers
     * @return this
     */
    default S setLr(double rate) {
        return setValue("lr", rate);
    }

    /**
     * @param seed the random seed
     * @return this
     */
    default S setSeed(long seed) {
        return setValue("seed", seed);
    }

    /**
     * @param n partitions that train (0: the executors' task slots)
     * @return this
     */
    default S setNumWorkers(int n) {
        return setValue("numWorkers", n);
    }

    /**
     * @param n averagings per epoch (0: auto)
     * @return this
     */
    default S setRoundsPerEpoch(int n) {
        return setValue("roundsPerEpoch", n);
    }

    /**
     * @param rule auto, linear, sqrt or none
     * @return this
     */
    default S setLrScaling(String rule) {
        return setValue("lrScaling", rule);
    }

    /**
     * @param n threads each task trains with
     * @return this
     */
    default S setThreadsPerWorker(int n) {
        return setValue("threadsPerWorker", n);
    }

    /**
     * @param location where the driver writes its checkpoint (a path or Hadoop URI); a fit that finds a
     *     checkpoint of the same job there continues from it
     * @return this
     */
    default S setCheckpointPath(String location) {
        return setValue("checkpointPath", location);
    }

    /**
     * @param rounds rounds (Spark jobs) between two checkpoints
     * @return this
     */
    default S setCheckpointInterval(int rounds) {
        return setValue("checkpointInterval", rounds);
    }

    /**
     * @param scaling none or pixel/255
     * @return this
     */
    default S setInputScaling(String scaling) {
        return setValue("inputScaling", scaling);
    }

    /** Sets a param by its name, type-checked by Spark's {@code set}. */
    @SuppressWarnings("unchecked")
    private S setValue(String name, Object value) {
        set(getParam(name), value);
        return (S) this;
    }
}
