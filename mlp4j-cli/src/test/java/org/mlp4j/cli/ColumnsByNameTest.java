package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.math.Rng;

/**
 * Issue 22's findings that gave silently wrong answers with the user's own tables: columns read by
 * position, repeated names, resuming on other data, serving a table model; and the small ones.
 */
class ColumnsByNameTest {
    @TempDir
    static Path dir;

    static Path train;
    static Path model;
    static double accuracy;

    /** Two separable classes that only the first feature, x, tells apart; y and z are noise of other scales. */
    static String table(List<String> order, int n, long seed, String labelA, String labelB) {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder(String.join(",", order)).append('\n');
        for (int i = 0; i < n; i++) {
            boolean a = i % 2 == 0;
            List<String> row = new ArrayList<>();
            for (String col : order) {
                row.add(
                        switch (col) {
                            case "x" -> String.format(Locale.ROOT, "%.4f", (a ? -2 : 2) + 0.3 * rng.nextGaussian());
                            case "y", "w" -> String.format(Locale.ROOT, "%.4f", 100 * rng.nextGaussian());
                            case "z" -> String.format(Locale.ROOT, "%.4f", 0.01 * rng.nextGaussian());
                            default -> a ? labelA : labelB;
                        });
            }
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        train = Files.writeString(
                dir.resolve("train.csv"), table(List.of("x", "y", "z", "label"), 400, 1, "cat", "dog"));
        model = dir.resolve("m.safetensors");
        Cli c = trainSmall(train.toString(), "--runs", dir.resolve("runs").toString(), "--save", model.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        Cli same = Cli.run("evaluate", model.toString(), "--data", train.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        accuracy = accuracyOf(same.out());
        assertThat(accuracy).isGreaterThan(0.95);
    }

    /** {@code mlp4j train} on a CSV file with the fast-98 recipe, and the flags of the test. */
    /** {@link #trainCsv} with the small network and short run most of these tests use. */
    static Cli trainSmall(String data, String... flags) {
        List<String> args = new ArrayList<>(List.of(
                "--layers", "3,8,2", "--epochs", "5", "--batch-size", "16", "--lr", "0.05", "--validation-split", "0"));
        args.addAll(List.of(flags));
        return trainCsv(data, args.toArray(String[]::new));
    }

    static Cli trainCsv(String data, String... flags) {
        List<String> args =
                new ArrayList<>(List.of("train", "--recipe", "fast-98", "--dataset", "csv", "--data", data));
        args.addAll(List.of(flags));
        return Cli.run(args.toArray(String[]::new));
    }

    static double accuracyOf(String report) {
        var m = java.util.regex.Pattern.compile("accuracy\\s+([0-9.]+)").matcher(report);
        assertThat(m.find()).as(report).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluateReadsColumnsByNameInAnyOrderIgnoringExtras() throws Exception {
        Path reordered = Files.writeString(
                dir.resolve("reordered.csv"), table(List.of("label", "z", "extra", "y", "x"), 400, 1, "cat", "dog"));
        Cli c = Cli.run("evaluate", model.toString(), "--data", reordered.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(accuracyOf(c.out())).as("scored 0.50 when read by position").isEqualTo(accuracy);
    }

    @Test
    void aMissingOrRepeatedColumnIsNamed() throws Exception {
        Path missing =
                Files.writeString(dir.resolve("missing.csv"), table(List.of("x", "y", "label"), 10, 3, "cat", "dog"));
        HostileInputTest.refused(
                Cli.run("evaluate", model.toString(), "--data", missing.toString()),
                "missing.csv: expected a column named 'z' (a feature the model was trained on: x, y, z), found none");
        Path repeated = Files.writeString(
                dir.resolve("repeated.csv"), table(List.of("x", "x", "y", "z", "label"), 10, 3, "cat", "dog"));
        HostileInputTest.refused(
                Cli.run("evaluate", model.toString(), "--data", repeated.toString()),
                "repeated.csv: header: expected each column name once, found 'x' more than once (columns 1 and 2)");
        HostileInputTest.refused(
                trainCsv(repeated.toString(), "--runs", dir.resolve("runs-r").toString()),
                "header: expected each column name once, found 'x' more than once");
        assertThat(dir.resolve("runs-r")).doesNotExist();
        Path predictRepeated = Files.writeString(dir.resolve("p.csv"), "x,y,y,z\n1,2,3,4\n");
        HostileInputTest.refused(
                Cli.run("predict", model.toString(), predictRepeated.toString()),
                "p.csv: header: expected each column name once, found 'y' more than once (columns 2 and 3)");
    }

    @Test
    void testDataIsReadByTheTrainingHeadersNames() throws Exception {
        Path reordered = Files.writeString(
                dir.resolve("test-reordered.csv"), table(List.of("z", "label", "x", "y"), 200, 9, "cat", "dog"));
        Cli c = trainCsv(
                train.toString(),
                "--test-data",
                reordered.toString(),
                "--layers",
                "3,8,2",
                "--epochs",
                "5",
                "--batch-size",
                "16",
                "--lr",
                "0.05",
                "--validation-split",
                "0",
                "--runs",
                dir.resolve("runs-t").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        var m = java.util.regex.Pattern.compile("test_accuracy=([0-9.]+)").matcher(c.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.95);
    }

    @Test
    void evaluateFallsBackToTheTestFileTheModelWasTrainedWith() throws Exception {
        Path test = Files.writeString(
                dir.resolve("held.csv"), table(List.of("y", "label", "x", "z"), 100, 8, "cat", "dog"));
        Path withTest = dir.resolve("with-test.safetensors");
        Cli c = trainCsv(
                train.toString(),
                "--test-data",
                test.toString(),
                "--layers",
                "3,8,2",
                "--validation-split",
                "0",
                "--save",
                withTest.toString(),
                "--runs",
                dir.resolve("runs-w").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        Cli e = Cli.run("evaluate", withTest.toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.err()).contains("evaluating on " + test + ", the test file the model was trained with");
        assertThat(accuracyOf(e.out())).isGreaterThan(0.9);
        HostileInputTest.refused(
                Cli.run("evaluate", model.toString()), "found no --data (and no --test-data recorded with the model)");
    }

    @Test
    void resumeRefusesDataWithOtherClassesOrFeatures() throws Exception {
        Path ck = dir.resolve("ck.safetensors");
        Cli first = trainCsv(
                train.toString(),
                "--layers",
                "3,8,2",
                "--epochs",
                "2",
                "--validation-split",
                "0",
                "--checkpoint",
                ck.toString(),
                "--runs",
                dir.resolve("runs-c").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path fruit = Files.writeString(
                dir.resolve("fruit.csv"), table(List.of("x", "y", "z", "label"), 100, 4, "apple", "pear"));
        HostileInputTest.refused(
                Cli.run("train", "--resume", ck.toString(), "--data", fruit.toString()),
                "--resume " + ck + ": expected the checkpoint's class names in the data, found a difference at class 1:"
                        + " the checkpoint has 'cat', the data 'apple'");
        Path other = Files.writeString(
                dir.resolve("other.csv"),
                table(List.of("x", "y", "w", "label"), 100, 4, "cat", "dog").replace("x,y,w", "x,y,w"));
        HostileInputTest.refused(
                Cli.run("train", "--resume", ck.toString(), "--data", other.toString()),
                "found a difference at feature 3: the checkpoint has 'z', the data 'w'");
    }

    @Test
    void serveTakesATableModelsRowsByFeatureName() throws Exception {
        RunningServer server = RunningServer.start(model);
        try {
            String rows = "{\"rows\": [{\"z\": 0.001, \"x\": -2.1, \"y\": 50, \"note\": \"ignored\"},"
                    + " {\"x\": 2.2, \"y\": -30, \"z\": 0}]}";
            var predictions = (List<?>) InputContractTest.post(server, rows).get("predictions");
            assertThat(predictions).hasSize(2);
            assertThat(((java.util.Map<?, ?>) predictions.get(0)).get("label")).isEqualTo("cat");
            assertThat(((java.util.Map<?, ?>) predictions.get(1)).get("label")).isEqualTo("dog");
            String missing = ServeHardeningTest.request(
                    server.port(),
                    "POST",
                    "/api/predict",
                    "localhost",
                    "application/json",
                    "{\"rows\": [{\"x\": 1, \"y\": 2}]}".getBytes());
            assertThat(ServeHardeningTest.status(missing)).isEqualTo(400);
            assertThat(missing).contains("rows[0]: expected a value for the feature \\\"z\\\"");
            String png = ServeHardeningTest.request(
                    server.port(), "POST", "/api/predict", "localhost", "image/png", new byte[] {1, 2, 3});
            assertThat(ServeHardeningTest.status(png)).isEqualTo(415);
            assertThat(ServeHardeningTest.status(ServeHardeningTest.exchange(
                            server.port(),
                            "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                            new byte[0])))
                    .as("no drawing page for a table model")
                    .isEqualTo(404);
        } finally {
            server.stop();
        }
    }

    @Test
    void theResultLineSaysTheEpochsTrainedAndTheRunFolderIsNamedWithoutExtension() throws Exception {
        Path recipe = Files.writeString(
                dir.resolve("tabular.json"),
                "{\"dataset\": \"csv\", \"layers\": \"3,8,2\", \"epochs\": 100, \"patience\": 2, \"lr\": 0.5,"
                        + " \"validation-split\": 0.25, \"batch-size\": 16}");
        Path runs = dir.resolve("runs-e");
        Cli c = Cli.run("train", "--recipe", recipe.toString(), "--data", train.toString(), "--runs", runs.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        var m = java.util.regex.Pattern.compile("epochs=(\\d+)").matcher(c.out());
        assertThat(m.find()).isTrue();
        int ran = Integer.parseInt(m.group(1));
        long lines = c.out().lines().filter(l -> l.startsWith("Epoch ")).count();
        assertThat(ran).as("the epochs printed").isEqualTo((int) lines).isLessThan(100);
        try (var folders = Files.list(runs)) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList())
                    .singleElement()
                    .asString()
                    .endsWith("-tabular")
                    .doesNotContain(".json");
        }
        assertThat(RunRecord.recipeLabel("recipes/my recipe.YAML")).isEqualTo("my_recipe");
        assertThat(RunRecord.recipeLabel("default")).isEqualTo("default");
        assertThat(RunRecord.recipeLabel("a\\b\\c.yml")).isEqualTo("c");
    }

    @Test
    void aRunThatFailsToStartLeavesNoFolder() throws Exception {
        Path runs = dir.resolve("runs-f");
        Cli c = trainCsv(train.toString(), "--layers", "3,8,2", "--batch-size", "100000", "--runs", runs.toString());
        assertThat(c.exitCode()).isEqualTo(2);
        if (Files.exists(runs)) {
            try (var folders = Files.list(runs)) {
                assertThat(folders.toList()).isEmpty();
            }
        }
    }

    /**
     * Issue 22, item 3: a 150-row table with nothing but the file given. Each of the validation split, the
     * batch size and the layers was its own failed run before.
     */
    @Test
    void aSmallTableTrainsWithNoSettingsAtAll() throws Exception {
        Path small =
                Files.writeString(dir.resolve("small.csv"), table(List.of("x", "y", "z", "label"), 150, 5, "a", "b"));
        Cli c = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                small.toString(),
                "--runs",
                dir.resolve("runs-s").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err())
                .contains("from the data: layers 3,16,2 (3 features, 2 classes, hidden width by the rule of layers:"
                        + " auto); no validation split (a tenth of the 120 training rows would be 12, fewer than 20)")
                .contains("training 3-16-2 ")
                // no MNIST default anywhere (not "784" alone: a throughput such as "784,312 examples/s" has it)
                .doesNotContainPattern("784[-,]\\d+[-,]|\\b784 features|found 784|10000");
        var m = java.util.regex.Pattern.compile("test_accuracy=([0-9.]+)").matcher(c.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.9);
        try (var folders = Files.list(dir.resolve("runs-s"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList())
                    .singleElement()
                    .asString()
                    .endsWith("-tabular");
        }
    }

    /**
     * Issue 22, item 4: scikit-learn's iris.csv as it ships: its first line ("150,4,setosa,…") is no header
     * a person wrote, the label is the last column as an integer. The model keeps the layout, so evaluate
     * and predict read the same file the same way.
     */
    @Test
    void sklearnsOwnFileFormatTrainsWithHeaderAndLabelByPosition() throws Exception {
        StringBuilder iris = new StringBuilder("150,4,setosa,versicolor,virginica\n");
        Rng rng = new Rng(21);
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            iris.append(String.format(
                    Locale.ROOT,
                    "%.1f;%.1f;%.1f;%.1f;%d%n",
                    5 + c + 0.3 * rng.nextGaussian(),
                    3 + 0.3 * rng.nextGaussian(),
                    1 + 2 * c + 0.3 * rng.nextGaussian(),
                    0.2 + c + 0.2 * rng.nextGaussian(),
                    c));
        }
        Path file = Files.writeString(
                dir.resolve("iris.csv"), iris.toString().replaceFirst(",", ";").replace(",", ";"));
        Path m = dir.resolve("iris.safetensors");
        Cli c = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                file.toString(),
                "--header",
                "yes",
                "--label",
                "-1",
                "--delimiter",
                ";",
                "--save",
                m.toString(),
                "--runs",
                dir.resolve("runs-i").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err()).contains("3 classes");
        Cli e = Cli.run("evaluate", m.toString(), "--data", file.toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(accuracyOf(e.out())).isGreaterThan(0.9);
        assertThat(Model.load(m).classNames()).containsExactly("0", "1", "2");

        Path rows = Files.writeString(dir.resolve("rows.csv"), "5.0;3.1;1.0;0.2\n7.1;3.0;5.0;2.2\n");
        Cli p = Cli.run("predict", m.toString(), rows.toString(), "--format", "csv");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out().lines().skip(1).map(l -> l.split(",")[2]).toList()).containsExactly("\"0\"", "\"2\"");

        Path plain = Files.writeString(dir.resolve("plain.csv"), "1,2,a\n3,4,b\n5,6,a\n7,8,b\n9,10,a\n11,12,b\n");
        Cli noHeader = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                plain.toString(),
                "--no-header",
                "--header",
                "yes",
                "--runs",
                dir.resolve("runs-n").toString());
        HostileInputTest.refused(noHeader, "--no-header: says the opposite of --header yes; give one");
    }
}
