package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.testing.MarkdownBlocks;

/**
 * The README's commands run as written (issue 14, item 9): every fenced block marked {@code bash runnable}
 * is run by bash, through the real {@code ./mlp4j} launcher, from a folder that looks like a fresh clone.
 */
class ReadmeCommandsTest {
    @TempDir
    Path dir;

    private static int indexOf(List<String> blocks, String text) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no runnable block contains '" + text + "'");
    }

    @Test
    void runnableBlocksRunAsWritten() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        List<String> blocks = new java.util.ArrayList<>(
                MarkdownBlocks.fenced(Files.readAllLines(repo.resolve("README.md")), "bash runnable"));
        int fromReadme = blocks.size();
        blocks.addAll(
                MarkdownBlocks.fenced(Files.readAllLines(repo.resolve("docs").resolve("learn.md")), "bash runnable"));
        assertThat(fromReadme).as("runnable blocks in README.md").isGreaterThanOrEqualTo(2);
        assertThat(blocks.size() - fromReadme)
                .as("runnable blocks in docs/learn.md")
                .isGreaterThanOrEqualTo(3);
        Path clone = Files.createDirectories(dir.resolve("clone"));
        Files.createSymbolicLink(clone.resolve("mlp4j"), repo.resolve("mlp4j"));
        Files.createSymbolicLink(clone.resolve("docs"), repo.resolve("docs"));
        Path jar = LauncherJar.make(dir);
        for (int i = 0; i < blocks.size(); i++) {
            Path out = dir.resolve("block" + i + ".out");
            ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", blocks.get(i))
                    .directory(clone.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("MLP4J_JAR", jar.toString());
            Process p = pb.start();
            assertThat(p.waitFor(15, TimeUnit.MINUTES))
                    .as("block " + i + " finished")
                    .isTrue();
            String printed = Files.readString(out);
            assertThat(p.exitValue())
                    .as("README block " + i + ":\n" + blocks.get(i) + "\nprinted:\n" + printed)
                    .isZero();
            assertThat(printed).doesNotContain("Exception");
            System.out.println((i < fromReadme ? "README" : "docs/learn.md") + " block " + i + ": ok ("
                    + blocks.get(i).lines().count() + " commands)");
        }
        assertThat(clone.resolve("model.safetensors")).exists();
        assertThat(clone.resolve("model.onnx")).exists();
        assertThat(Files.readString(dir.resolve("block" + indexOf(blocks, "predict model.safetensors") + ".out")))
                .contains("docs/examples/digit-7.png: class 7");
        // the Spark block: trained on Spark (local[2]), its usual result line with the workers
        assertThat(Files.readString(dir.resolve("block" + indexOf(blocks, "spark-train") + ".out")))
                .containsPattern("result test_accuracy=0\\.9[0-9]{3} train_seconds=[0-9.]+ epochs=3 workers=2")
                .contains("executors ran vector kernels");
        assertThat(String.join(
                        "",
                        java.util.stream.IntStream.range(fromReadme, blocks.size())
                                .mapToObj(i -> {
                                    try {
                                        return Files.readString(dir.resolve("block" + i + ".out"));
                                    } catch (java.io.IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                })
                                .toList()))
                .contains("(1) delta^L")
                .contains("passed")
                .contains("Test accuracy: 0.11");
    }
}
