package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.data.Standardizer;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The library's classify, labels, saving and closing (issue 12, part 3). */
class ClassifyTest {
    @TempDir
    Path dir;

    @Test
    void anImageModelClassifiesRawGreyLevelsWithItsLabels() {
        Path file = dir.resolve("img.safetensors");
        List<String> names = List.of("zero", "one", "two", "three");
        float[][] raw = new float[8][16];
        Rng rng = new Rng(4);
        for (float[] row : raw) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextInt(256);
            }
        }
        float[][] expected;
        try (MultilayerPerceptron mlp = new MultilayerPerceptron(
                new int[] {16, 12, 4},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                3,
                2)) {
            mlp.save(file, names);
            float[][] scaled = new float[raw.length][16];
            for (int i = 0; i < raw.length; i++) {
                for (int k = 0; k < 16; k++) {
                    scaled[i][k] = raw[i][k] / 255f;
                }
            }
            expected = mlp.predict(scaled);
        }
        Model model = Model.load(file);
        assertThat(model.classNames()).isEqualTo(names);
        assertThat(model.inputScaling()).isEqualTo("pixel/255");
        Prediction[] p = model.classifyAll(raw);
        for (int i = 0; i < raw.length; i++) {
            assertThat(p[i].outputs()).containsExactly(expected[i]);
            int best = org.mlp4j.eval.Evaluation.argmax(expected[i], 0, 4);
            assertThat(p[i].index()).isEqualTo(best);
            assertThat(p[i].label()).isEqualTo(names.get(best));
            double sum = 0;
            for (float v : p[i].probabilities()) {
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(p[i].confidence()).isEqualTo(p[i].probabilities()[best]);
        }
        assertThat(model.classify(raw[0]).index()).isEqualTo(p[0].index());
        assertThatThrownBy(() -> model.classify(new float[3]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input 0: expected 16 values, found 3");
        float[] nan = raw[0].clone();
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> model.classify(nan))
                .hasMessage("input 0, value 5: expected a finite number, found NaN");
    }

    @Test
    void aTabularModelStandardisesRawValuesTheSameWay() {
        Network net = Network.init(
                new int[] {3, 5, 2},
                StandardActivation.TANH,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.GLOROT,
                new Rng(6));
        Standardizer s = new Standardizer(new float[] {1000, 5, 0.002f}, new float[] {300, 2, 0.001f});
        Path file = dir.resolve("tab.safetensors");
        ModelFile.save(
                file,
                net,
                Map.of("input_scaling", "standardize", "class_names", "small,large"),
                Map.of("input.mean", s.mean(), "input.std", s.std()));
        Model model = Model.load(file);
        assertThat(model.inputScaling()).isEqualTo("standardize");
        float[] raw = {1234.5f, 3.25f, 0.0031f};
        Prediction p = model.classify(raw);
        Model bare = Model.of(net, Map.of("input_scaling", "none")); // the network's input as given
        assertThat(p.outputs()).containsExactly(bare.predict(s.apply(raw)));
        assertThat(model.predict(raw)).containsExactly(p.outputs());
        assertThat(p.label()).isIn("small", "large");
    }

    @Test
    void closingAPerceptronStopsItsThreads() throws Exception {
        int before = Thread.activeCount();
        for (int i = 0; i < 20; i++) {
            try (MultilayerPerceptron mlp = new MultilayerPerceptron(
                    new int[] {4, 3, 2}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, i, 3)) {
                mlp.predict(new float[][] {{0, 1, 0, 1}});
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Thread.activeCount() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Thread.activeCount())
                .as("threads after 20 closed perceptrons")
                .isLessThanOrEqualTo(before);
    }

    @Test
    void classNamesAreChecked() {
        try (MultilayerPerceptron mlp =
                new MultilayerPerceptron(new int[] {4, 2}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, 1, 1)) {
            assertThatThrownBy(() -> mlp.save(dir.resolve("x.safetensors"), List.of("a")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("classNames: expected 2 names, found 1");
            assertThatThrownBy(() -> mlp.save(dir.resolve("x.safetensors"), List.of("a,b", "c")))
                    .hasMessageContaining("without commas");
        }
    }
}
