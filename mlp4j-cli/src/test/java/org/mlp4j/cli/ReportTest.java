package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    @Test
    void reportIsOneSelfContainedPageWithChartsMatrixGalleryAndSettings() throws Exception {
        Cli train = Cli.run(
                "train",
                "--layers",
                "784,32,10",
                "--epochs",
                "3",
                "--seed",
                "4",
                "--runs",
                dir.toString(),
                "--run-name",
                "r");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Cli report = Cli.run("report", dir.resolve("r").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String html = Files.readString(dir.resolve("r/report.html"));
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("Learning curves")
                .contains("Confusion matrix")
                .contains("Per-class metrics")
                .contains("Test digits the model gets wrong")
                .contains("Hyper-parameters")
                .contains("784,32,10")
                .doesNotContain("http://")
                .doesNotContain("https://");
        Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        int images = 0;
        int charts = 0;
        while (img.find()) {
            BufferedImage decoded =
                    ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
            assertThat(decoded).isNotNull();
            if (decoded.getWidth() == 540) {
                charts++;
            }
            images++;
        }
        assertThat(charts).isEqualTo(2);
        assertThat(images).isEqualTo(2 + 32); // two charts and a full gallery of mistakes
        assertThat(html.split("<td style=\"background:", -1)).hasSize(101); // a 10 x 10 heat map

        // issue 24: a long metrics file is streamed and drawn from at most 2,000 points
        Path metrics = dir.resolve("r/metrics.jsonl");
        String line = Files.readAllLines(metrics).get(0);
        try (var w = Files.newBufferedWriter(metrics)) {
            for (int e = 1; e <= 300_000; e++) {
                w.write(line.replaceFirst("\"epoch\": \\d+", "\"epoch\": " + e));
                w.newLine();
            }
        }
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(new java.util.Locale("fa", "IR"));
            Cli longRun = Cli.run(
                    "report",
                    dir.resolve("r").toString(),
                    "--out",
                    dir.resolve("long.html").toString());
            assertThat(longRun.exitCode()).as(longRun.err()).isZero();
        } finally {
            java.util.Locale.setDefault(before);
        }
        String longHtml = Files.readString(dir.resolve("long.html"));
        assertThat(longHtml).contains(", 300000 epochs.");
        // every number in the page's CSS is ASCII whatever the JVM's locale (Persian digits broke it)
        assertThat(longHtml)
                .containsPattern("background:rgb\\(\\d{1,3},\\d{1,3},255\\)")
                .doesNotContainPattern("rgb\\([^)]*[^0-9,)][^)]*\\)");
        Files.write(metrics, new byte[] {'{', (byte) 0xe9, '}', '\n'});
        Cli latin = Cli.run("report", dir.resolve("r").toString());
        HostileInputTest.refused(latin, "metrics.jsonl: expected UTF-8 text, found text that is not UTF-8");

        Cli missing = Cli.run("report", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("expected a run folder");
    }

    /** A Fashion-MNIST run's gallery shows clothes: it said "Test digits" before. */
    @Test
    void aFashionMnistReportSpeaksOfImagesNotDigits() throws Exception {
        if (System.getenv("CI") == null) { // CI installs the package; elsewhere the test runs when it is there
            org.assertj.core.api.Assumptions.assumeThat(Path.of("/usr/share/datasets/fashion-mnist"))
                    .as("Debian's dataset-fashion-mnist installed")
                    .isDirectory();
        }
        Cli train = Cli.run(
                "train",
                "--dataset",
                "fashion-mnist",
                "--layers",
                "784,16,10",
                "--epochs",
                "1",
                "--runs",
                dir.toString(),
                "--run-name",
                "f");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Cli report = Cli.run("report", dir.resolve("f").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("f/report.html")))
                .contains("Test images the model gets wrong")
                .doesNotContain("digits");
    }
}
