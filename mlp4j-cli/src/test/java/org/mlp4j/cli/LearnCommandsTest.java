package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learners' commands (issue 16): the two figures, small, and the shell driven through its input. */
class LearnCommandsTest {
    @TempDir
    Path dir;

    @Test
    void landscapeRefusesAnOutputThatIsNotAPng() {
        Cli c = Cli.run("landscape", "--out", dir.resolve("land.svg").toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("--out: expected a .png file (the SVG goes beside it), found land.svg");
        assertThat(dir.resolve("land.svg")).doesNotExist();
    }

    @Test
    void landscapeDrawsBothPathsAsPngAndSvg() throws Exception {
        Path png = dir.resolve("land.png");
        Cli c = Cli.run(
                "landscape",
                "--out",
                png.toString(),
                "--examples",
                "600",
                "--steps",
                "6",
                "--grid",
                "9",
                "--layers",
                "784,8,10");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out())
                .contains("batch gradient descent: 6 steps of 600 examples")
                .contains("minibatch SGD: 28 steps of 128 examples")
                .contains("of the paths' spread");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(LandscapePlot.WIDTH);
        assertThat(Files.readString(dir.resolve("land.svg"))).contains("<svg").contains("</svg>");
        HostileInputTest.refused(
                Cli.run("landscape", "--out", png.toString(), "--examples", "10"),
                "--examples: expected 128 to 60000, found 10");
    }

    @Test
    void saturationMeasuresTheArticlesNetwork() throws Exception {
        Path png = dir.resolve("sat.png");
        Cli c = Cli.run(
                "saturation",
                "--out",
                png.toString(),
                "--epochs",
                "1",
                "--layers",
                "784,16,10",
                "--lr",
                "0.5,3",
                "--images",
                "200");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out())
                .containsPattern("start +sigma'\\(z\\) < 0\\.01: +[0-9.]+% of hidden units")
                .contains("lr 0.5")
                .contains("lr 3 ");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(1000);
    }

    @Test
    void theShellRunsTheArticlesSteps() throws Exception {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "shell");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream()
                .write(("float[] out = mlp.feedforward(new float[][] {X[0]})[0];\n"
                                + "System.out.println(\"outputs \" + out.length);\n"
                                + "System.out.println(\"fit \" + mlp.fit(X, Y, 1, 128, 0.5).size());\n/exit\n")
                        .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .contains("mlp4j shell: mnist, X, Y")
                .contains("outputs 10")
                .contains("fit 1");
    }
}
