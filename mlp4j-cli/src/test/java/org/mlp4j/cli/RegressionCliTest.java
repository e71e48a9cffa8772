package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.io.Json;
import org.mlp4j.math.Rng;

/**
 * Issue 22, item 5, from the command line: {@code --task regression} trains, reports RMSE, MAE and R² in
 * every place a classifier reports accuracy, and every command answers in the target's units.
 */
class RegressionCliTest {
    @TempDir
    Path dir;

    /** price = 40 area + 9000 rooms + 20000 (noise 2000): in the tens of thousands, far from standardised. */
    private Path homes(String name, int n, long seed) throws Exception {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder("area,price,rooms\n"); // the target between two features
        for (int i = 0; i < n; i++) {
            double area = 50 + 150 * rng.nextDouble();
            int rooms = 1 + (int) (5 * rng.nextDouble());
            double price = 40 * area + 9000 * rooms + 20000 + 2000 * rng.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.2f,%.2f,%d%n", area, price, rooms));
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** {@code mlp4j train --dataset csv --task regression --label LABEL --data DATA MORE… --runs dir/runs}. */
    private Cli regression(String label, String data, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("train", "--dataset", "csv", "--task", "regression", "--label", label, "--data", data));
        args.addAll(List.of(more));
        args.addAll(List.of("--runs", dir.resolve("runs").toString()));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aRegressionTrainsAndEveryCommandAnswersInTheTargetsUnits() throws Exception {
        Path train = homes("train.csv", 600, 1);
        Path test = homes("test.csv", 200, 2);
        Path model = dir.resolve("homes.safetensors");
        Cli r = regression(
                "price",
                train.toString(),
                "--test-data",
                test.toString(),
                "--epochs",
                "40",
                "--save",
                model.toString(),
                "--run-name",
                "homes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 features, 1 target").contains("relu+identity/quadratic");
        assertThat(r.out())
                .containsPattern("Epoch 1: train loss [0-9.]+, train RMSE [0-9.e+]+, R² -?[0-9.]+,"
                        + " validation loss [0-9.]+, validation RMSE [0-9.e+]+, MAE [0-9.e+]+, R² -?[0-9.]+,");
        assertThat(r.out()).doesNotContain("accuracy");
        String result =
                r.out().lines().filter(l -> l.startsWith("result ")).findFirst().orElseThrow();
        assertThat(result).matches("result test_rmse=\\S+ test_mae=\\S+ test_r2=\\S+ train_seconds=\\S+ epochs=\\d+");
        double r2 = Double.parseDouble(result.replaceAll(".*test_r2=(\\S+).*", "$1"));
        double rmse = Double.parseDouble(result.replaceAll(".*test_rmse=(\\S+).*", "$1"));
        assertThat(r2).as("R² of a nearly linear target").isGreaterThan(0.9);
        assertThat(rmse)
                .as("RMSE in dollars: near the noise's 2000, far from a standardised 0.x")
                .isBetween(1500.0, 8000.0);

        Path run = dir.resolve("runs/homes");
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.parse(metrics.get(0));
        assertThat(first.keySet())
                .contains("train_rmse", "train_mae", "train_r2", "validation_rmse", "validation_mae", "validation_r2")
                .doesNotContain("train_accuracy", "validation_accuracy");
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        assertThat(((Number) summary.get("test_r2")).doubleValue())
                .isCloseTo(r2, org.assertj.core.data.Offset.offset(1e-5));

        Model m = Model.load(model);
        assertThat(m.isRegression()).isTrue();
        assertThat(m.targetNames()).containsExactly("price");
        assertThat(m.metadata()).containsEntry("test_r2", result.replaceAll(".*test_r2=(\\S+).*", "$1"));
        float price = m.predict(new float[] {120f, 3f})[0];
        assertThat((double) price)
                .as("a 120 m², 3-room home: about 40·120 + 27000 + 20000")
                .isBetween(45000.0, 60000.0);

        Cli evaluate = Cli.run("evaluate", model.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out())
                .contains("regression of price")
                .contains("rows 200")
                .contains(String.format(Locale.ROOT, "R² %.4f", r2));

        Path rows = Files.writeString(dir.resolve("rows.csv"), "rooms,area\n3,120\n");
        Cli predict = Cli.run("predict", model.toString(), rows.toString(), "--format", "csv");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines().toList()).hasSize(2);
        assertThat(predict.out().lines().toList().get(0)).isEqualTo("input,\"price\"");
        assertThat(Float.parseFloat(predict.out().lines().toList().get(1).split(",")[1]))
                .isEqualTo(price);

        Cli report = Cli.run("report", run.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String page = Files.readString(run.resolve("report.html"));
        assertThat(page)
                .contains("Regression of price on " + test)
                .contains(String.format(Locale.ROOT, "<th>R²</th><td>%.4f</td>", r2))
                .contains("alt=\"predicted against true price\"")
                .contains("alt=\"RMSE (the target&#39;s units)\"");
    }

    @Test
    void aRegressionIsChosenNeverGuessedAndItsMistakesAreNamed() throws Exception {
        Path train = homes("train.csv", 200, 3);
        Cli guessed = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--label",
                "price",
                "--data",
                train.toString(),
                "--epochs",
                "1",
                "--runs",
                dir.resolve("runs").toString());
        assertThat(guessed.exitCode()).isZero();
        assertThat(guessed.err())
                .as("a numeric label column is classes unless told")
                .contains("warning: the label column 'price'");

        Cli softmax = regression("price", train.toString(), "--output-activation", "softmax");
        assertThat(softmax.exitCode()).isEqualTo(2);
        assertThat(softmax.err())
                .contains("--output-activation: expected an output for real values with task regression");

        Cli mnist = Cli.run(
                "train", "--task", "regression", "--runs", dir.resolve("runs").toString());
        assertThat(mnist.exitCode()).isEqualTo(2);
        assertThat(mnist.err())
                .contains("--task: regression learns values from a table; expected dataset csv, found mnist");

        Path words = Files.writeString(dir.resolve("words.csv"), "area,price\n1,cheap\n");
        Cli text = regression("price", words.toString());
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err())
                .contains("line 2, target column 'price'")
                .contains("cheap")
                .doesNotContain("\tat ");

        Path ck = dir.resolve("ck.safetensors");
        Cli checkpointed = regression("price", train.toString(), "--epochs", "2", "--checkpoint", ck.toString());
        assertThat(checkpointed.exitCode()).as(checkpointed.err()).isZero();
        assertThat(Model.load(ck).isRegression())
                .as("a checkpoint loads as the model it will be")
                .isTrue();
        Path other = Files.writeString(
                dir.resolve("other.csv"), Files.readString(train).replace("area,price,rooms", "area,cost,rooms"));
        Cli resumed = Cli.run(
                "train",
                "--resume",
                ck.toString(),
                "--data",
                other.toString(),
                "--runs",
                dir.resolve("runs").toString());
        assertThat(resumed.exitCode()).isEqualTo(2);
        assertThat(resumed.err()).contains("expected a label column named 'price'");
    }

