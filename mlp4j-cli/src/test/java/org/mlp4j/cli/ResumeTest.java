package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.io.SafetensorsFiles;

/**
 * Exact resume: a training process is killed mid-run, resumed from its checkpoint, and must end with
 * weights bit for bit equal to an uninterrupted run's.
 */
class ResumeTest {
    private static final String[] RUN = {
        "train", "--layers", "784,64,10", "--epochs", "8", "--seed", "5", "--dropout", "0.2", "--augment-shift", "1"
    };

    @TempDir
    Path dir;

    private static String[] with(String... extra) {
        String[] all = new String[RUN.length + extra.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(extra, 0, all, RUN.length, extra.length);
        return all;
    }

    /** Starts the CLI in a separate JVM and returns it once it has printed the line starting with {@code waitFor}. */
    private Process startAndWaitFor(String waitFor, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Dmlp4j.runs=" + System.getProperty("mlp4j.runs", dir.toString()),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(waitFor)) {
                return p;
            }
        }
        throw new AssertionError(
                "the child ended before printing '" + waitFor + "': " + Files.readString(dir.resolve("child.err")));
    }

    private static byte[] tensors(Path modelFile) {
        return SafetensorsFiles.tensorBytes(modelFile);
    }

    @Test
    void killedWithSigkillThenResumedEndsBitForBitLikeAnUninterruptedRun() throws Exception {
        Path reference = dir.resolve("reference.safetensors");
        Cli full = Cli.run(with("--save", reference.toString()));
        assertThat(full.exitCode()).as(full.err()).isZero();

        Path ck = dir.resolve("ck.safetensors");
        Process child = startAndWaitFor("Epoch 2:", with("--checkpoint", ck.toString()));
        child.destroyForcibly(); // SIGKILL: no hook runs; the epoch-end checkpoint is what is left
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(ck).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Path resumed = dir.resolve("resumed.safetensors");
        Cli rest = Cli.run("train", "--resume", ck.toString(), "--save", resumed.toString());
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.err()).contains("resuming");
        assertThat(rest.out()).doesNotContain("Epoch 1:").contains("Epoch 8:");
        assertThat(tensors(resumed)).isEqualTo(tensors(reference));
    }

    @Test
    void terminatedMidEpochSavesItsPositionAndResumesExactly() throws Exception {
        Path reference = dir.resolve("reference.safetensors");
        assertThat(Cli.run(with("--save", reference.toString())).exitCode()).isZero();

        Path ck = dir.resolve("ck.safetensors");
        Process child = startAndWaitFor("Epoch 1:", with("--checkpoint", ck.toString()));
        Thread.sleep(100);
        child.destroy(); // SIGTERM, like Ctrl-C's SIGINT: the shutdown hook saves the position mid-epoch
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(err).contains("interrupted; checkpoint written to").contains("--resume");

        Path resumed = dir.resolve("resumed.safetensors");
        Cli rest = Cli.run("train", "--resume", ck.toString(), "--save", resumed.toString());
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(tensors(resumed)).isEqualTo(tensors(reference));
    }

    @Test
    void resumeRejectsSettingsAndNonCheckpoints() throws Exception {
        Path model = dir.resolve("model.safetensors");
        assertThat(Cli.run("train", "--layers", "784,16,10", "--epochs", "1", "--save", model.toString())
                        .exitCode())
                .isZero();
        Cli notCk = Cli.run("train", "--resume", model.toString());
        assertThat(notCk.exitCode()).isEqualTo(2);
        assertThat(notCk.err()).contains("not a checkpoint").doesNotContain("Exception");
        Cli withLr = Cli.run("train", "--resume", model.toString(), "--lr", "0.1");
        assertThat(withLr.exitCode()).isEqualTo(2);
        assertThat(withLr.err()).contains("remove --lr");
    }
}
