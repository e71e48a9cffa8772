package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, the MLlib API: mlp4j's estimators are MLlib's own kinds (a probabilistic classifier, a
 * regressor), so what MLlib builds on those kinds works with them: OneVsRest, thresholds, margins as the raw
 * prediction, the params a fitted model carries.
 */
class MllibConventionsTest {
    private static MlpClassifier small(int classes) {
        return new MlpClassifier()
                .setRecipe("default")
                .setLayers(4, 12, classes)
                .setEpochs(6)
                .setRecipeValue("batch-size", 16)
                .setRecipeValue("validation-split", "0")
                .setLr(0.05)
                .setSeed(3);
    }

    private static Dataset<Row> blobs(int n, int classes, long seed) {
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 4, classes, seed, y);
        return SparkTests.frame(x, y, 2);
    }

    @Test
    void theyAreMllibsKindsOfEstimatorAndModel() {
        assertThat(new MlpClassifier()).isInstanceOf(ProbabilisticClassifier.class);
        assertThat(new MlpRegressor()).isInstanceOf(Regressor.class);
        MlpClassificationModel m = small(3).fit(blobs(90, 3, 1));
        assertThat(m).isInstanceOf(ProbabilisticClassificationModel.class);
        assertThat(m.numClasses()).isEqualTo(3);
        assertThat(m.numFeatures()).isEqualTo(4);
        // the fitted model carries the estimator's params, MLlib's and mlp4j's
        assertThat(m.getOrDefault(m.getParam("epochs"))).isEqualTo(6);
        assertThat(m.getOrDefault(m.getParam("lr"))).isEqualTo(0.05);
        assertThat(m.parent()).isInstanceOf(MlpClassifier.class);
        List<String> names = java.util.Arrays.stream(new MlpClassifier().params())
                .map(Param::name)
                .toList();
        assertThat(names).contains("thresholds", "rawPredictionCol", "probabilityCol", "lr", "numWorkers");
        MlpClassifier fresh = new MlpClassifier();
        assertThat(fresh.explainParam(fresh.thresholds())).contains("thresholds");
    }

    @Test
    void everyParamHasAGetterAsMllibsDo() {
        MlpClassifier mlp = new MlpClassifier()
                .setLr(0.05)
                .setEpochs(7)
                .setLayers(4, 12, 3)
                .setSeed(9)
                .setNumWorkers(3)
                .setRoundsPerEpoch(5)
                .setLrScaling("sqrt")
                .setThreadsPerWorker(2)
                .setCheckpointPath("/tmp/x")
                .setCheckpointInterval(4)
                .setInputScaling("pixel/255")
                .setRecipe("tabular")
                .setRecipeValue("batch-size", 32);
        assertThat(mlp.getLr()).isEqualTo(0.05);
        assertThat(mlp.getEpochs()).isEqualTo(7);
        assertThat(mlp.getLayers()).containsExactly(4, 12, 3);
        assertThat(mlp.getSeed()).isEqualTo(9L);
        assertThat(mlp.getNumWorkers()).isEqualTo(3);
        assertThat(mlp.getRoundsPerEpoch()).isEqualTo(5);
        assertThat(mlp.getLrScaling()).isEqualTo("sqrt");
        assertThat(mlp.getThreadsPerWorker()).isEqualTo(2);
        assertThat(mlp.getCheckpointPath()).isEqualTo("/tmp/x");
        assertThat(mlp.getCheckpointInterval()).isEqualTo(4);
        assertThat(mlp.getInputScaling()).isEqualTo("pixel/255");
        assertThat(mlp.getRecipe()).isEqualTo("tabular");
        assertThat(mlp.getRecipeValue("batch-size")).isEqualTo(32);
        assertThat(mlp.getRecipeValue("batchSize")).isEqualTo(32);
        // what is not set is the table's built-in value, as explainParams shows it
        MlpRegressor fresh = new MlpRegressor();
        assertThat(fresh.getDropout()).isEqualTo(org.mlp4j.recipe.Hyperparameter.DROPOUT.defaultValue());
        assertThat(fresh.getRecipeValue("output-activation")).isEqualTo("identity");
        assertThat(fresh.getRecipe()).isEqualTo("default");
        assertThatThrownBy(fresh::getLayers).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> fresh.getRecipeValue("dropuot")).hasMessageContaining("did you mean 'dropout'?");
    }

    @Test
    void oneVsRestTrainsOneBinaryMlpPerClass() {
        Dataset<Row> train = blobs(240, 3, 4);
        Dataset<Row> test = blobs(120, 3, 5);
        OneVsRestModel ovr = new OneVsRest().setClassifier(small(2)).fit(train);
        assertThat(ovr.models()).hasSize(3);
        for (var model : ovr.models()) {
            assertThat(model).isInstanceOf(MlpClassificationModel.class);
            assertThat(((MlpClassificationModel) model).numClasses()).isEqualTo(2);
        }
        double accuracy = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy")
                .evaluate(ovr.transform(test));
        assertThat(accuracy)
                .as("blobs are easy: one against the rest separates them")
                .isGreaterThan(0.9);
    }

    @Test
    void thresholdsFavourTheClassesTheyAreSmallFor() {
        Dataset<Row> data = blobs(150, 3, 6);
        MlpClassificationModel m = small(3).fit(data);
        List<Row> plain = m.transform(data).select("prediction").collectAsList();
        assertThat(plain.stream().map(r -> r.getDouble(0)).distinct().count())
                .as("without thresholds every class is predicted")
                .isEqualTo(3);
        // MLlib's rule: the largest probability divided by its threshold
        double[] t = {0.6, 0.1, 0.3};
        m.setThresholds(t);
        List<Row> favoured =
                m.transform(data).select("probability", "prediction").collectAsList();
        int changed = 0;
        for (int i = 0; i < favoured.size(); i++) {
            double[] p = ((Vector) favoured.get(i).get(0)).toArray();
            int best = 0;
            for (int j = 1; j < p.length; j++) {
                best = p[j] / t[j] > p[best] / t[best] ? j : best;
            }
            assertThat(favoured.get(i).getDouble(1)).isEqualTo(best);
            changed += favoured.get(i).getDouble(1) != plain.get(i).getDouble(0) ? 1 : 0;
        }
        assertThat(changed).as("the thresholds moved some predictions").isPositive();
        // and a threshold of 0 wins over any other
        m.setThresholds(new double[] {1, 0, 1});
        assertThat(m.transform(data).select("prediction").collectAsList())
                .allSatisfy(r -> assertThat(r.getDouble(0)).isEqualTo(1.0));
        assertThatThrownBy(() -> m.setThresholds(new double[] {1, 1}))
                .hasMessageContaining("numClasses=3, but thresholds has length 2");
    }

    @Test
    void theRawPredictionIsTheMarginsAndTheProbabilityFollowsFromIt() {
        Dataset<Row> data = blobs(60, 3, 7);
        MlpClassificationModel m = small(3).fit(data);
        for (Row r : m.transform(data).select("rawPrediction", "probability").collectAsList()) {
            double[] raw = ((Vector) r.get(0)).toArray();
            double[] p = ((Vector) r.get(1)).toArray();
            // the default recipe's output is a softmax: the margins are its logits
            double sum = 0;
            for (double z : raw) {
                sum += Math.exp(z);
            }
            for (int j = 0; j < raw.length; j++) {
                assertThat(p[j]).isCloseTo(Math.exp(raw[j]) / sum, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void theRegressorIsAnMllibRegressor() {
        MlpRegressor r = new MlpRegressor()
                .setRecipe("default")
                .setLayers(4, 8, 1)
                .setEpochs(3)
                .setRecipeValue("validation-split", "0")
                .setSeed(2);
        int n = 80;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 4, 2, 8, y);
        MlpRegressionModel model = r.fit(SparkTests.frame(x, y, 2));
        assertThat(model).isInstanceOf(RegressionModel.class);
        Row first = model.transform(SparkTests.frame(x, y, 2))
                .select("features", "prediction")
                .first();
        assertThat(model.predict((Vector) first.get(0))).isEqualTo(first.getDouble(1));
    }
}
