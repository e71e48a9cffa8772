package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.data.ImageDataset;

/** {@code mlp4j predict} on real images drawn from MNIST test digits: large, dark on light, off-centre. */
class PredictTest {
    @TempDir
    static Path dir;

    static Path model;
    static ImageDataset test;

    @BeforeAll
    static void trainAModel() {
        model = dir.resolve("model.safetensors");
        Cli train =
                Cli.run("train", "--layers", "784,64,10", "--epochs", "5", "--seed", "1", "--save", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        test = Options.loadMnist(null, line -> {}).test();
    }

    /** Test image i, scaled 3x, inverted (black ink on white paper), at an offset on a larger canvas. */
    static BufferedImage paper(int i) {
        BufferedImage img = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 120; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        int ox = 7 + (i * 13) % 25;
        int oy = 3 + (i * 7) % 10;
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                int v = 255 - test.pixel(i, (y / 3) * 28 + x / 3);
                img.setRGB(ox + x, oy + y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    @Test
    void imagesOfAnySizeArePreprocessedLikeMnist() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        int n = 40;
        for (int i = 0; i < n; i++) {
            ImageIO.write(
                    paper(i),
                    "png",
                    images.resolve(String.format(Locale.ROOT, "%03d.png", i)).toFile());
        }
        Cli r = Cli.run("predict", model.toString(), images.toString(), "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.out().lines().toList();
        assertThat(rows).hasSize(n + 1);
        assertThat(rows.get(0)).startsWith("input,class_index,label,output_0");

        Model m = Model.load(model);
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int fromImage = Integer.parseInt(rows.get(i + 1).split(",")[1]);
            if (fromImage == m.predictClass(TestImages.greyLevels(test, i))) {
                agree++;
            }
        }
        // The preprocessing recreates MNIST's framing from a 3x, inverted, shifted copy.
        assertThat(agree)
                .as("classes that agree with the original 28x28 digits")
                .isGreaterThanOrEqualTo(34);
    }

    @Test
    void idxCsvAndJsonOutput() throws Exception {
        Path csv = dir.resolve("digits.csv");
        StringBuilder sb = new StringBuilder("label");
        for (int k = 0; k < 784; k++) {
            sb.append(",p").append(k);
        }
        sb.append('\n');
        for (int i = 0; i < 3; i++) {
            sb.append(test.label(i));
            for (int k = 0; k < 784; k++) {
                sb.append(',').append(test.pixel(i, k));
            }
            sb.append('\n');
        }
        sb.append("   \r\n\n"); // a line of spaces and an empty one at the end: no examples
        Files.writeString(csv, sb);
        Cli r = Cli.run("predict", model.toString(), csv.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Model m = Model.load(model);
        // valid JSON, the label beside the index, and every output at full float precision
        List<?> answers = (List<?>) org.mlp4j.io.Json.parse(r.out());
        assertThat(answers).hasSize(3);
        for (int i = 0; i < 3; i++) {
            java.util.Map<?, ?> a = (java.util.Map<?, ?>) answers.get(i);
            int c = m.predictClass(TestImages.greyLevels(test, i));
            assertThat(a.get("input")).isEqualTo(csv + ":" + (i + 2));
            assertThat(a.get("class_index")).isEqualTo((long) c);
            assertThat(a.get("label")).isEqualTo(Integer.toString(c));
            float[] expected = m.predict(TestImages.greyLevels(test, i));
            List<?> outputs = (List<?>) a.get("outputs");
            for (int j = 0; j < expected.length; j++) {
                assertThat(((Number) outputs.get(j)).floatValue()).isEqualTo(expected[j]);
            }
        }
        Cli bad = Cli.run(
                "predict", model.toString(), dir.resolve("model.safetensors").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("model.safetensors").doesNotContain("Exception");
        Path notImage = Files.writeString(dir.resolve("fake.png"), "not an image");
        Cli fake = Cli.run("predict", model.toString(), notImage.toString());
        assertThat(fake.exitCode()).isEqualTo(2);
        assertThat(fake.err()).contains("fake.png").contains("expected a PNG image, found data that is not an image");
    }

    @Test
    void explainTracesOneDigitWithTheArticlesEquations() {
        Cli r = Cli.run("explain", model.toString(), "--example", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("test image 3, label " + test.label(3))
                .contains("z^1")
                .contains("a^2")
                .contains("(1) delta^L")
                .contains("(2) delta^l")
                .contains("(3) |dC/dW^1|")
                .contains("(3) |dC/dW^2|");
        Cli bad = Cli.run("explain", model.toString(), "--example", "10000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--example").contains("found 10000");
    }
}
