package org.mlp4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;

/**
 * What mlp4j's Spark models share: an ordinary mlp4j model file inside (saved as {@code
 * path/model.safetensors}, read in plain Java by {@code org.mlp4j.Model.load}), its columns, and its
 * scoring on the executors. {@link MlpClassificationModel} answers classes, {@link MlpRegressionModel}
 * values.
 *
 * @param <M> the model itself (its setters return it)
 */
public abstract class MlpModel<M extends MlpModel<M>> extends org.apache.spark.ml.Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    /** The columns, as MLlib names them. */
    final ColumnParams columns;
    /** The model file, and its model decoded once per JVM. */
    final ModelScorer scorer;
    /** The estimator's recipe params, which the model carries as MLlib's models carry theirs. */
    final RecipeParams recipe;
    /** The estimator's distribution params, carried likewise. */
    final DistributionParams training;

    MlpModel(String uid, byte[] modelFile, boolean regression) {
        this.uid = uid;
        this.columns = new ColumnParams(this, regression);
        this.recipe = new RecipeParams(this);
        this.training = new DistributionParams(this);
        if (regression) {
            recipe.regressionDefaults(this);
        }
        this.scorer = new ModelScorer(modelFile, uid);
        Model m = scorer.model(); // checked now, on the driver, rather than on an executor
        if (m.isRegression() != regression) {
            throw new InvalidInputException("model " + uid + ": expected a "
                    + (regression ? "regression" : "classification") + " model, found a "
                    + (m.isRegression() ? "regression of " + String.join(", ", m.targetNames()) : "classifier")
                    + " (" + (m.isRegression() ? "MlpRegressionModel" : "MlpClassificationModel") + " takes it)");
        }
    }

    /** A local model file's bytes; a missing file is named. */
    static byte[] readModelFile(java.nio.file.Path modelFile) {
        try {
            return Files.readAllBytes(modelFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(modelFile + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(modelFile + ": cannot read", e);
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        java.util.List<Param<?>> all = new java.util.ArrayList<>(columns.all());
        all.addAll(recipe.all());
        all.addAll(training.all());
        return all.toArray(Param<?>[]::new);
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

    /**
     * @return the number of features (inputs)
     */
    public int numFeatures() {
        return scorer.model().inputSize();
    }

    /**
     * @param c the features column
     * @return this
     */
    public M setFeaturesCol(String c) {
        set(columns.featuresCol, c);
        return self();
    }

    /**
     * @param c the prediction column
     * @return this
     */
    public M setPredictionCol(String c) {
        set(columns.predictionCol, c);
        return self();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.outputSchema(this, schema, predictionMetadata());
    }

    /** The prediction column's metadata: a classifier's classes (by name), nothing for a regression. */
    org.apache.spark.sql.types.Metadata predictionMetadata() {
        Model m = scorer.model();
        if (m.isRegression()) {
            return org.apache.spark.sql.types.Metadata.empty();
        }
        return org.apache.spark.ml.attribute.NominalAttribute.defaultAttr()
                .withName(getOrDefault(columns.predictionCol))
                .withValues(m.classNames().toArray(String[]::new))
                .toMetadata();
    }

    @Override
    public MLWriter write() {
        return new ModelFileIo.Writer(this, scorer.bytes);
    }

    @SuppressWarnings("unchecked")
    final M self() {
        return (M) this;
    }
}
