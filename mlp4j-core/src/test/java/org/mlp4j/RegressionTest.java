package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.data.RegressionDataset;
import org.mlp4j.data.Standardizer;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;

/** Issue 22, item 5: regression through the Java API, from a recipe to a saved model answering in units. */
class RegressionTest {
    @TempDir
    Path dir;

    /** y0 = 3 a − 2 b + 1000 and y1 = a·b / 100, with a small noise: two targets far apart in scale. */
    static RegressionDataset data(int n, long seed) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        for (int i = 0; i < n; i++) {
            float a = (float) (10 * rng.nextGaussian());
            float b = (float) (10 * rng.nextGaussian());
            x[i] = new float[] {a, b};
            y[i] = new float[] {3 * a - 2 * b + 1000 + (float) rng.nextGaussian() * 0.1f, a * b / 100};
        }
        return RegressionDataset.of(x, y);
    }

    static Recipe regression() {
        return Recipe.named("tabular").with(Hyperparameter.TASK, "regression").with(Hyperparameter.EPOCHS, 60);
    }

    @Test
    void aRegressionLearnsBothTargetsAndAnswersInTheirUnits() {
        RegressionDataset raw = data(1200, 1);
        RegressionDataset train = raw.rows(0, 1000);
        RegressionDataset test = raw.rows(1000, 1200);
        Standardizer inputs = Standardizer.fit(train.rows());
        Standardizer targets = Standardizer.fit(train.targetRows());
        List<String> notes = new ArrayList<>();
        TrainingPlan plan =
                regression().fitTo(2, 2, train.size(), true, notes::add).plan(train.size(), 0);
        assertThat(plan.output()).isEqualTo(StandardActivation.IDENTITY);
        assertThat(plan.cost()).isEqualTo(StandardCost.QUADRATIC);
        assertThat(notes.get(0)).contains("2 targets").doesNotContain("classes");
        List<EpochStats> epochs = new ArrayList<>();
        Path file = dir.resolve("m.safetensors");
        try (MultilayerPerceptron mlp = new MultilayerPerceptron(plan, 2)) {
            List<Double> history =
                    mlp.fit(train.standardized(inputs).withTargetScaling(targets), plan, new EpochListener() {
                        @Override
                        public void onEpoch(EpochStats s) {
                            epochs.add(s);
                        }
                    });
            EpochStats last = epochs.get(epochs.size() - 1);
            assertThat(last.regression()).isTrue();
            assertThat(last.trainAccuracy()).isNaN();
            assertThat(last.validationAccuracy()).isNaN();
            assertThat(history.get(history.size() - 1))
                    .as("the history and early stopping watch the validation R²")
                    .isEqualTo(last.validationFit().r2());
            assertThat(last.validationFit().rows()).isEqualTo(100);
            assertThatThrownBy(() -> mlp.save(file, List.of("a", "b"), inputs))
                    .hasMessageContaining("trained as a regression");
            mlp.save(file, null, inputs);
        }
        Model m = Model.load(file);
        assertThat(m.isRegression()).isTrue();
        assertThat(m.metadata()).containsEntry("format_version", "3").containsEntry("task", "regression");
        assertThat(m.metadata()).doesNotContainKey("class_names");
        assertThat(m.targetNames()).containsExactly("y0", "y1");
        var fit = m.evaluateRegression(test.rows(), test.targetRows());
        assertThat(fit.r2()).as("R² on unseen rows").isGreaterThan(0.95);
        float[] p = m.predict(test.rows()[0]);
        assertThat((double) p[0])
                .as("y0 in its own units (around 1000), not standardised")
                .isCloseTo(test.targetRows()[0][0], offset(5.0));
        assertThatThrownBy(() -> m.predictClass(test.rows()[0])).hasMessageContaining("use predict");
        assertThatThrownBy(() -> m.evaluate(test)).hasMessageContaining("needs a classifier");
        assertThatThrownBy(() -> m.margins(test.rows()[0])).hasMessageContaining("margins needs a classifier");
    }

    @Test
    void aRegressionRecipeRefusesOutputsAndCostsForProbabilities() {
        Recipe r =
                Recipe.named("tabular").with(Hyperparameter.TASK, "regression").with("layers", List.of(2, 8, 1));
        assertThat(r.forRegression().get(Hyperparameter.OUTPUT_ACTIVATION)).isEqualTo(StandardActivation.IDENTITY);
        assertThat(r.with(Hyperparameter.COST, StandardCost.HUBER)
                        .forRegression()
                        .get(Hyperparameter.COST))
                .isEqualTo(StandardCost.HUBER);
        assertThat(r.with(Hyperparameter.OUTPUT_ACTIVATION, StandardActivation.TANH)
                        .forRegression()
                        .get(Hyperparameter.OUTPUT_ACTIVATION))
                .isEqualTo(StandardActivation.TANH);
        assertThatThrownBy(() -> r.with(Hyperparameter.OUTPUT_ACTIVATION, StandardActivation.SOFTMAX)
                        .plan(100, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'output-activation' (from the code)")
                .hasMessageContaining("found softmax");
        assertThatThrownBy(() ->
                        r.with(Hyperparameter.COST, StandardCost.CROSS_ENTROPY).plan(100, 0))
                .hasMessageContaining("expected quadratic or huber with task regression, found cross-entropy");
        assertThatThrownBy(() -> r.with("task", "guess"))
                .hasMessageContaining("task")
                .hasMessageContaining("guess");
        assertThat(Recipe.named("tabular").forRegression().get(Hyperparameter.COST))
                .as("a classification recipe keeps its cost until it is asked for a regression")
                .isEqualTo(StandardCost.QUADRATIC);
        assertThat(Recipe.named("tabular")
                        .with("layers", List.of(2, 8, 3))
                        .plan(100, 0)
                        .cost())
                .isEqualTo(StandardCost.CROSS_ENTROPY);
    }

    @Test
    void aRegressionFileWithoutItsScalingOrWithAnOldVersionIsRefused() {
        var net = org.mlp4j.model.Network.init(
                new int[] {2, 3, 1},
                StandardActivation.RELU,
                StandardActivation.IDENTITY,
                StandardCost.QUADRATIC,
                org.mlp4j.model.Init.HE,
                new Rng(1));
        byte[] noScaling = ModelFile.encode(net, Map.of("task", "regression"));
        assertThatThrownBy(() -> ModelFile.decode(noScaling, "r.safetensors"))
                .hasMessage("r.safetensors: tensor target.mean: expected 1 values (one per output of a regression"
                        + " model), found none");
        byte[] bad = ModelFile.encode(
                net, Map.of("task", "regression"), Map.of("target.mean", new float[] {1}, "target.std", new float[] {0
                }));
        assertThatThrownBy(() -> ModelFile.decode(bad, "r.safetensors"))
                .hasMessageContaining("target.std: expected positive finite deviations, found 0.0");
        byte[] unknown = ModelFile.encode(net, Map.of("task", "ranking"));
        assertThatThrownBy(() -> ModelFile.decode(unknown, "r.safetensors"))
                .hasMessageContaining("task: expected \"classification\" or \"regression\", found \"ranking\"");
        byte[] stray =
                ModelFile.encode(net, Map.of(), Map.of("target.mean", new float[] {1}, "target.std", new float[] {1}));
        assertThatThrownBy(() -> ModelFile.decode(stray, "r.safetensors"))
                .hasMessageContaining("tensors target.*: expected them only with __metadata__ task \"regression\"");
        byte[] good = ModelFile.encode(
                net, Map.of("task", "regression"), Map.of("target.mean", new float[] {1}, "target.std", new float[] {2
                }));
        assertThat(ModelFile.decode(good, "r.safetensors").metadata()).containsEntry("format_version", "3");
        assertThat(ModelFile.decode(ModelFile.encode(net, Map.of()), "c.safetensors")
                        .metadata())
                .as("a classifier's file stays version 2, which older readers take")
                .containsEntry("format_version", "2");
    }
}
