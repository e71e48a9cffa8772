package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commands and user mistakes that need no dataset. */
class CommandLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "train --batch-size 0|--batch-size|expected a whole number ≥ 1, found '0'",
                "train --epochs -3|--epochs|expected a whole number ≥ 1, found '-3'",
                "train --lr 0|--lr|expected a number in (0, ∞), found '0'",
                "train --lr -0.5|--lr|expected a number in (0, ∞), found '-0.5'",
                "train --lr Infinity|--lr|Infinity",
                "train --layers 784,abc,10|--layers|784,abc,10",
                "train --layers 784|--layers|at least two",
                "train --layers 784,0,10|--layers|found 0",
                "train --activation softplus|activation|softplus",
                "train --cost hinge|cost|hinge",
                "train --preset fancy|--recipe|fancy",
                "train --recipe fancy|--recipe|fancy",
                "train --dropout -0.1|--dropout|-0.1",
                "train --input-dropout 1|--input-dropout|[0, 1)",
                "train --activation softmax|--activation|output activation",
                "train --optimizer adamm|--optimizer|adamm",
                "train --schedule cosin|--schedule|cosin",
                "train --init xavier|--init|xavier",
                "train --cost cross-entropy --output-activation relu|--cost|softmax or sigmoid",
                "train --momentum 1.5|--momentum|1.5",
                "train --patience 3 --validation-split 0|--patience|held-out",
                "train --validation-split article --optimizer adam|--validation-split|article",
                "train --augment-rotate 500|--augment-rotate|500",
                "train --dataset csv|--data|csv",
                "train --threads 0|--threads|found 0",
                "train --epochs many|--epochs|many",
                "train --data /nonexistent/dir|--data|/nonexistent/dir",
                "gradcheck --layers 5|--layers|at least two",
                "fetch cifar|dataset|cifar",
            })
    void userMistakesGetOneClearMessageAndExitCode2(String args, String names, String found) {
        Cli r = Cli.run(args.split(" "));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(names).contains(found);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void recipeFilesWithATypoNameTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path json = dir.resolve("r.json");
        java.nio.file.Files.writeString(json, "{\"layers\": [784, 100, 10], \"learning-rate\": 0.1}");
        Cli r = Cli.run("train", "--recipe", json.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains(json.toString())
                .contains("unknown key 'learning-rate'")
                .doesNotContain("\tat ");
        java.nio.file.Path yaml = dir.resolve("r.yaml");
        java.nio.file.Files.writeString(yaml, "layers: [784, 100, 10]\ndropuot: 0.5\n");
        Cli y = Cli.run("train", "--recipe", yaml.toString());
        assertThat(y.exitCode()).isEqualTo(2);
        assertThat(y.err()).contains("unknown key 'dropuot' (did you mean 'dropout'?)");
        java.nio.file.Files.writeString(yaml, "layers: [784, 100, 10]\ndropout: -0.5\n");
        Cli bad = Cli.run("train", "--recipe", yaml.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'dropout' (from " + yaml + ")").contains("-0.5");
        java.nio.file.Files.writeString(yaml, "layers: [784, 100\n");
        Cli broken = Cli.run("train", "--recipe", yaml.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains(yaml.toString()).contains("YAML");
    }

    @Test
    void gradcheckPassesAndPrintsEveryLayer() {
        Cli r = Cli.run("gradcheck", "--layers", "5,4,3");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .containsPattern("layer 1 \\(5 -> 4\\): max relative error \\d\\.\\d{3}e-\\d+ .* ok")
                .containsPattern("layer 2 \\(4 -> 3\\): max relative error .* ok")
                .contains("passed");
    }

    @Test
    void gradcheckForEveryActivation() {
        for (String act : new String[] {"sigmoid", "identity", "tanh", "relu", "leaky-relu", "gelu"}) {
            Cli r = Cli.run("gradcheck", "--layers", "6,5,4,3", "--activation", act, "--seed", "3");
            assertThat(r.exitCode()).as(act + ": " + r.out()).isZero();
            Cli modern = Cli.run(
                    "gradcheck",
                    "--layers",
                    "6,5,4,3",
                    "--activation",
                    act,
                    "--output-activation",
                    "softmax",
                    "--cost",
                    "cross-entropy",
                    "--init",
                    "he",
                    "--dropout",
                    "0.3",
                    "--seed",
                    "3");
            assertThat(modern.exitCode()).as(act + ": " + modern.out()).isZero();
            assertThat(modern.out())
                    .contains("+softmax/cross-entropy, he init, dropout 0.3")
                    .contains("passed");
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {
            "train", "evaluate", "predict", "export", "explain", "report", "serve", "gradcheck", "fetch", "bench"
        }) {
            Cli r = Cli.run(cmd, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Usage: mlp4j " + cmd);
        }
        assertThat(Cli.run("--help").out()).contains("train").contains("gradcheck");
    }

    @Test
    void pythonStyleRounding() {
        assertThat(EpochPrinter.twoDecimals(0.125)).isEqualTo("0.12"); // exact tie: half to even, as Python
        assertThat(EpochPrinter.twoDecimals(0.135)).isEqualTo("0.14"); // 0.135 is stored slightly above the tie
        assertThat(EpochPrinter.twoDecimals(1.0)).isEqualTo("1.00");
        assertThat(EpochPrinter.twoDecimals(0.0)).isEqualTo("0.00");
        assertThat(EpochPrinter.twoDecimals(0.09375)).isEqualTo("0.09");
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndEveryOneForTheRest() {
        int all = Main.COMMANDS.size();
        assertThat(Main.commandLine("train").getSubcommands()).containsOnlyKeys("train");
        assertThat(Main.commandLine("train")
                        .getSubcommands()
                        .get("train")
                        .getCommandSpec()
                        .findOption("--lr"))
                .as("the recipe's flags are added to train")
                .isNotNull();
        assertThat(Main.commandLine("spark-train").getSubcommands()).containsOnlyKeys("spark-train");
        assertThat(Main.commandLine("predict").getSubcommands()).containsOnlyKeys("predict");
        for (String first : new String[] {null, "help", "completion", "--help", "-V", "trian", ""}) {
            assertThat(Main.commandLine(first).getSubcommands())
                    .as("first argument %s", first)
                    .hasSize(all);
        }
        assertThat(Main.commandLine(null).getSubcommands().keySet())
                .as("--help lists the commands in their order")
                .startsWith("train", "spark-train", "evaluate", "predict")
                .endsWith("shell", "help");
    }
}
