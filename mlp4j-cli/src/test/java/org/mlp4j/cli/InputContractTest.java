package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.data.Standardizer;
import org.mlp4j.io.Json;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/**
 * Issue 22, item 1: one input contract. The same raw rows (an image model's grey levels 0..255, a CSV
 * model's values) go through every entry point, and every entry point gives the same outputs: the
 * library's predict, predictBatch, classify and outputs, the command line's predict (CSV and IDX files),
 * serve's JSON API and the exported graph in ONNX Runtime.
 */
class InputContractTest {
    static final double TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    static Network network(int inputs, int outputs, long seed) {
        return Network.init(
                new int[] {inputs, 12, outputs},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(seed));
    }

    /** Every library entry point against predictBatch, bit for bit, and the outputs predictBatch gives. */
    static float[][] library(Model m, float[][] raw) {
        float[][] batch = m.predictBatch(raw);
        for (int i = 0; i < raw.length; i++) {
            assertThat(m.predict(raw[i])).containsExactly(batch[i]);
            assertThat(m.outputs(raw[i])).containsExactly(batch[i]);
            assertThat(m.classify(raw[i]).outputs()).containsExactly(batch[i]);
            assertThat(m.predictClass(raw[i])).isEqualTo(m.classify(raw[i]).index());
        }
        return batch;
    }