    /** Two target columns from one file: one model of two outputs, each answered in its own units. */
    @Test
    void twoTargetColumnsTrainOneModelOfTwoOutputs() throws Exception {
        Rng rng = new Rng(9);
        StringBuilder sb = new StringBuilder("area,price,rooms,days\n");
        for (int i = 0; i < 500; i++) {
            double area = 50 + 150 * rng.nextDouble();
            int rooms = 1 + (int) (5 * rng.nextDouble());
            sb.append(String.format(
                    Locale.ROOT,
                    "%.2f,%.2f,%d,%.2f%n",
                    area,
                    40 * area + 9000 * rooms + 20000 + 2000 * rng.nextGaussian(),
                    rooms,
                    90 - 0.2 * area + rng.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("two.csv"), sb);
        Path model = dir.resolve("two.safetensors");
        Cli r = regression("price,days", data.toString(), "--epochs", "40", "--save", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 features, 2 targets");
        Model m = Model.load(model);
        assertThat(m.targetNames()).containsExactly("price", "days");
        float[] y = m.predict(new float[] {120f, 3f});
        assertThat((double) y[0]).as("price in dollars").isBetween(45000.0, 60000.0);
        assertThat((double) y[1]).as("days: 90 − 0.2 · 120").isBetween(60.0, 72.0);
        Cli predict = Cli.run("predict", model.toString(), data.toString(), "--format", "csv");
        assertThat(predict.out().lines().findFirst().orElseThrow()).isEqualTo("input,\"price\",\"days\"");
    }

    /** A run that split its one file has no test file to draw: its page shows the figures it recorded. */
    @Test
    void theReportOfARunWithoutATestFileShowsItsRecordedFigures() throws Exception {
        Path train = homes("train.csv", 300, 11);
        Cli r = regression("price", train.toString(), "--epochs", "3", "--run-name", "split");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Cli report = Cli.run("report", dir.resolve("runs/split").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String page = Files.readString(dir.resolve("runs/split/report.html"));
        String r2 = r.out()
                .lines()
                .filter(l -> l.startsWith("result "))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*test_r2=(\\S+).*", "$1");
        assertThat(page)
                .contains("the last fifth of its shuffled file")
                .contains("<th>test_r2</th><td>" + Double.parseDouble(r2) + "</td>")
                .contains("the run&#39;s own split of its file");
    }
}
