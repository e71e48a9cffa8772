package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** {@code mlp4j predict} on hostile inputs (issue 10, items 10 to 12): bounded memory, clear errors, valid JSON. */
class PredictHardeningTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void model() {
        model = dir.resolve("model.safetensors");
        Network net = Network.init(
                new int[] {784, 16, 10},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(3));
        ModelFile.save(model, net, Map.of());
    }

    @Test
    void aLargeImageIsDecodedInBoundedMemory() throws Exception {
        // 8000 x 8000 at one bit a pixel: 8 MB to make, 64 million pixels to decode
        BufferedImage big = TestImages.inkOnPaper(8000, 8000, 600, g -> g.drawLine(4000, 1000, 4000, 7000)); // a "1"
        Path png = dir.resolve("big.png");
        ImageIO.write(big, "png", png.toFile());
        big = null;
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        float[] x = Images.read(png);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        // decoded whole, the image alone is 256 MB as ARGB plus 512 MB as double[][]
        assertThat(allocated).as("bytes allocated to read an 8000x8000 PNG").isLessThan(64L << 20);
        float ink = 0;
        for (float v : x) {
            ink += v;
        }
        assertThat(ink).as("the stroke survives subsampling").isGreaterThan(20);
    }

    @Test
    void anImageTooLargeIsRefusedByItsHeader() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), ServeHardeningTest.pngHeader(46_000, 46_000));
        Cli r = Cli.run("predict", model.toString(), bomb.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("bomb.png: expected an image of at most 10000 pixels on a side")
                .contains("found 46000x46000")
                .doesNotContain("Exception");
        Path broken = dir.resolve("broken.png");
        byte[] header = ServeHardeningTest.pngHeader(100, 100);
        Files.write(broken, java.util.Arrays.copyOf(header, header.length - 30));
        Cli b = Cli.run("predict", model.toString(), broken.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err())
                .contains("broken.png: could not decode the PNG image: ")
                .doesNotEndWith(": \n");
    }

    /** A million images in a 1 MB gzip: predicted in a child JVM with a 256 MB heap, streaming. */
    @Test
    void aGzippedIdxOfAMillionImagesIsStreamed() throws Exception {
        Path idx = dir.resolve("million-idx3-ubyte.gz");
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(idx), 1 << 16)))) {
            out.writeInt(0x00000803);
            out.writeInt(1_000_000);
            out.writeInt(28);
            out.writeInt(28);
            byte[] zeros = new byte[784 * 1000];
            for (int i = 0; i < 1000; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(idx)).isLessThan(2L << 20);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "predict",
                model.toString(),
                idx.toString(),
                "--format",
                "csv"));
        Path out = dir.resolve("million.csv");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("million.err").toFile())
                .start();
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("million.err"))).isZero();
        long lines;
        try (var s = Files.lines(out)) {
            lines = s.count();
        }
        assertThat(lines).isEqualTo(1_000_001);
    }

    @Test
    void csvLinesAreBoundedAndNumbersFinite() throws Exception {
        Path longLine = dir.resolve("long.csv");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(longLine))) {
            byte[] chunk = "1,".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) {
                o.write(chunk); // 2.6 MB, no newline
            }
        }
        Cli r = Cli.run("predict", model.toString(), longLine.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("long.csv: line 1: expected at most 1048576 characters in a record, found more");

        String row = "0," + "0,".repeat(782);
        Path huge = Files.writeString(dir.resolve("huge.csv"), row + "1e300\n");
        Cli h = Cli.run("predict", model.toString(), huge.toString(), "--format", "json");
        assertThat(h.exitCode()).isEqualTo(2);
        assertThat(h.err())
                .contains("huge.csv line 1, column 784: expected a finite number")
                .contains("found '1e300'");

        Path nan = Files.writeString(dir.resolve("nan.csv"), "NaN," + "0,".repeat(782) + "0\n");
        Cli n = Cli.run("predict", model.toString(), nan.toString());
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.err())
                .contains("nan.csv line 1, column 1: expected a finite number")
                .contains("found 'NaN'");

        Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFF" + row + "0\n");
        Cli b = Cli.run("predict", model.toString(), bom.toString(), "--format", "json");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(org.mlp4j.io.Json.parse(b.out())).isInstanceOf(List.class);
    }
}
