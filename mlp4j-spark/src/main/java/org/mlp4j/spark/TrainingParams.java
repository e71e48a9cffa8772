package org.mlp4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlp4j.recipe.Recipe;

/**
 * The params an estimator adds to MLlib's and its model carries: every recipe key ({@link RecipeParams})
 * and the distribution ({@link DistributionParams}), with what the estimators do with them: resolve the
 * recipe, train, and describe the training in the model file's metadata.
 */
final class TrainingParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final RecipeParams recipe;
    final DistributionParams distribution;

    /**
     * The params of {@code owner}; a regression's show its output and cost (identity, quadratic) as their
     * defaults.
     */
    TrainingParams(Params owner, boolean regression) {
        recipe = new RecipeParams(owner);
        distribution = new DistributionParams(owner);
        if (regression) {
            recipe.regressionDefaults(owner);
        }
    }

    /**
     * An owner's params: MLlib's (its columns, thresholds) and then {@code training}'s. While MLlib's
     * constructor runs, some of them do not exist yet (null, and {@code training} too); Spark asks for the
     * params then, to check the ones it is making.
     */
    static Param<?>[] params(TrainingParams training, Param<?>... mllib) {
        List<Param<?>> all = new ArrayList<>();
        for (Param<?> p : mllib) {
            if (p != null) {
                all.add(p);
            }
        }
        if (training != null) {
            all.add(training.recipe.recipe);
            all.addAll(training.recipe.byKey.values());
            all.addAll(training.distribution.all());
        }
        return all.toArray(Param<?>[]::new);
    }

    /**
     * A param by its name; a misspelt name is refused with the closest one, as the recipe and the command
     * line refuse it (Spark's own error says only "Param dropuot does not exist.").
     */
    @SuppressWarnings("unchecked")
    static Param<Object> find(Params owner, String name) {
        for (Param<?> p : owner.params()) {
            if (p.name().equals(name)) {
                return (Param<Object>) p;
            }
        }
        throw RecipeParams.unknown(name, owner.params(), owner.getClass().getSimpleName());
    }

    /** The recipe the params make (the named recipe or file, with every set param on top). */
    Recipe recipe(Params p) {
        return recipe.resolve(p);
    }

    /** MLlib's {@code weightCol}, for an estimator (its {@code HasWeightCol}): no default, as MLlib's. */
    static Param<String> weightCol(Params owner) {
        return new Param<>(
                owner,
                "weightCol",
                "weight column name: each row's weight in the cost, a finite number, 0 or more (not set or empty:"
                        + " every row weighs 1)");
    }

    /** The weight column an estimator's {@code weightCol} names, or null when it is not set or empty. */
    static String weightColumn(Params p, Param<String> weightCol) {
        return p.isDefined(weightCol) && !p.getOrDefault(weightCol).isEmpty() ? p.getOrDefault(weightCol) : null;
    }

    /** Trains on the DataFrame's features and label columns (and weights, when not null) with {@code plan}. */
    DistributedTrainer.Result train(
            Params p, Dataset<?> dataset, String featuresCol, String labelCol, String weightCol, Recipe plan) {
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
        return DistributedTrainer.train(
                rows,
                featuresCol,
                labelCol,
                weightCol,
                plan,
                distribution.pixelScale(p),
                distribution.distribution(p),
                null,
                distribution.checkpointing(p));
    }

    /** What the trained model's file keeps: the recipe as planned, the seed, the input scaling, the workers. */
    Map<String, String> modelMetadata(Params p, DistributedTrainer.Result r) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", r.plan().recipe().toJson());
        meta.put("recipe_name", p.getOrDefault(recipe.recipe));
        meta.put("seed", Long.toString(r.plan().seed()));
        meta.put("dataset", "spark");
        meta.put("input_scaling", distribution.pixelScale(p) ? "pixel/255" : "none");
        meta.put("spark_workers", Integer.toString(r.workers()));
        return meta;
    }
}
