package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.io.SafetensorsFiles;

/**
 * Every hostile or careless input to the command line (issue 10, items 6 to 9 and 14, and the messages
 * list) ends in one line naming the file or flag, what was expected and what was found, with exit 2 and
 * no stack trace.
 */
class HostileInputTest {
    @TempDir
    static Path dir;

    /** A user's mistake: exit 2, one "mlp4j: error:" message holding {@code expected}, no trace. */
    static void refused(Cli c, String... expected) {
        assertThat(c.exitCode()).as(c.err()).isEqualTo(2);
        assertThat(c.err())
                .startsWith("mlp4j: error: ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        for (String e : expected) {
            assertThat(c.err()).contains(e);
        }
    }

    static Stream<Arguments> badRecipes() {
        return Stream.of(
                Arguments.of(
                        "commas.json",
                        "{\"epochs\": 1,, }",
                        "commas.json: not valid JSON: expected a quoted key at line 1"),
                Arguments.of("empty.json", "", "empty.json: not valid JSON: unexpected end of JSON"),
                Arguments.of(
                        "dup.json",
                        "{\"epochs\": 1, \"epochs\": 2}",
                        "dup.json: not valid JSON: duplicate key \"epochs\""),
                Arguments.of(
                        "deep.json", "{\"layers\": " + "[".repeat(40) + "]".repeat(40) + "}", "nested deeper than 16"),
                Arguments.of(
                        "big.json",
                        "{\"seed\": 99999999999999999999}",
                        "big.json: not valid JSON: integer out of range"),
                Arguments.of("huge.json", "{\"lr\": 1e400}", "huge.json: not valid JSON: number out of range '1e400'"),
                Arguments.of(
                        "deep.yaml",
                        "layers: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
                        "deep.yaml line 1, column 24: YAML nested deeper than 16 levels"),
                Arguments.of(
                        "dup.yaml",
                        "epochs: 1\nepochs: 2\n",
                        "dup.yaml line 2, column 1: not valid YAML: found duplicate key epochs"),
                Arguments.of("syntax.yaml", "epochs: 1\nlr: [0.1\n", "syntax.yaml line 3, column 1: not valid YAML:"),
                Arguments.of(
                        "list.yaml",
                        "- epochs\n- lr\n",
                        "list.yaml: expected an object of recipe keys (key: value lines), found an array"),
                Arguments.of(
                        "nested.yaml",
                        "epochs: {a: 1}\n",
                        "nested.yaml: key 'epochs': expected a value, found an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecipes")
    void malformedRecipesAreNamedErrors(String name, String text, String expected) throws Exception {
        Path f = Files.writeString(dir.resolve(name), text);
        refused(Cli.run("train", "--recipe", f.toString(), "--epochs", "1"), expected);
    }

    @Test
    void aBinaryRecipeAndAByteOrderMark() throws Exception {
        Path bin = Files.write(
                dir.resolve("model.json"), new byte[] {0x50, 0x4b, 0x03, 0x04, (byte) 0xff, (byte) 0xfe, 0});
        refused(
                Cli.run("train", "--recipe", bin.toString()),
                "model.json: expected a JSON or YAML text file (UTF-8), found binary data");
        // a byte-order mark is not an error: Windows editors write it
        Path bom = Files.writeString(
                dir.resolve("bom.json"), "\uFEFF{\"epochs\": 1, \"lr\": \"x\"}", StandardCharsets.UTF_8);
        refused(
                Cli.run("train", "--recipe", bom.toString()),
                "'lr' (from " + bom + "): expected a number in (0, ∞), found 'x'");
    }

    @Test
    void sizesThatOverflowOrCannotFit() {
        refused(
                Cli.run("train", "--layers", "784,65536,65536,10"),
                "--layers: layer 2 (65536 x 65536) has 4294967296 weights; one layer may have at most 2147483639");
        refused(
                Cli.run("train", "--layers", "784,1000000,10"),
                "--layers: this run needs about ",
                "more than the",
                "MLP4J_JAVA_OPTS=-Xmx");
        refused(
                Cli.run("train", "--layers", "784,8,10", "--batch-size", "1000000000", "--epochs", "1"),
                "--batch-size: expected at most the 50000 training examples, found 1000000000");
        refused(
                Cli.run("train", "--layers", "784,8,10", "--batch-size", "50001", "--epochs", "1"),
                "--batch-size: expected at most the 50000 training examples, found 50001");
    }

    @Test
    void threadsAreCappedAndTheCapIsInTheHelp() {
        int cap = 4 * Runtime.getRuntime().availableProcessors();
        refused(Cli.run("train", "--threads", "10000"), "--threads: expected 1 to " + cap, "found 10000");
        refused(Cli.run("evaluate", "x.safetensors", "--threads", "10000"), "--threads: expected 1 to " + cap);
        assertThat(Cli.run("train", "--help").out()).contains("Threads, 1 to 4 per processor");
    }

    @Test
    void aSeedTooLongForALongIsShownAsGiven() {
        refused(
                Cli.run("train", "--seed", "99999999999999999999", "--epochs", "1"),
                "--seed: expected a whole number, found '99999999999999999999'");
    }

    @Test
    void outputPlacesAreCheckedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli save = Cli.run(
                "train",
                "--layers",
                "784,8,10",
                "--epochs",
                "1",
                "--save",
                file.resolve("m.safetensors").toString());
        refused(save, "--save " + file.resolve("m.safetensors") + ": cannot write there: ");
        assertThat(save.out()).doesNotContain("Epoch");
        refused(
                Cli.run("train", "--layers", "784,8,10", "--epochs", "1", "--save", dir.toString()),
                "expected a file name, found a folder");
        refused(
                Cli.run("train", "--layers", "784,8,10", "--epochs", "1", "--runs", file.toString()),
                "--runs " + file + ": expected a folder for run records, found a file");
    }

    @Test
    void aRunNameStaysInsideTheRunsFolder() throws Exception {
        Path runs = dir.resolve("runs-inside");
        Cli c = Cli.run(
                "train",
                "--layers",
                "784,8,10",
                "--epochs",
                "1",
                "--runs",
                runs.toString(),
                "--run-name",
                "../../escape");
        assertThat(c.exitCode()).as(c.err()).isZero();
        try (Stream<Path> s = Files.list(runs)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("_._.._escape");
        }
        assertThat(dir.resolve("escape")).doesNotExist();
        assertThat(dir.getParent().resolve("escape")).doesNotExist();
    }

    @Test
    void malformedCheckpointMetadataIsNamed() throws Exception {
        Path ck = dir.resolve("ck.safetensors");
        Cli c = Cli.run(
                "train",
                "--layers",
                "784,8,10",
                "--epochs",
                "1",
                "--checkpoint",
                ck.toString(),
                "--runs",
                dir.resolve("runs-ck").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path bad1 = dir.resolve("bad1.safetensors");
        SafetensorsFiles.copyWithMetadata(ck, bad1, m -> m.put("recipe", "{\"epochs\": 1,, }"));
        refused(Cli.run("train", "--resume", bad1.toString()), bad1 + " (its recipe): not valid JSON");
        Path bad2 = dir.resolve("bad2.safetensors");
        SafetensorsFiles.copyWithMetadata(ck, bad2, m -> m.put("train_seconds", "abc"));
        refused(
                Cli.run("train", "--resume", bad2.toString()),
                bad2 + ": metadata train_seconds: expected a number of" + " seconds, found 'abc'");
        Path bad3 = dir.resolve("bad3.safetensors");
        SafetensorsFiles.copyWithMetadata(ck, bad3, m -> m.put("activation", "bogus"));
        refused(Cli.run("evaluate", bad3.toString()), bad3 + ": __metadata__ ");
    }
}