    static void close(String entry, float[][] got, float[][] want) {
        assertThat(got).as(entry).hasNumberOfRows(want.length);
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                assertThat((double) got[i][j])
                        .as("%s row %d output %d", entry, i, j)
                        .isCloseTo(want[i][j], org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
    }

    /** The outputs of {@code mlp4j predict --format json}, in input order. */
    static float[][] cliPredict(Path model, Path input) {
        Cli c = Cli.run("predict", model.toString(), input.toString(), "--format", "json");
        assertThat(c.exitCode()).as(c.err()).isZero();
        List<?> answers = (List<?>) Json.parse(c.out());
        float[][] out = new float[answers.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats((List<?>) ((Map<?, ?>) answers.get(i)).get("outputs"));
        }
        return out;
    }

    static float[] floats(List<?> values) {
        float[] f = new float[values.size()];
        for (int j = 0; j < f.length; j++) {
            f[j] = ((Number) values.get(j)).floatValue();
        }
        return f;
    }

    /** POSTs a JSON body to serve's API and returns the answer's JSON object (status 200 required). */
    static Map<?, ?> post(RunningServer server, String json) throws java.io.IOException {
        String answer = ServeHardeningTest.request(
                server.port(),
                "POST",
                "/api/predict",
                "localhost",
                "application/json",
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(ServeHardeningTest.status(answer)).as(answer).isEqualTo(200);
        return (Map<?, ?>) Json.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    /** The outputs serve's JSON API gives for rows of features a, b, c, each sent by name in another order. */
    static float[][] servedRows(Path model, float[][] raw) throws Exception {
        RunningServer server = RunningServer.start(model);
        try {
            StringBuilder body = new StringBuilder("{\"rows\": [");
            for (int i = 0; i < raw.length; i++) {
                body.append(i == 0 ? "" : ", ")
                        .append("{\"c\": ")
                        .append(raw[i][2])
                        .append(", \"a\": ")
                        .append(raw[i][0])
                        .append(", \"b\": ")
                        .append(raw[i][1])
                        .append('}');
            }
            List<?> predictions =
                    (List<?>) post(server, body.append("]}").toString()).get("predictions");
            float[][] served = new float[predictions.size()][];
            for (int i = 0; i < served.length; i++) {
                served[i] = floats((List<?>) ((Map<?, ?>) predictions.get(i)).get("outputs"));
            }
            return served;
        } finally {
            server.stop();
        }
    }

    float[][] onnx(Path model, float[][] raw) throws Exception {
        Path graph = dir.resolve(model.getFileName() + ".onnx");
        Cli export = Cli.run("export", model.toString(), "--onnx", graph.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(graph.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, raw);
                OrtSession.Result result = session.run(Map.of("input", input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @Test
    void anImageModelTakesGreyLevelsEverywhere() throws Exception {
        Path model = dir.resolve("image.safetensors");
        ModelFile.save(model, network(784, 10, 3), Map.of("input_scaling", "pixel/255"));
        Rng rng = new Rng(11);
        int n = 6;
        float[][] raw = new float[n][784];
        byte[] idx = new byte[n * 784];
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                int grey = rng.nextDouble() < 0.3 ? (int) (rng.nextDouble() * 256) : 0;
                raw[i][p] = grey;
                idx[i * 784 + p] = (byte) grey;
                csv.append(p == 0 ? "" : ",").append(grey);
            }
            csv.append('\n');
        }
        Model m = Model.load(model);
        float[][] want = library(m, raw);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(28);
        out.writeInt(28);
        out.write(idx);
        Path idxFile = Files.write(dir.resolve("images-idx3-ubyte"), bytes.toByteArray());
        close("mlp4j predict (IDX)", cliPredict(model, idxFile), want);
        Path csvFile = Files.writeString(dir.resolve("grey.csv"), csv);
        close("mlp4j predict (CSV)", cliPredict(model, csvFile), want);

        RunningServer server = RunningServer.start(model);
        try {
            float[][] served = new float[n][];
            for (int i = 0; i < n; i++) {
                StringBuilder body = new StringBuilder("{\"pixels\": [");
                for (int p = 0; p < 784; p++) {
                    body.append(p == 0 ? "" : ",").append((int) raw[i][p]);
                }
                served[i] = floats(
                        (List<?>) post(server, body.append("]}").toString()).get("outputs"));
            }
            close("serve JSON API", served, want);
        } finally {
            server.stop();
        }
        close("ONNX Runtime", onnx(model, raw), want);
    }

    @Test
    void aCsvModelTakesItsRowsValuesEverywhere() throws Exception {
        Path model = dir.resolve("table.safetensors");
        Standardizer s = new Standardizer(new float[] {1000, 5, 0.002f}, new float[] {300, 2, 0.001f});
        ModelFile.save(
                model,
                network(3, 2, 4),
                Map.of("input_scaling", "standardize", "class_names", "small,large", "feature_names", "a,b,c"),
                Map.of("input.mean", s.mean(), "input.std", s.std()));
        Rng rng = new Rng(12);
        List<float[]> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("c,label,a,b\n"); // by name: another order, and a label
        for (int i = 0; i < 8; i++) {
            float a = (float) (1000 + 300 * rng.nextGaussian());
            float b = (float) (5 + 2 * rng.nextGaussian());
            float c = (float) (0.002 + 0.001 * rng.nextGaussian());
            rows.add(new float[] {a, b, c});
            csv.append(c).append(",small,").append(a).append(',').append(b).append('\n');
        }
        float[][] raw = rows.toArray(float[][]::new);
        Model m = Model.load(model);
        float[][] want = library(m, raw);
        close("mlp4j predict (CSV)", cliPredict(model, Files.writeString(dir.resolve("rows.csv"), csv)), want);
        close("ONNX Runtime", onnx(model, raw), want);
        close("serve JSON API (rows by feature name)", servedRows(model, raw), want);
    }

    /** A model trained on Spark (resources/spark/README.md) takes its DataFrame's values everywhere. */
    @Test
    void aSparkTrainedModelTakesItsRowsValuesEverywhere() throws Exception {
        Path model = dir.resolve("spark.safetensors");
        Path rows = dir.resolve("rows.csv");
        try (var in = InputContractTest.class.getResourceAsStream("/spark/table-3-1024-2.safetensors");
                var csv = InputContractTest.class.getResourceAsStream("/spark/rows.csv")) {
            Files.copy(in, model);
            Files.copy(csv, rows);
        }
        Model m = Model.load(model);
        assertThat(m.metadata()).containsEntry("dataset", "spark").containsEntry("input_scaling", "none");
        List<String> lines = Files.readAllLines(rows);
        float[][] raw = new float[lines.size() - 1][3];
        int right = 0;
        for (int i = 0; i < raw.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int k = 0; k < 3; k++) {
                raw[i][k] = Float.parseFloat(cells[k]);
            }
            right += m.classify(raw[i]).index() == Integer.parseInt(cells[3]) ? 1 : 0;
        }
        float[][] want = library(m, raw);
        close("mlp4j predict (CSV)", cliPredict(model, rows), want);
        close("ONNX Runtime (no preprocessing in the graph)", onnx(model, raw), want);
        Cli evaluate = Cli.run("evaluate", model.toString(), "--data", rows.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out())
                .contains(String.format(
                        java.util.Locale.ROOT, "accuracy %.4f (%d examples)", (double) right / raw.length, raw.length));
        // the commands that trace images refuse a table's model in one line that says why
        Cli explain = Cli.run("explain", model.toString());
        assertThat(explain.exitCode()).isEqualTo(2);
        assertThat(explain.err())
                .contains("a model of a table (trained on spark, 3 inputs): this command takes MNIST or Fashion-MNIST"
                        + " images (evaluate takes the table: --data FILE.csv)");
    }

    @Test
    void aCsvFileGivenWithoutDatasetCsvIsRefusedSayingWhatToAdd() throws Exception {
        Path table = Files.writeString(dir.resolve("flowers.csv"), "a,b,label\n1,2,x\n3,4,y\n");
        Cli c = Cli.run("train", "--data", table.toString(), "--epochs", "1");
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err())
                .isEqualTo("mlp4j: error: --data: expected a directory of mnist files, found a file at " + table
                        + " (a CSV file needs --dataset csv)\n");
        Cli missing = Cli.run(
                "train",
                "--dataset",
                "fashion-mnist",
                "--data",
                dir.resolve("none").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err())
                .contains(
                        "--data: expected a directory of fashion-mnist files, found nothing at " + dir.resolve("none"));
    }

    @Test
    void aSparkModelOfGreyLevelsMustBeToldWhichImagesItLearned() throws Exception {
        Path model = dir.resolve("grey.safetensors");
        ModelFile.save(model, network(784, 10, 4), Map.of("input_scaling", "pixel/255", "dataset", "spark"));
        for (String command : new String[] {"explain", "evaluate"}) {
            Cli c = Cli.run(command, model.toString());
            assertThat(c.exitCode()).as(command).isEqualTo(2);
            assertThat(c.err())
                    .as(command)
                    .contains("a model of grey levels trained on Spark does not say which images they were: give"
                            + " --dataset mnist or fashion-mnist");
        }
    }

    @Test
    void evaluateTakesRawExamplesAsPredictDoes() {
        Network net = network(4, 3, 5);
        Model m = Model.of(net, Map.of("input_scaling", "pixel/255"));
        Rng rng = new Rng(13);
        float[][] raw = new float[30][4];
        for (float[] r : raw) {
            for (int k = 0; k < 4; k++) {
                r[k] = (float) Math.floor(rng.nextDouble() * 256);
            }
        }
        float[][] out = m.predictBatch(raw);
        int[] labels = new int[raw.length];
        int right = 0;
        for (int i = 0; i < raw.length; i++) {
            labels[i] = i % 3;
            if (org.mlp4j.eval.Evaluation.argmax(out[i], 0, 3) == labels[i]) {
                right++;
            }
        }
        var data = org.mlp4j.data.TabularDataset.of(raw, labels, 3);
        assertThat(m.evaluate(data).accuracy()).isEqualTo((double) right / raw.length);
    }

    /**
     * Issue 22, item 5: a regression model answers in its targets' units at every entry point: the
     * library, {@code mlp4j predict}, serve's JSON API (rows by feature name) and ONNX Runtime (the target
     * scaling in the graph), and {@code mlp4j evaluate} scores the same values as the library.
     */
    @Test
    void aRegressionModelAnswersInItsTargetsUnitsEverywhere() throws Exception {
        Path model = dir.resolve("prices.safetensors");
        Standardizer inputs = new Standardizer(new float[] {1000, 5, 0.002f}, new float[] {300, 2, 0.001f});
        Network net = Network.init(
                new int[] {3, 12, 2},
                StandardActivation.TANH,
                StandardActivation.IDENTITY,
                StandardCost.HUBER,
                Init.HE,
                new Rng(21));
        ModelFile.save(
                model,
                net,
                Map.of(
                        "input_scaling", "standardize",
                        "task", "regression",
                        "target_names", "price,days",
                        "feature_names", "a,b,c",
                        "dataset", "csv"),
                Map.of(
                        "input.mean",
                        inputs.mean(),
                        "input.std",
                        inputs.std(),
                        "target.mean",
                        new float[] {250_000f, 30f},
                        "target.std",
                        new float[] {80_000f, 12f}));
        Rng rng = new Rng(22);
        float[][] raw = new float[8][];
        StringBuilder csv = new StringBuilder("c,label,a,b\n");
        for (int i = 0; i < raw.length; i++) {
            raw[i] = new float[] {
                (float) (1000 + 300 * rng.nextGaussian()),
                (float) (5 + 2 * rng.nextGaussian()),
                (float) (0.002 + 0.001 * rng.nextGaussian())
            };
            csv.append(raw[i][2])
                    .append(",0,")
                    .append(raw[i][0])
                    .append(',')
                    .append(raw[i][1])
                    .append('\n');
        }
        Model m = Model.load(model);
        assertThat(m.isRegression()).isTrue();
        assertThat(m.targetNames()).containsExactly("price", "days");
        float[][] want = m.predictBatch(raw);
        // the library's own answer against the network by hand: standardise, forward, z · std + mean
        org.mlp4j.model.ReferenceNetwork ref = org.mlp4j.model.ReferenceNetwork.of(net);
        for (int i = 0; i < raw.length; i++) {
            assertThat(m.predict(raw[i])).containsExactly(want[i]);
            assertThat(m.outputs(raw[i])).containsExactly(want[i]);
            double[] z = ref.feedforward(org.mlp4j.model.ReferenceNetwork.asDouble(inputs.apply(raw[i])));
            assertThat((double) want[i][0])
                    .isCloseTo(z[0] * 80_000 + 250_000, org.assertj.core.data.Offset.offset(0.1));
            assertThat((double) want[i][1]).isCloseTo(z[1] * 12 + 30, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(want[0][0]).as("in the target's units, not standardised").isGreaterThan(1000f);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.classify(raw[0]))
                .hasMessageContaining("regression model of price, days");
        Path rows = Files.writeString(dir.resolve("rows.csv"), csv);
        Cli predict = Cli.run("predict", model.toString(), rows.toString(), "--format", "json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<?> answers = (List<?>) Json.parse(predict.out());
        float[][] predicted = new float[answers.size()][];
        for (int i = 0; i < predicted.length; i++) {
            Map<?, ?> values = (Map<?, ?>) ((Map<?, ?>) answers.get(i)).get("values");
            predicted[i] =
                    new float[] {((Number) values.get("price")).floatValue(), ((Number) values.get("days")).floatValue()
                    };
        }
        closeRelative("mlp4j predict (CSV)", predicted, want);
        closeRelative("ONNX Runtime (target scaling in the graph)", onnx(model, raw), want);
        closeRelative("serve JSON API (rows by feature name)", servedRows(model, raw), want);
        // evaluate: targets in the file's label column; the library's figures on the same rows
        float[][] targets = new float[raw.length][];
        StringBuilder scored = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < raw.length; i++) {
            targets[i] = new float[] {want[i][0] + 1000 * (i % 3), 0};
            scored.append(raw[i][0])
                    .append(',')
                    .append(raw[i][1])
                    .append(',')
                    .append(raw[i][2])
                    .append(',')
                    .append(targets[i][0])
                    .append('\n');
        }
        Path one = dir.resolve("one.safetensors");
        ModelFile.save(
                one,
                Network.init(
                        new int[] {3, 4, 1},
                        StandardActivation.TANH,
                        StandardActivation.IDENTITY,
                        StandardCost.QUADRATIC,
                        Init.HE,
                        new Rng(23)),
                Map.of(
                        "input_scaling",
                        "standardize",
                        "task",
                        "regression",
                        "target_names",
                        "price",
                        "dataset",
                        "csv",
                        "feature_names",
                        "a,b,c"),
                Map.of(
                        "input.mean",
                        inputs.mean(),
                        "input.std",
                        inputs.std(),
                        "target.mean",
                        new float[] {250_000f},
                        "target.std",
                        new float[] {80_000f}));
        Model single = Model.load(one);
        float[][] truth = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            truth[i] = new float[] {targets[i][0]};
        }
        var fit = single.evaluateRegression(raw, truth);
        Cli evaluate = Cli.run(
                "evaluate",
                one.toString(),
                "--data",
                Files.writeString(dir.resolve("scored.csv"), scored).toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out())
                .contains(String.format(java.util.Locale.ROOT, "RMSE %.6g", fit.rmse())
                        .substring(0, 10))
                .contains(String.format(java.util.Locale.ROOT, "R² %.4f", fit.r2()))
                .contains("rows 8");
    }

    /** Values in a target's units: equal within 1e-6 of their size (a float's rounding at 250,000 is 0.016). */
    static void closeRelative(String entry, float[][] got, float[][] want) {
        assertThat(got).as(entry).hasNumberOfRows(want.length);
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                assertThat((double) got[i][j])
                        .as("%s row %d output %d", entry, i, j)
                        .isCloseTo(
                                want[i][j],
                                org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(want[i][j]))));
            }
        }
    }
}
