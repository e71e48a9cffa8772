package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.eval.ConfusionMatrix;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.recipe.TestPlans;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.TrainingStopped;

/** The library's shape (issue 12, part 3): named settings, datasets from labels, stopping, evaluation. */
class LibraryApiTest {
    /** Two Gaussian blobs in 4 dimensions, sorted by class (the worst order for a naive split). */
    static TabularDataset blobs(int n) {
        Rng rng = new Rng(12);
        float[][] x = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < n / 2 ? 0 : 1;
            for (int k = 0; k < 4; k++) {
                x[i][k] = (float) (rng.nextGaussian() + (y[i] == 1 ? 2 : -2));
            }
        }
        return TabularDataset.of(x, y, 2);
    }

    /**
     * A network fitted on plain arrays is saved as taking raw values: before, the file said "pixel/255" and the
     * loaded model divided every feature by 255 (found by the consumer project of scripts/check-consumer.sh).
     */
    @Test
    void aNetworkFittedOnArraysIsSavedAsTakingRawValues(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        float[][] x = new float[200][2];
        float[][] y = new float[200][2];
        Rng rng = new Rng(5);
        for (int i = 0; i < x.length; i++) {
            int c = i % 2;
            x[i][0] = (float) ((c == 0 ? -40 : 40) + 5 * rng.nextGaussian());
            x[i][1] = (float) (30 * rng.nextGaussian());
            y[i][c] = 1;
        }
        java.nio.file.Path file = dir.resolve("arrays.safetensors");
        float[][] expected;
        try (var mlp = new MultilayerPerceptron(
                new int[] {2, 8, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                3,
                1)) {
            TabularDataset arrays = TabularDataset.of(x, y);
            mlp.fit(arrays, TestPlans.sgd(arrays, 5, 20, 0.01, 0), null);
            expected = mlp.predict(x);
            mlp.save(file, List.of("left", "right"));
        }
        Model model = Model.load(file);
        assertThat(model.inputScaling()).isEqualTo("none");
        for (int i = 0; i < x.length; i++) {
            assertThat(model.predict(x[i])).containsExactly(expected[i]);
        }
        assertThat(model.classify(new float[] {-45, 0}).label()).isEqualTo("left");
        assertThat(model.classify(new float[] {45, 0}).label()).isEqualTo("right");
    }

    /**
     * A network trained on standardised rows is not saved without their standardiser: the file would say
     * "none", and the loaded model would take standardised values where raw ones are given.
     */
    @Test
    void aNetworkFittedOnStandardisedRowsNeedsItsStandardiserToBeSaved(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<String> lines = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? 100 + i : 300 + i) + "," + (i * 7 % 13) + "," + (i % 2 == 0 ? "low" : "high"));
        }
        org.mlp4j.data.TabularDataset raw = org.mlp4j.data.TabularDataset.parse(lines, "t.csv", "label", null);
        org.mlp4j.data.Standardizer s = org.mlp4j.data.Standardizer.fit(raw.rows());
        org.mlp4j.data.TabularDataset standardized = raw.standardized(s);
        assertThat(raw.inputScaling()).isEqualTo("none");
        assertThat(standardized.inputScaling()).isEqualTo("standardize");
        assertThat(standardized.split(0.5)[0].inputScaling()).isEqualTo("standardize");
        try (var mlp = new MultilayerPerceptron(
                new int[] {2, 4, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                3,
                1)) {
            mlp.fit(standardized, TestPlans.sgd(standardized, 2, 8, 0.01, 0), null);
            assertThatThrownBy(() -> mlp.save(dir.resolve("m.safetensors"), raw.classNames()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("inputs: the network was trained on standardised rows; expected their Standardizer"
                            + " (save(file, classNames, standardizer)), found none");
            assertThat(dir.resolve("m.safetensors")).doesNotExist();
            mlp.save(dir.resolve("m.safetensors"), raw.classNames(), s);
            assertThat(Model.load(dir.resolve("m.safetensors")).inputScaling()).isEqualTo("standardize");
        }
    }

    @Test
    void datasetsFromLabelsShuffleAndSplitWithEveryClassInBothParts() {
        TabularDataset d = blobs(200);
        assertThat(d.size()).isEqualTo(200);
        assertThat(d.label(0)).isZero();
        TabularDataset[] parts = d.split(0.2, 7);
        assertThat(parts[0].size()).isEqualTo(40);
        assertThat(parts[1].size()).isEqualTo(160);
        for (TabularDataset part : parts) {
            long ones = java.util.stream.IntStream.range(0, part.size())
                    .filter(i -> part.label(i) == 1)
                    .count();
            assertThat(ones).as("class 1 in a part of " + part.size()).isBetween(1L, (long) part.size() - 1);
        }
        assertThat(d.shuffle(3).features(5)).isEqualTo(d.shuffle(3).features(5));
        assertThatThrownBy(() -> TabularDataset.of(new float[][] {{1}}, new int[] {2}, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("labels[0]: expected a class from 0 to 1, found 2");
        assertThatThrownBy(() -> d.split(1.5, 1)).hasMessageContaining("expected a number in (0, 1)");
    }

    @Test
    void aPlanWithImageDistortionsIsRefusedOnDataThatAreNotItsImages() {
        TabularDataset d = blobs(400);
        // the default recipe shifts 28 x 28 images; these rows have 4 features
        org.mlp4j.recipe.TrainingPlan images = org.mlp4j.recipe.Recipe.named("default")
                .with("epochs", 1)
                .with("validation-split", 0)
                .plan(d.size(), 28);
        assertThat(images.augmented()).isTrue();
        try (MultilayerPerceptron mlp =
                MultilayerPerceptron.builder(4, 8, 2).threads(1).build()) {
            assertThatThrownBy(() -> mlp.fit(d, images, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(
                            "augment-shift: image distortions need square images of 28 x 28 = 784" + " features; ")
                    .hasMessageContaining(" has 4 (plan the recipe for this data");
            float[] before = mlp.network().weights(0).clone();
            assertThat(mlp.network().weights(0)).as("nothing trained").containsExactly(before);
            // planned for rows (image side 0), the same recipe trains: its distortions are off for a table
            mlp.fit(
                    d,
                    org.mlp4j.recipe.Recipe.named("default")
                            .with("epochs", 1)
                            .with("validation-split", 0)
                            .plan(d.size(), 0),
                    null);
            assertThat(mlp.network().weights(0)).isNotEqualTo(before);
        }
    }

    @Test
    void aListenerCanEndTrainingAfterAnyEpoch() {
        TabularDataset d = blobs(400);
        List<Integer> seen = new ArrayList<>();
        try (MultilayerPerceptron mlp = new MultilayerPerceptron(
                new int[] {4, 8, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                1,
                2)) {
            TabularDataset shuffled = d.shuffle(1);
            List<Double> history = mlp.fit(shuffled, TestPlans.sgd(shuffled, 20, 16, 0.1, 80), new EpochListener() {
                @Override
                public void onEpoch(EpochStats stats) {
                    seen.add(stats.epoch());
                }

                @Override
                public boolean stopRequested() {
                    return seen.size() == 3;
                }
            });
            assertThat(history).hasSize(3);
            assertThat(seen).containsExactly(1, 2, 3);
            ConfusionMatrix m = mlp.evaluate(d);
            assertThat(m.total()).isEqualTo(400);
            assertThat(m.accuracy()).isGreaterThan(0.95);
        }
    }

    @Test
    void anInterruptStopsTrainingAfterTheCurrentMinibatch() throws Exception {
        TabularDataset d = blobs(2000);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (MultilayerPerceptron mlp = new MultilayerPerceptron(
                    new int[] {4, 64, 2},
                    StandardActivation.RELU,
                    StandardActivation.SOFTMAX,
                    StandardCost.CROSS_ENTROPY,
                    Init.HE,
                    1,
                    1)) {
                mlp.fit(d, TestPlans.sgd(d, 100_000, 4, 0.01, 0), null);
                outcome.set(new AssertionError("finished 100,000 epochs without stopping"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive())
                .as("training thread still running 10 s after the interrupt")
                .isFalse();
        assertThat(outcome.get()).isInstanceOf(TrainingStopped.class);
    }

    /** The builder names each setting; what it leaves out is the article's, the same bits as the constructors. */
    @org.junit.jupiter.api.Test
    void theBuilderMakesWhatTheConstructorsMake() {
        try (MultilayerPerceptron article = new MultilayerPerceptron(5, 4, 3);
                MultilayerPerceptron built =
                        MultilayerPerceptron.builder(5, 4, 3).threads(1).build();
                MultilayerPerceptron modern = new MultilayerPerceptron(
                        new int[] {5, 4, 3},
                        org.mlp4j.model.StandardActivation.RELU,
                        org.mlp4j.model.StandardActivation.SOFTMAX,
                        org.mlp4j.model.StandardCost.CROSS_ENTROPY,
                        org.mlp4j.model.Init.HE,
                        7,
                        1);
                MultilayerPerceptron modernBuilt = MultilayerPerceptron.builder(5, 4, 3)
                        .activation(org.mlp4j.model.StandardActivation.RELU)
                        .output(org.mlp4j.model.StandardActivation.SOFTMAX)
                        .cost(org.mlp4j.model.StandardCost.CROSS_ENTROPY)
                        .init(org.mlp4j.model.Init.HE)
                        .seed(7)
                        .threads(1)
                        .build()) {
            for (int l = 0; l < 2; l++) {
                org.assertj.core.api.Assertions.assertThat(built.network().weights(l))
                        .containsExactly(article.network().weights(l));
                org.assertj.core.api.Assertions.assertThat(built.network().biases(l))
                        .containsExactly(article.network().biases(l));
                org.assertj.core.api.Assertions.assertThat(modernBuilt.network().weights(l))
                        .containsExactly(modern.network().weights(l));
            }
            org.assertj.core.api.Assertions.assertThat(built.network().outputActivation())
                    .isEqualTo(org.mlp4j.model.StandardActivation.SIGMOID);
            org.assertj.core.api.Assertions.assertThat(modernBuilt.network().outputActivation())
                    .isEqualTo(org.mlp4j.model.StandardActivation.SOFTMAX);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MultilayerPerceptron.builder(3, 2)
                        .activation(org.mlp4j.model.StandardActivation.RELU)
                        .cost(org.mlp4j.model.StandardCost.CROSS_ENTROPY)
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cross-entropy needs outputs in (0, 1)");
    }
}
