package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.recipe.Recipe;

/** What a newcomer's first runs print (issue 14): no NaN columns, usage errors, terminals, completion. */
class FirstRunTest {
    @TempDir
    Path dir;

    @Test
    void withNoHeldOutSetThereAreNoValidationColumns() throws Exception {
        Path runs = dir.resolve("runs");
        Cli c = Cli.run(
                "train",
                "--layers",
                "784,8,10",
                "--epochs",
                "2",
                "--validation-split",
                "0",
                "--runs",
                runs.toString(),
                "--run-name",
                "noval");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out())
                .contains("Epoch 1: train loss ")
                .doesNotContain("NaN")
                .doesNotContain("validation");
        assertThat(c.err()).doesNotContain("NaN").doesNotContain("validation acc");
        List<String> metrics = Files.readAllLines(runs.resolve("noval").resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(2).allMatch(l -> !l.contains("validation") && l.contains("\"train_loss\""));
        Cli report = Cli.run("report", runs.resolve("noval").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(runs.resolve("noval").resolve("report.html")))
                .contains("there is no validation set")
                .doesNotContain("the article's held-out");
        assertThat(ReportCommand.validationText(10000L))
                .isEqualTo("validation is the last 10,000 training examples, held out");
        assertThat(ReportCommand.validationText("article")).contains("article's held-out last minibatch");
        // with a held-out set the columns are there
        Cli held = Cli.run("train", "--layers", "784,8,10", "--epochs", "1", "--runs", runs.toString());
        assertThat(held.out()).contains(", validation loss ").contains(", validation accuracy ");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("expected a command").contains("Usage: mlp4j");
        Cli help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: mlp4j");
        // every command's one-line summary in the list is a whole sentence
        for (String line :
                help.out().lines().filter(l -> l.matches("  [a-z]+ {2,}.*")).toList()) {
            assertThat(line).as("command summary").doesNotEndWith(":");
        }
    }

    @Test
    void trainHelpListsTheRecipesFromTheirOwnDescriptions() {
        Cli help = Cli.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).doesNotContain("picocli WARN");
        for (String name : Recipe.names()) {
            assertThat(help.out()).containsPattern("\n  " + java.util.regex.Pattern.quote(name) + " +\\S");
        }
        assertThat(help.out())
                .contains("What ./mlp4j train runs: one wide ReLU layer")
                .contains("98.8%")
                .doesNotContain("784-512-10 ReLU + softmax/cross-entropy, momentum SGD");
    }

    @Test
    void liveBarsOnlyWhenStandardErrorIsATerminalAndColourUnlessNoColor() {
        assertThat(TrainProgress.onTerminal(Map.of("TERM", "xterm", "MLP4J_STDERR_TERMINAL", "0")))
                .isFalse();
        assertThat(TrainProgress.onTerminal(Map.of("TERM", "xterm", "MLP4J_STDERR_TERMINAL", "1")))
                .isTrue();
        assertThat(TrainProgress.onTerminal(Map.of("TERM", "dumb", "MLP4J_STDERR_TERMINAL", "1")))
                .isFalse();
        assertThat(TrainProgress.onTerminal(Map.of("MLP4J_STDERR_TERMINAL", "1")))
                .isFalse();
        // the test's own stderr is Surefire's pipe, not a terminal
        assertThat(TrainProgress.onTerminal(Map.of("TERM", "xterm"))).isFalse();
        assertThat(TrainProgress.colour(Map.of())).isTrue();
        assertThat(TrainProgress.colour(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(TrainProgress.colour(Map.of("NO_COLOR", ""))).isTrue();
    }

    /** The bash script completes recipe flags that train adds at run time; bash itself runs it. */
    @Test
    void bashCompletionKnowsTheRecipeFlags() throws Exception {
        Cli c = Cli.run("completion", "bash");
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path script = Files.writeString(dir.resolve("mlp4j-completion.bash"), c.out());
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source " + script + " && COMP_WORDS=(mlp4j train --augment-r)"
                                + " && COMP_CWORD=2 && COMP_LINE='mlp4j train --augment-r' && COMP_POINT=${#COMP_LINE}"
                                + " && _complete_mlp4j && printf '%s\\n' \"${COMPREPLY[@]}\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().map(String::trim)).contains("--augment-rotate");
        assertThat(Cli.run("completion", "zsh").out()).contains("bashcompinit");
        HostileInputTest.refused(Cli.run("completion", "fish"), "SHELL: expected bash or zsh, found 'fish'");
    }
}
