package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** The command line's side of issue 24 (hardening, round two): one test or more per finding. */
class RoundTwoTest {
    @TempDir
    static Path dir;

    static Path model;
    static Path hostileModel;

    @BeforeAll
    static void models() {
        model = ServeHardeningTest.savedModel(
                dir.resolve("model.safetensors"), 7, Map.of("class_names", "a,b,c"), 784, 8, 3);
        // class names as a CSV's label column may hold them: a terminal title, a screen clear, a formula
        hostileModel = ServeHardeningTest.savedModel(
                dir.resolve("hostile.safetensors"),
                7,
                Map.of("class_names", "\u001b]0;pwned\u0007,\u001b[2J,=HYPERLINK(\"http://x\")"),
                784,
                8,
                3);
    }

    static Path png(String name) throws IOException {
        Path p = dir.resolve(name);
        ImageIO.write(TestImages.inkOnPaper(100, 100, 8, g -> g.drawLine(50, 10, 50, 90)), "png", p.toFile());
        return p;
    }

    static Path mkfifo(Path p) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).start().waitFor()).isZero();
        return p;
    }

    @Test
    void item1ExportToAPipeOrThroughALinkReplacesNeither() throws Exception {
        Path real = Files.writeString(dir.resolve("real.onnx"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), real.getFileName());
        Cli c = Cli.run("export", model.toString(), "--onnx", link.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.size(real)).isGreaterThan(100);

        Path fifo = mkfifo(dir.resolve("out.onnx"));
        var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo).length;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Cli p = Cli.run("export", model.toString(), "--onnx", fifo.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo((int) Files.size(real));
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void item2OnlyPngIsDecodedWhateverTheFileIsCalled() throws Exception {
        Path tiff = dir.resolve("digit-tiff.png");
        ImageIO.write(TestImages.inkOnPaper(60, 60, 6, g -> g.drawLine(30, 5, 30, 55)), "tiff", tiff.toFile());
        Cli c = Cli.run("predict", model.toString(), tiff.toString());
        HostileInputTest.refused(c, "digit-tiff.png: expected a PNG image, found a TIFF image");
        Path jpeg = dir.resolve("photo.jpg");
        ImageIO.write(TestImages.inkOnPaper(60, 60, 6, g -> g.drawLine(30, 5, 30, 55)), "jpeg", jpeg.toFile());
        HostileInputTest.refused(
                Cli.run("predict", model.toString(), jpeg.toString()), "photo.jpg: expected a PNG image, found a JPEG");
    }

    @Test
    void item3TheSaveFileIsWrittenEvenWhenTheRunRecordCannotBe() throws Exception {
        RunOptions train = new RunOptions();
        train.save = dir.resolve("kept.safetensors");
        RunRecord record = RunRecord.start(dir.resolve("runs3"), "r1", "test", "{}");
        // the run folder's model file cannot be written: a folder stands where it goes
        Files.createDirectories(record.dir().resolve("model.safetensors"));
        Network net = Network.init(
                new int[] {4, 3, 2},
                StandardActivation.RELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                Init.HE,
                new Rng(1));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Throwable failure = null;
        try {
            train.finish(
                    new PrintWriter(out),
                    new PrintWriter(err),
                    record,
                    net,
                    new java.util.HashMap<>(),
                    Map.of(),
                    TestScore.accuracy(0.5),
                    1.0,
                    1,
                    "");
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            record.close();
        }
        assertThat(failure).as("the run record's failure is still reported").isNotNull();
        assertThat(failure.getMessage()).contains("model.safetensors");
        assertThat(Files.isRegularFile(train.save)).as("--save written first").isTrue();
        assertThat(out.toString()).contains("result test_accuracy=0.5000");
    }

    /** An output stream on a full disk: some bytes fit, then every write fails as Linux says. */
    static OutputStream fullAfter(int room) {
        return new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > room) {
                    throw new IOException("No space left on device");
                }
                written += len;
            }
        };
    }

    @Test
    void item5AFullStandardOutputIsAFailedCommand() throws Exception {
        Path pngs = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 3; i++) {
            Files.copy(png("one.png"), pngs.resolve(i + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        StringWriter err = new StringWriter();
        int code = Main.run(
                new String[] {"predict", model.toString(), pngs.toString(), "--format", "csv"},
                CheckedOutput.over(fullAfter(100), StandardCharsets.UTF_8),
                new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("standard output: could not write: No space left on device");
        StringWriter err2 = new StringWriter();
        int evaluate = Main.run(
                new String[] {"gradcheck"},
                CheckedOutput.over(fullAfter(0), StandardCharsets.UTF_8),
                new PrintWriter(err2));
        assertThat(evaluate).isEqualTo(1);
        assertThat(err2.toString()).contains("No space left on device");
        // the same command with room to write succeeds: the failure above is the disk's, not the command's
        ByteArrayOutputStream room = new ByteArrayOutputStream();
        assertThat(Main.run(
                        new String[] {"gradcheck"},
                        CheckedOutput.over(room, StandardCharsets.UTF_8),
                        new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(room.size()).isGreaterThan(0);
    }

    @Test
    void item7ClassNamesCannotSteerTheTerminalOrASpreadsheet() throws Exception {
        Path digit = png("seven.png");
        Cli text = Cli.run("predict", hostileModel.toString(), digit.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        Cli csv = Cli.run("predict", hostileModel.toString(), digit.toString(), "--format", "csv");
        assertThat(csv.out()).doesNotContain("\u001b").doesNotContain(",\"=HYPERLINK");
        assertThat(TextOutput.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(TextOutput.csvCell("-1.5")).isEqualTo("\"-1.5\"");
        assertThat(TextOutput.csvCell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(TextOutput.csvCell("cat")).isEqualTo("\"cat\"");
        assertThat(TextOutput.safe("a\u001b[2Jb\u202ec\u009bd")).isEqualTo("a\\u001b[2Jb\\u202ec\\u009bd");
        assertThat(TextOutput.safe("plain é 7")).isEqualTo("plain é 7");
    }

    @Test
    void item8CountsAndStreamsAreBounded() throws Exception {
        HostileInputTest.refused(
                Cli.run("gradcheck", "--examples", "2000000000"), "--examples: expected 1 to 1000", "found 2000000000");
        long t0 = System.nanoTime();
        HostileInputTest.refused(
                Cli.run("train", "--recipe", "/dev/zero", "--epochs", "1"),
                "recipe /dev/zero: expected a recipe of at most 1048576 bytes, found more");
        HostileInputTest.refused(
                Cli.run("predict", "/dev/zero", png("x.png").toString()), "/dev/zero: header length 0 does not fit");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for both").isLessThan(10);
    }

    @Test
    void item9TheShellEndsOnAClosedStandardInput() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        "exec \"$0\" -cp \"$1\" org.mlp4j.cli.Main shell --no-startup <&-",
                        java,
                        System.getProperty("java.class.path"))
                .redirectErrorStream(true)
                .start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(said).isTrue();
        assertThat(p.exitValue()).as(said).isEqualTo(2);
        assertThat(said).contains("standard input: expected what you type").hasSizeLessThan(2000);
    }

    @Test
    void item11MessagesNameTheRealCause() throws Exception {
        Path fifo = mkfifo(dir.resolve("pipe.png"));
        HostileInputTest.refused(
                Cli.run("predict", model.toString(), fifo.toString()),
                "pipe.png: expected an image, a folder, an IDX or a CSV file, found a named pipe (FIFO)");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a,b,label\n1,2,caf\u00e9\n3,4,th\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        HostileInputTest.refused(
                ColumnsByNameTest.trainCsv(latin1.toString()),
                "latin1.csv: expected a CSV text file (UTF-8), found text that is not UTF-8 (Latin-1");
        Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {1, 0, (byte) 0xff, 0, 2});
        HostileInputTest.refused(
                ColumnsByNameTest.trainCsv(binary.toString()),
                "binary.csv: expected a CSV text file (UTF-8), found binary data");
        Path yaml = Files.writeString(dir.resolve("bin.yaml"), "layers: !!binary aGVsbG8=\n");
        HostileInputTest.refused(
                Cli.run("train", "--recipe", yaml.toString()),
                "key 'layers': expected a number, text or true/false, found binary data (!!binary)");
        Path epochs = Files.writeString(dir.resolve("epochs.json"), "{\"epochs\": \"many\"}");
        Cli e = Cli.run("train", "--recipe", epochs.toString());
        HostileInputTest.refused(e, "'epochs' (from " + epochs + "): expected a whole number ≥ 1, found 'many'");
        String first = "'epochs' (from " + epochs + "):";
        assertThat(e.err().indexOf(first)).isEqualTo(e.err().lastIndexOf(first));
    }

    @Test
    void item11ValuesNearTheFloatLimitTrainWithoutATaleOfDivergence() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            // a third high, two thirds low: the mean is near -1.1e38, and x - mean overflowed float32
            float v = (i % 3 == 0 ? 3.3e38f : -3.3e38f) * (1 - i / 1000f);
            csv.append(v)
                    .append(',')
                    .append(i % 7)
                    .append(',')
                    .append(i % 2 == 0 ? "hi" : "lo")
                    .append('\n');
        }
        Path data = Files.writeString(dir.resolve("huge.csv"), csv);
        Cli c = ColumnsByNameTest.trainCsv(
                data.toString(),
                "--layers",
                "2,4,2",
                "--lr",
                "1e-9",
                "--epochs",
                "2",
                "--batch-size",
                "8",
                "--validation-split",
                "0",
                "--runs",
                dir.resolve("runs11").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err()).doesNotContain("diverged");
    }

    @Test
    void item13NumbersAreAsciiInAnyLocale() throws Exception {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("fa", "IR"));
            var m = new org.mlp4j.eval.ConfusionMatrix(3);
            m.add(0, 0);
            m.add(1, 2);
            m.add(2, 2);
            String report = m.report(List.of("x", "y", "z"));
            assertThat(report).matches("(?s)[\\x00-\\x7f]*").contains("0.6667");
            Cli c = Cli.run("gradcheck");
            assertThat(c.out()).matches("(?s)[\\x00-\\x7f]*");
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Every number a machine or a browser reads is formatted with Locale.ROOT: the sources are checked. */
    @Test
    void item13EveryFormatCallNamesItsLocale() throws Exception {
        List<String> missing = new java.util.ArrayList<>();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile(
                "(String\\.format|\\.printf|\\.formatted|\\bformat)\\(\\s*+(?!Locale|java\\.util\\.Locale)");
        for (String module : List.of("mlp4j-core", "mlp4j-cli", "mlp4j-datasets", "mlp4j-spark")) {
            Path src = Path.of("..", module, "src", "main", "java");
            try (var files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    var m = call.matcher(text);
                    while (m.find()) {
                        if (m.group(1).equals("format") && !text.startsWith("String.format", m.start())) {
                            continue; // a method of our own named format, not java.util.Formatter
                        }
                        missing.add(f + ":" + (text.substring(0, m.start()).split("\n", -1).length));
                    }
                }
            }
        }
        assertThat(missing).as("format calls without Locale.ROOT").isEmpty();
    }

    @Test
    void item15AFolderSkipsPipesAndReportsBadImagesWhileClassifyingTheRest() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(png("good.png"), folder.resolve("a.png"));
        mkfifo(folder.resolve("b.png"));
        Files.writeString(folder.resolve("c.png"), "not an image");
        Cli c = Cli.run("predict", model.toString(), folder.toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.out()).contains("a.png: class ");
        assertThat(c.err())
                .contains("skipped " + folder.resolve("b.png") + ": a named pipe (FIFO), not an image file")
                .contains("skipped " + folder.resolve("c.png") + ": expected a PNG image, found data")
                .contains("2 images could not be classified (named above); the others were");
    }

    @Test
    void item16LabelsLikeIdsAreWarnedAbout() {
        assertThat(TrainingData.labelCountWarning("label", 5000, 5000))
                .contains("'label' has 5000 distinct values in 5000 training rows");
        assertThat(TrainingData.labelCountWarning("species", 3, 120)).isNull();
        assertThat(TrainingData.labelCountWarning("y", 101, 100_000)).isNotNull();
        assertThat(TrainingData.labelCountWarning("y", 100, 200)).isNull();
        assertThat(TrainingData.labelCountWarning("y", 100, 199)).isNotNull();
    }
}
