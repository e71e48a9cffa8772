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

    @Test
    void pngBodies() throws Exception {
        Model model = model();
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(java.awt.Color.BLACK);
        g.drawOval(10, 8, 18, 24);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        int[] outcomes = Fuzzer.fuzz("serve PNG body", png.toByteArray(), 24, bytes -> {
            float[] x = Images.read(bytes, "body");
            ServeApi.answer(x, org.mlp4j.Prediction.of(model.predict(x), model.classNames()));
        });
        assertThat(outcomes[0]).as("accepted").isPositive();
        assertThat(outcomes[1]).as("rejected").isPositive();
    }
}
