package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.mlp4j.Model;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.testing.Fuzzer;

/**
 * The command line's readers under the core's {@link Fuzzer}: recipe files (JSON and YAML, through to the
 * training plan) and the bodies {@code POST /api/predict} takes (JSON and PNG, through to the answer).
 */
class FuzzCliTest {
    @Test
    void jsonRecipes() throws Exception {
        byte[] seed = Files.readAllBytes(Path.of("..", "recipes", "best.json"));
        fuzzRecipe("recipe JSON", seed, 21, false);
    }

    @Test
    void yamlRecipes() {
        String yaml = "# a recipe\nlayers: [784, 800, 10]\nactivation: gelu\noptimizer: adamw\nlr: 0.001\n"
                + "schedule: cosine\nwarmup: 1\nepochs: 20\ndropout: 0.3\naugment-rotate: 10\nbase: &b {x: 1}\n";
        fuzzRecipe("recipe YAML", yaml.getBytes(StandardCharsets.UTF_8), 22, true);
    }

    private static void fuzzRecipe(String name, byte[] seed, long rngSeed, boolean yaml) {
        int[] outcomes = Fuzzer.fuzz(name, seed, rngSeed, bytes -> {
            Recipe r = Recipe.fromText(new String(bytes, StandardCharsets.UTF_8), yaml, "fuzz");
            r.plan(Integer.MAX_VALUE, 28);
        });
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(Fuzzer.inputs());
        assertThat(outcomes[1]).as("rejected").isPositive();
    }

    static Model model() {
        Network net = Network.init(
                new int[] {784, 8, 10},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(5));
        return Model.of(net, Map.of());
    }

    @Test
    void jsonBodies() {
        Model model = model();
        StringBuilder body = new StringBuilder("{\"pixels\": [");
        for (int k = 0; k < 784; k++) {
            body.append(k == 0 ? "" : ",").append(k % 7 == 0 ? "0.5" : k % 5 == 0 ? "1" : "0");
        }
        int[] outcomes = Fuzzer.fuzz(
                "serve JSON body", body.append("]}").toString().getBytes(StandardCharsets.UTF_8), 23, bytes -> {
                    float[] x = ServeApi.pixels(bytes);
                    ServeApi.answer(x, org.mlp4j.Prediction.of(model.predict(x), model.classNames()));
                });
        assertThat(outcomes[0]).as("accepted").isPositive();
        assertThat(outcomes[1]).as("rejected").isPositive();
    }

    /** A 40 x 40 "0" in black on white, of the given image type (TIFF and BMP writers need RGB). */
    static BufferedImage drawing(int type) {
        BufferedImage img = new BufferedImage(40, 40, type);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(java.awt.Color.BLACK);
        g.drawOval(10, 8, 18, 24);
        g.dispose();
        return img;
    }

    @Test
    void pngBodies() throws Exception {
        Model model = model();
        BufferedImage img = drawing(BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        int[] outcomes = Fuzzer.fuzz("serve PNG body", png.toByteArray(), 24, bytes -> {
            float[] x = Images.read(bytes, "body");
            ServeApi.answer(x, org.mlp4j.Prediction.of(model.predict(x), model.classNames()));
        });
        assertThat(outcomes[0]).as("accepted").isPositive();
        assertThat(outcomes[1]).as("rejected").isPositive();
    }

    /** Issue 24: other image formats, sent as image/png or named .png, never reach a decoder. */
    @Test
    void otherImageFormatsAreRefusedWhole() throws Exception {
        BufferedImage img = drawing(BufferedImage.TYPE_INT_RGB);
        long rngSeed = 30;
        for (String format : java.util.List.of("tiff", "jpeg", "gif", "bmp")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertThat(ImageIO.write(img, format, bytes)).as(format).isTrue();
            int[] outcomes = Fuzzer.fuzz(format + " as a PNG body", bytes.toByteArray(), rngSeed++, b -> {
                Images.read(b, "body");
            });
            assertThat(outcomes[0]).as("decoded").isZero();
        }
    }

    /** Issue 24: YAML whose aliases name long strings and lists, mutated, stays within the limits. */
    @Test
    void yamlRecipesWithAliases() {
        // a 2 KB string, a list of 9 of it, a list of 9 of those, and 7 of those: 1.1 MB expanded, just over
        // the limit, from a 2 KB file; mutations land on both sides of it
        String yaml = "description: &s " + "long text ".repeat(200) + "\nseed: &n 3\nepochs: *n\n"
                + "layers: [784, 32, 10]\nmeasured: [&l [" + "*s, ".repeat(8) + "*s], &m [" + "*l, ".repeat(8)
                + "*l], " + "*m, ".repeat(6) + "*m]\n";
        fuzzRecipe("recipe YAML with aliases", yaml.getBytes(StandardCharsets.UTF_8), 25, true);
    }

    /**
     * Issue 24: an output stream that fails after any number of bytes. The input's first two bytes say
     * how much fits; the rest is printed. The command's check must report the failure exactly when a byte
     * was lost, with the reason; that report is the documented refusal.
     */
    @Test
    void outputStreamsThatFail() {
        byte[] seed = ("\u0001\u0000" + "class 7 (seven)   outputs 0.0100 0.9000\n".repeat(20))
                .getBytes(StandardCharsets.UTF_8);
        int[] outcomes = Fuzzer.fuzz("failing standard output", seed, 26, bytes -> {
            if (bytes.length < 2) {
                throw new org.mlp4j.InvalidInputException("too short to say how much fits");
            }
            int room = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8;
            String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.ISO_8859_1);
            java.io.PrintWriter out = CheckedOutput.over(RoundTwoTest.fullAfter(room), StandardCharsets.ISO_8859_1);
            for (String line : text.split("\n", -1)) {
                out.println(line);
            }
            boolean lost = text.length() + 1 > room; // every line and its newline: the text and one more
            try {
                CheckedOutput.check(out);
            } catch (java.io.UncheckedIOException e) {
                assertThat(lost).as("reported a failure with room to spare").isTrue();
                assertThat(e.getMessage()).isEqualTo("standard output: could not write: No space left on device");
                throw new org.mlp4j.InvalidInputException(e.getMessage());
            }
            assertThat(lost).as("a lost byte went unreported").isFalse();
        });
        assertThat(outcomes[0]).as("fitted").isPositive();
        assertThat(outcomes[1]).as("reported").isPositive();
    }
}
