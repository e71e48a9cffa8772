package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mlp4j} launcher script itself (issue 10, item 16): Ctrl-C reaches java and the launcher's
 * stderr filter survives it, so the checkpoint line is printed, and the launcher exits only after it.
 * The script runs a jar made here whose manifest points at this build's classes (MLP4J_JAR).
 */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCThroughTheLauncherKeepsTheCheckpointLine() throws Exception {
        assumeThat(new File("/usr/bin/setsid").canExecute())
                .as("setsid (util-linux)")
                .isTrue();
        Path script = Path.of("..", "mlp4j").toAbsolutePath().normalize();
        Path ck = dir.resolve("ck.safetensors");
        // A shell cannot trap a signal that was ignored when it started, and a build run in the background
        // (mvn … &) ignores SIGINT in every process it starts: env gives the launcher SIGINT's default
        // disposition, as a terminal does.
        List<String> cmd = new ArrayList<>(List.of(
                "/usr/bin/env",
                "--default-signal=INT",
                "/usr/bin/setsid",
                script.toString(),
                "train",
                "--layers",
                "784,32,10",
                "--epochs",
                "200",
                "--checkpoint",
                ck.toString(),
                "--runs",
                dir.resolve("runs").toString()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("MLP4J_JAR", LauncherJar.make(dir).toString());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Epoch 2:")) {
            // wait until training is under way
        }
        assertThat(line)
                .as("an epoch line before the interrupt; stderr: " + Files.readString(dir.resolve("err.txt")))
                .isNotNull();
        // Ctrl-C on a terminal sends SIGINT to the whole foreground process group: launcher, java and filter
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start();
        assertThat(kill.waitFor()).isZero();
        while (out.readLine() != null) {
            // drain
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(130);
        assertThat(err)
                .contains("mlp4j: interrupted; checkpoint written to " + ck)
                .doesNotContain("WARNING: Using incubator modules");
        assertThat(ck).exists();
    }
}
