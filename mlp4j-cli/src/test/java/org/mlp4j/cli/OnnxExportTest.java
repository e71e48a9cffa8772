package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.eval.Evaluation;
import org.mlp4j.math.Rng;

/** The exported ONNX graph, run in ONNX Runtime for Java on the whole MNIST test set, against mlp4j. */
class OnnxExportTest {
    @TempDir
    Path dir;

    @Test
    void onnxRuntimeAgreesWithMlp4jOnEveryTestImage() throws Exception {
        // the article's sigmoid/quadratic network, then every hidden activation under a softmax output
        for (String activation : new String[] {"article", "sigmoid", "relu", "leaky-relu", "gelu", "tanh"}) {
            Path model = dir.resolve(activation + ".safetensors");
            String[] recipe = activation.equals("article")
                    ? new String[] {"--recipe", "article", "--lr", "0.5"}
                    : new String[] {"--activation", activation, "--lr", "0.05"};
            String[] args = java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                    "train",
                                    "--layers",
                                    "784,48,24,10",
                                    "--epochs",
                                    "2",
                                    "--seed",
                                    "1",
                                    "--save",
                                    model.toString()),
                            java.util.Arrays.stream(recipe))
                    .toArray(String[]::new);
            Cli train = Cli.run(args);
            assertThat(train.exitCode()).as(train.err()).isZero();
            Path onnx = dir.resolve(activation + ".onnx");
            Cli export = Cli.run("export", model.toString(), "--onnx", onnx.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();

            ImageDataset test = Options.loadMnist(null, line -> {}).test();
            float[][] x = new float[test.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = TestImages.greyLevels(test, i); // raw grey levels: the graph divides by 255, as mlp4j
            }
            float[][] mine = Model.load(model).predictBatch(x);

            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[][] theirs;
            try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                    OnnxTensor input = OnnxTensor.createTensor(env, x);
                    OrtSession.Result result = session.run(Map.of("input", input))) {
                theirs = (float[][]) result.get(0).getValue();
            }
            assertThat(theirs).hasNumberOfRows(x.length);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 10; j++) {
                    worst = Math.max(worst, Math.abs(mine[i][j] - theirs[i][j]));
                }
                assertThat(Evaluation.argmax(theirs[i], 0, 10))
                        .as("%s image %d", activation, i)
                        .isEqualTo(Evaluation.argmax(mine[i], 0, 10));
            }
            assertThat(worst).as(activation + ": largest absolute difference").isLessThanOrEqualTo(1e-5);
            System.out.println("onnx " + activation + ": max |mlp4j - onnxruntime| = " + worst + " over " + x.length
                    + " test images");
        }
    }

    /**
     * A model trained on a CSV file takes raw values (it standardises them itself): the exported graph must
     * too. Issue 12: the standardisation was left out, and ONNX Runtime agreed on 7 of 20 rows.
     */
    @Test
    void aCsvModelsGraphTakesRawValuesAndKeepsItsClassNames() throws Exception {
        Rng rng = new Rng(9);
        StringBuilder train = new StringBuilder("width_mm,weight_g,ratio,species\n");
        StringBuilder test = new StringBuilder("width_mm,weight_g,ratio,species\n");
        String[] species = {"alpha", "beta", "gamma"};
        float[][] raw = new float[200][];
        for (int i = 0; i < 800; i++) {
            int c = i % 3;
            float a = (float) (1000 + 300 * c + 120 * rng.nextGaussian());
            float b = (float) (5 + 2 * rng.nextGaussian());
            float r = (float) (0.001 * (c == 1 ? 3 : 1) + 0.0004 * rng.nextGaussian());
            String row = String.format(java.util.Locale.ROOT, "%s,%s,%s,%s%n", a, b, r, species[c]);
            if (i < 600) {
                train.append(row);
            } else {
                test.append(row);
                raw[i - 600] = new float[] {a, b, r};
            }
        }
        Path trainCsv = java.nio.file.Files.writeString(dir.resolve("train.csv"), train);
        Path testCsv = java.nio.file.Files.writeString(dir.resolve("test.csv"), test);
        Path model = dir.resolve("csv.safetensors");
        Cli r = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                trainCsv.toString(),
                "--label",
                "species",
                "--test-data",
                testCsv.toString(),
                "--layers",
                "3,16,3",
                "--epochs",
                "20",
                "--batch-size",
                "32",
                "--save",
                model.toString(),
                "--runs",
                dir.resolve("runs").toString(),
                "--validation-split",
                "0.1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path onnx = dir.resolve("csv.onnx");
        Cli export = Cli.run("export", model.toString(), "--onnx", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        float[][] mine = Model.load(model).predictBatch(raw);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, raw);
                OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] theirs = (float[][]) result.get(0).getValue();
            double worst = 0;
            for (int i = 0; i < raw.length; i++) {
                for (int j = 0; j < 3; j++) {
                    worst = Math.max(worst, Math.abs(mine[i][j] - theirs[i][j]));
                }
                assertThat(Evaluation.argmax(theirs[i], 0, 3))
                        .as("row %d", i)
                        .isEqualTo(Evaluation.argmax(mine[i], 0, 3));
            }
            assertThat(worst).as("largest absolute difference on raw rows").isLessThanOrEqualTo(1e-5);
            assertThat(session.getMetadata().getCustomMetadata())
                    .containsEntry("class_names", "alpha,beta,gamma")
                    .containsEntry("input_scaling", "standardize");
            System.out.println(
                    "onnx csv: max |mlp4j - onnxruntime| = " + worst + " over " + raw.length + " raw test rows");
        }
    }
}
