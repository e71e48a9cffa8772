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
import org.mlp4j.eval.Accuracy;

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
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--layers", "784,48,24,10",
                    "--epochs", "2", "--seed", "1", "--save", model.toString()), java.util.Arrays.stream(recipe))
                    .toArray(String[]::new);
            Cli train = Cli.run(args);
            assertThat(train.exitCode()).as(train.err()).isZero();
            Path onnx = dir.resolve(activation + ".onnx");
            Cli export = Cli.run("export", model.toString(), "--onnx", onnx.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();

            ImageDataset test = Options.loadMnist(null, line -> { }).test();
            float[][] x = new float[test.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = test.features(i);
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
                assertThat(Accuracy.argmax(theirs[i], 0, 10)).as("%s image %d", activation, i)
                        .isEqualTo(Accuracy.argmax(mine[i], 0, 10));
            }
            assertThat(worst).as(activation + ": largest absolute difference").isLessThanOrEqualTo(1e-5);
            System.out.println("onnx " + activation + ": max |mlp4j - onnxruntime| = " + worst + " over " + x.length
                    + " test images");
        }
    }
}
