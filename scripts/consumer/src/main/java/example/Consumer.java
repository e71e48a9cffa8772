package example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.Model;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.Prediction;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.datasets.DatasetSpec;
import org.mlp4j.model.Init;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;

/** Trains a small classifier on two rings of points, saves it, loads it and classifies: the library as used. */
public final class Consumer {
    public static void main(String[] args) throws Exception {
        int n = 400;
        float[][] x = new float[n][2];
        float[][] y = new float[n][2];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            int ring = i % 2;
            double angle = random.nextDouble() * 2 * Math.PI;
            double radius = (ring == 0 ? 1 : 3) + random.nextGaussian() * 0.2;
            x[i][0] = (float) (radius * Math.cos(angle));
            x[i][1] = (float) (radius * Math.sin(angle));
            y[i][ring] = 1;
        }
        Path file = Files.createTempDirectory("consumer").resolve("rings.safetensors");
        // Adam at a constant rate, every row trained on: the training part of the tabular recipe
        TrainingPlan adam = Recipe.named("tabular").with("layers", "2,16,2").with("epochs", 60).with("batch-size", 16)
                .with("validation-split", 0).with("patience", 0).plan(n, 0);
        try (var mlp = new MultilayerPerceptron(new int[] {2, 16, 2}, StandardActivation.RELU,
                StandardActivation.SOFTMAX, StandardCost.CROSS_ENTROPY, Init.HE, 7, 1)) {
            mlp.fit(TabularDataset.of(x, y), adam, null);
            mlp.save(file, List.of("inner", "outer"));
        }
        Model model = Model.load(file);
        Prediction inner = model.classify(new float[] {0.9f, 0.3f});
        Prediction outer = model.classify(new float[] {-2.1f, 2.0f});
        System.out.println("consumer: " + inner.label() + " " + outer.label() + ", recipes " + Recipe.names()
                + ", datasets " + DatasetSpec.MNIST.id());
        if (!inner.label().equals("inner") || !outer.label().equals("outer")) {
            throw new AssertionError("expected inner and outer, found " + inner.label() + " and " + outer.label());
        }
    }
}
