package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;

/**
 * Issue 23, the MLlib API: weightCol. Each row's weight reaches the engine (one worker trains exactly as
 * one machine with the same weights), OneVsRest passes its weights on, and bad weights are refused before
 * training.
 */
class WeightColTest {
    private static Dataset<Row> weighted(float[][] x, int[] y, float[] w, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x[i].length];
            for (int k = 0; k < d.length; k++) {
                d[k] = x[i][k];
            }
            rows.add(RowFactory.create(Vectors.dense(d), (double) y[i], (double) w[i]));
        }
        return SparkTests.spark()
                .createDataFrame(
                        SparkTests.jsc().parallelize(rows, partitions),
                        SparkTests.VECTOR_SCHEMA.add("w", DataTypes.DoubleType, true));
    }

    private static float[] weights(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (3 * rng.nextDouble());
        }
        return w;
    }

    @Test
    void oneWorkerTrainsWithTheWeightsExactlyAsOneMachine() {
        int n = 300;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 8, 3, 12, y);
        float[] w = weights(n, 3);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "8,16,3")
                .with("epochs", 2)
                .with("batch-size", 32)
                .with("validation-split", 30)
                .with("seed", 5L);
        DistributedTrainer.Result spark = DistributedTrainer.train(
                weighted(x, y, w, 1),
                "features",
                "label",
                "w",
                recipe,
                false,
                Distribution.defaults().withWorkers(1).withRoundsPerEpoch(2),
                null,
                Checkpointing.NONE);
        TrainingPlan plan = recipe.plan(n, 0);
        Rng rng = new Rng(plan.seed());
        Network alone = plan.network(rng);
        Network unweighted = alone.copy();
        plan.fit(alone, TabularDataset.of(x, y, 3).withWeights(w), 1, rng, null);
        assertThat(spark.network().sameParameters(alone))
                .as("weighted, bit for bit")
                .isTrue();
        plan.fit(unweighted, TabularDataset.of(x, y, 3), 1, new Rng(plan.seed()), null);
        assertThat(spark.network().sameParameters(unweighted))
                .as("the weights mattered")
                .isFalse();
    }

    @Test
    void oneVsRestPassesItsWeightsToEachBinaryMlp() {
        int n = 240;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 4, 3, 13, y);
        Dataset<Row> data = weighted(x, y, weights(n, 4), 2);
        MlpClassifier binary = new MlpClassifier()
                .setRecipe("default")
                .setLayers(4, 12, 2)
                .setEpochs(4)
                .setRecipeValue("batch-size", 16)
                .setRecipeValue("validation-split", "0")
                .setSeed(3);
        OneVsRestModel ovr =
                new OneVsRest().setClassifier(binary).setWeightCol("w").fit(data);
        assertThat(ovr.models()).hasSize(3);
        for (var m : ovr.models()) {
            MlpClassifier parent = (MlpClassifier) ((MlpClassificationModel) m).parent();
            assertThat(parent.getWeightCol()).as("the copy that trained it").isEqualTo("w");
        }
    }

    @Test
    void badWeightsAreRefusedBeforeTrainingNamingTheColumn() {
        int n = 60;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 4, 2, 14, y);
        float[] w = weights(n, 5);
        MlpClassifier mlp = new MlpClassifier()
                .setRecipe("default")
                .setLayers(4, 8, 2)
                .setEpochs(1)
                .setRecipeValue("validation-split", "0")
                .setWeightCol("w");
        w[7] = -1;
        assertThatThrownBy(() -> mlp.fit(weighted(x, y, w, 2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column w: expected a weight, a finite number 0 or more, in every row, found -1.0 (1 row)");
        w[40] = Float.NaN; // in the second partition: counted, the first in partition order named
        assertThatThrownBy(() -> mlp.fit(weighted(x, y, w, 2)))
                .hasMessage(
                        "column w: expected a weight, a finite number 0 or more, in every row, found -1.0 (2 rows)");
        w[7] = 1;
        w[40] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> mlp.fit(weighted(x, y, w, 2)))
                .hasMessage(
                        "column w: expected a weight, a finite number 0 or more, in every row, found Infinity (1 row)");
        java.util.Arrays.fill(w, 0f);
        assertThatThrownBy(() -> mlp.fit(weighted(x, y, w, 2)))
                .hasMessage("column w: expected some weights above 0, found all 0");
        assertThatThrownBy(() -> mlp.copy(new org.apache.spark.ml.param.ParamMap())
                        .setWeightCol("weight")
                        .fit(weighted(x, y, weights(n, 5), 2)))
                .hasMessageStartingWith("column weight: not in the data; found columns features, label, w");
    }
}
