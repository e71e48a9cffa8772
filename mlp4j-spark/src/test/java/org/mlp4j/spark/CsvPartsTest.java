package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.Standardizer;
import org.mlp4j.math.Rng;
import scala.Tuple2;

/**
 * The pieces of a CSV file read by the executors that need no Spark: a split's lines ({@link CsvPart}), the
 * summaries merged at the driver ({@link CsvSummary}, against one pass over every row), the files' first
 * lines ({@link CsvLayout}) and the held-out rows.
 */
class CsvPartsTest {
    private static final CsvFormat KIND = CsvFormat.of("kind");

    @TempDir
    java.nio.file.Path dir;

    /** Lines as Hadoop's text reader hands them: each with its byte offset. */
    private static Iterator<Tuple2<LongWritable, Text>> lines(long start, String... text) {
        List<Tuple2<LongWritable, Text>> out = new ArrayList<>();
        long offset = start;
        for (String t : text) {
            out.add(new Tuple2<>(new LongWritable(offset), new Text(t)));
            offset += t.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return out.iterator();
    }

    @Test
    void aPartLeavesOutItsFilesHeaderAndMarksHeldOutRows() {
        Path file = new Path("file:/data/t.csv");
        CsvPart p = CsvPart.of(file, lines(0, "a,kind", "1,x", "", "2,y"), Map.of("/data/t.csv", 0L), 9L);
        assertThat(p.file()).isEqualTo("/data/t.csv");
        assertThat(p.from()).isEqualTo(7);
        assertThat(p.where()).isEqualTo("file:/data/t.csv, the part from byte 7");
        assertThat(p.lines()).containsExactly("1,x", "", "2,y");
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.held()).containsExactly(ExecutorCsv.heldOut(9, "t.csv", 7), ExecutorCsv.heldOut(9, "t.csv", 12));
        assertThat(p.problem()).isNull();
        CsvPart none = CsvPart.of(file, lines(0, "a,kind", "1,x"), Map.of("/data/t.csv", 0L), null);
        assertThat(none.held()).containsExactly(false);
        // a part in the middle of a file: nothing of it is the header
        CsvPart middle = CsvPart.of(file, lines(100, "3,z"), Map.of("/data/t.csv", 0L), null);
        assertThat(middle.lines()).containsExactly("3,z");
        assertThat(middle.from()).isEqualTo(100);
        // empty lines before the header are left out with it
        CsvPart late = CsvPart.of(file, lines(0, "", "a,kind", "4,w"), Map.of("/data/t.csv", 1L), null);
        assertThat(late.lines()).containsExactly("4,w");
        assertThat(late.from()).isEqualTo(8);
    }

    @Test
    void aPartWithoutHeaderKeepsItsFirstLineWithoutTheByteOrderMark() {
        Path file = new Path("file:/data/n.csv");
        CsvPart p = CsvPart.of(file, lines(0, "\uFEFF1,x", "2,y"), Map.of(), null);
        assertThat(p.lines()).containsExactly("1,x", "2,y");
        assertThat(p.from()).isZero();
        CsvPart later = CsvPart.of(file, lines(40, "\uFEFF1,x"), Map.of(), null);
        assertThat(later.lines()).as("only the file's start has a mark").containsExactly("\uFEFF1,x");
        CsvPart empty = CsvPart.of(file, lines(0), Map.of(), null);
        assertThat(empty.rows()).isZero();
        assertThat(empty.where()).endsWith("the part from byte 0");
    }

    @Test
    void bytesThatAreNotUtf8AreThePartsProblemNamingTheByte() {
        List<Tuple2<LongWritable, Text>> in = new ArrayList<>();
        in.add(new Tuple2<>(new LongWritable(0), new Text("1,a")));
        Text bad = new Text();
        bad.set(new byte[] {'2', ',', (byte) 0xE9}, 0, 3);
        in.add(new Tuple2<>(new LongWritable(4), bad));
        CsvPart p = CsvPart.of(new Path("file:/d/l.csv"), in.iterator(), Map.of(), null);
        assertThat(p.problem()).isEqualTo("file:/d/l.csv: byte 4: expected a CSV text file (UTF-8), found other bytes");
        assertThat(p.rows()).isZero();
        CsvSummary s = CsvSummary.of(p, null, KIND, null, null);
        assertThat(s.problem).isEqualTo(p.problem());
        assertThat(s.problemFile).isEqualTo("/d/l.csv");
    }

    private static CsvPart part(String file, long from, boolean[] held, String... lines) {
        return new CsvPart(file, from, file + " @" + from, List.of(lines), held, null);
    }

    @Test
    void summariesMergedInAnyOrderGiveOnePassStatistics() {
        Rng rng = new Rng(3);
        List<float[]> train = new ArrayList<>();
        List<CsvPart> parts = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            int n = 3 + 7 * p; // parts of different sizes, and different means
            String[] text = new String[n];
            boolean[] held = new boolean[n];
            for (int i = 0; i < n; i++) {
                float a = (float) (1e4 + p * 50 + rng.nextGaussian());
                float b = (float) (rng.nextGaussian() * 0.001);
                text[i] = a + "," + b + "," + (char) ('p' + (i % 3));
                held[i] = i % 4 == 1;
                if (!held[i]) {
                    train.add(new float[] {a, b});
                }
            }
            parts.add(part("f", p * 1000L, held, text));
        }
        CsvSummary left = null;
        for (CsvPart p : parts) {
            CsvSummary s = CsvSummary.of(p, "a,b,kind", KIND, null, null);
            left = left == null ? s : CsvSummary.merge(left, s);
        }
        CsvSummary tree = CsvSummary.merge(
                CsvSummary.merge(
                        CsvSummary.of(parts.get(3), "a,b,kind", KIND, null, null),
                        CsvSummary.of(parts.get(0), "a,b,kind", KIND, null, null)),
                CsvSummary.merge(
                        CsvSummary.of(parts.get(4), "a,b,kind", KIND, null, null),
                        CsvSummary.merge(
                                CsvSummary.of(parts.get(1), "a,b,kind", KIND, null, null),
                                CsvSummary.of(parts.get(2), "a,b,kind", KIND, null, null))));
        Standardizer onePass = Standardizer.fit(train.toArray(float[][]::new));
        for (CsvSummary s : List.of(left, tree)) {
            assertThat(s.rows).isEqualTo(train.size());
            assertThat(s.heldOut).isEqualTo(3 + 10 + 17 + 24 + 31 - train.size());
            assertThat(s.features).containsExactly("a", "b");
            assertThat(s.labels).containsExactly("p", "q", "r");
            Standardizer st = s.standardizer();
            assertThat((double) st.mean()[0]).isCloseTo(onePass.mean()[0], Offset.offset(2e-3));
            assertThat((double) st.std()[0]).isCloseTo(onePass.std()[0], Offset.offset(onePass.std()[0] * 1e-5));
            assertThat((double) st.mean()[1]).isCloseTo(onePass.mean()[1], Offset.offset(1e-9));
            assertThat((double) st.std()[1]).isCloseTo(onePass.std()[1], Offset.offset(onePass.std()[1] * 1e-5));
        }
    }

    @Test
    void aConstantColumnHasDeviationOneAndEmptySummariesChangeNothing() {
        boolean[] none = new boolean[3];
        CsvSummary a = CsvSummary.of(part("f", 0, none, "5,1,x", "5,2,y"), "c,v,kind", KIND, null, null);
        CsvSummary b = CsvSummary.of(part("f", 9, none, "5,6,x"), "c,v,kind", KIND, null, null);
        CsvSummary empty = CsvSummary.of(part("g", 0, new boolean[0]), "c,v,kind", KIND, null, null);
        assertThat(empty.features).isNull();
        CsvSummary s = CsvSummary.merge(empty, CsvSummary.merge(a, CsvSummary.merge(b, empty)));
        assertThat(s.rows).isEqualTo(3);
        Standardizer st = s.standardizer();
        assertThat(st.mean()).containsExactly(5f, 3f);
        assertThat(st.std()[0]).isEqualTo(1f);
        assertThat((double) st.std()[1]).isCloseTo(Math.sqrt(14.0 / 3), Offset.offset(1e-6));
        // the threshold itself: a variance of exactly 1e-12 is a constant column, one just above it is not
        CsvSummary edge = new CsvSummary();
        edge.rows = 1;
        edge.mean = new double[] {0, 0};
        edge.m2 = new double[] {1e-12, Math.nextUp(1e-12)};
        assertThat(edge.standardizer().std()[0]).isEqualTo(1f);
        assertThat(edge.standardizer().std()[1]).isEqualTo((float) Math.sqrt(Math.nextUp(1e-12)));
        // every row of a part held out: it adds labels, not statistics
        CsvSummary heldOnly =
                CsvSummary.of(part("h", 0, new boolean[] {true}, "100,100,z"), "c,v,kind", KIND, null, null);
        CsvSummary withHeld = CsvSummary.merge(s, heldOnly);
        assertThat(withHeld.rows).isEqualTo(3);
        assertThat(withHeld.heldOut).isEqualTo(1);
        assertThat(withHeld.labels).containsExactly("x", "y", "z");
        assertThat(withHeld.standardizer().mean()).containsExactly(5f, 3f);
        assertThat(CsvSummary.merge(heldOnly, s).standardizer().mean()).containsExactly(5f, 3f);
    }

    @Test
    void theFirstMalformedPartIsTheOneReportedWhateverTheOrder() {
        boolean[] one = new boolean[1];
        CsvSummary good = CsvSummary.of(part("b", 0, one, "1,x"), "a,kind", KIND, null, null);
        CsvSummary early = CsvSummary.of(part("b", 10, one, "zz,x"), "a,kind", KIND, null, null);
        CsvSummary late = CsvSummary.of(part("b", 20, one, "yy,x"), "a,kind", KIND, null, null);
        CsvSummary otherFile = CsvSummary.of(part("a", 90, one, "ww,x"), "a,kind", KIND, null, null);
        assertThat(early.problem).isEqualTo("b @10: line 1, column 'a': expected a number, found 'zz'");
        assertThat(CsvSummary.merge(late, early).problem).isEqualTo(early.problem);
        assertThat(CsvSummary.merge(early, late).problem).isEqualTo(early.problem);
        assertThat(CsvSummary.merge(good, late).problem).isEqualTo(late.problem);
        assertThat(CsvSummary.merge(late, good).problem).isEqualTo(late.problem);
        assertThat(CsvSummary.merge(early, otherFile).problem)
                .as("file a before b")
                .isEqualTo(otherFile.problem);
        assertThat(CsvSummary.merge(otherFile, early).problem).isEqualTo(otherFile.problem);
        CsvSummary twice = CsvSummary.of(part("b", 10, one, "qq,x"), "a,kind", KIND, null, null);
        assertThat(CsvSummary.merge(early, twice).problem)
                .as("a tie keeps the first")
                .isEqualTo(early.problem);
        // a label the classes lack, in the test set's check
        CsvSummary unknown = CsvSummary.of(part("t", 0, one, "1,q"), "a,kind", KIND, List.of("x", "y"), List.of("a"));
        assertThat(unknown.problem).startsWith("t @0: line 1: label 'q' is not one of the training classes [x, y]");
    }

    @Test
    void partsOfOtherColumnsOrTooManyLabelsAreRefused() {
        boolean[] one = new boolean[1];
        CsvSummary two = CsvSummary.of(part("a", 0, one, "1,2,x"), null, CsvFormat.of("-1"), null, null);
        CsvSummary three = CsvSummary.of(part("b", 0, one, "1,2,3,x"), null, CsvFormat.of("-1"), null, null);
        assertThat(CsvSummary.merge(two, three).problem)
                .isEqualTo("b @0: expected the feature columns of a @0 (x0, x1), found x0, x1, x2");
        String[] many = new String[CsvSummary.MAX_CLASSES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "1,id" + i;
        }
        CsvSummary ids = CsvSummary.of(part("c", 0, new boolean[many.length], many), "a,kind", KIND, null, null);
        assertThat(ids.problem)
                .isEqualTo("c @0: expected classes in the label column, found more than 10000 distinct"
                        + " values (a measurement or an ID?)");
        String[] first = java.util.Arrays.copyOf(many, CsvSummary.MAX_CLASSES / 2);
        String[] rest = java.util.Arrays.copyOfRange(many, CsvSummary.MAX_CLASSES / 2, CsvSummary.MAX_CLASSES);
        String[] restAndOne = java.util.Arrays.copyOfRange(many, CsvSummary.MAX_CLASSES / 2, many.length);
        CsvSummary x = CsvSummary.of(part("c", 0, new boolean[first.length], first), "a,kind", KIND, null, null);
        CsvSummary y = CsvSummary.of(part("c", 5, new boolean[rest.length], rest), "a,kind", KIND, null, null);
        CsvSummary z =
                CsvSummary.of(part("c", 7, new boolean[restAndOne.length], restAndOne), "a,kind", KIND, null, null);
        assertThat(CsvSummary.merge(x, y).problem)
                .as("exactly the limit, across parts")
                .isNull();
        assertThat(CsvSummary.merge(x, y).labels).hasSize(CsvSummary.MAX_CLASSES);
        assertThat(CsvSummary.merge(x, z).problem).startsWith("c @7: expected classes in the label column");
        String[] exactly = java.util.Arrays.copyOf(many, CsvSummary.MAX_CLASSES);
        assertThat(CsvSummary.of(part("d", 0, new boolean[exactly.length], exactly), "a,kind", KIND, null, null)
                        .problem)
                .isNull();
    }

    @Test
    void heldOutRowsAreAFifthAndDependOnSeedNameAndOffset() {
        int held = 0;
        int differSeed = 0;
        int differName = 0;
        for (long offset = 0; offset < 200_000; offset += 20) {
            boolean h = ExecutorCsv.heldOut(5, "x.csv", offset);
            held += h ? 1 : 0;
            differSeed += h != ExecutorCsv.heldOut(6, "x.csv", offset) ? 1 : 0;
            differName += h != ExecutorCsv.heldOut(5, "y.csv", offset) ? 1 : 0;
        }
        assertThat(held).isBetween(1900, 2100); // of 10,000
        assertThat(differSeed).isBetween(2800, 3600); // two independent fifths differ on 32% of the rows
        assertThat(differName).isBetween(2800, 3600);
        assertThat(ExecutorCsv.key(new Path("hdfs://nn:8020/a/b.csv"))).isEqualTo("/a/b.csv");
    }

    private CsvLayout layout(java.nio.file.Path p, CsvFormat format) {
        return CsvLayout.of(new Configuration(), p.toUri().toString(), format, "--data");
    }

    @Test
    void theLayoutComesFromEachFilesFirstLine() throws IOException {
        java.nio.file.Path one = dir.resolve("one.csv");
        Files.writeString(one, "\r\n\n\uFEFFa,kind\r\n1,x\n");
        CsvLayout l = layout(one, KIND);
        assertThat(l.header()).isEqualTo("\uFEFFa,kind");
        assertThat(l.headerAt()).containsExactly(Map.entry(one.toString(), 3L)); // after "\r\n" and "\n"
        java.nio.file.Path bom = dir.resolve("bom.csv");
        Files.writeString(bom, "\uFEFFa,kind\n1,x\n");
        assertThat(layout(bom, KIND).header())
                .as("the mark at the file's start is not the header's")
                .isEqualTo("a,kind");
        java.nio.file.Path data = dir.resolve("data.csv");
        Files.writeString(data, "1,x\n2,y\n");
        CsvLayout noHeader = layout(data, KIND);
        assertThat(noHeader.header()).isNull();
        assertThat(noHeader.headerAt()).isEmpty();
        CsvLayout forced = layout(data, new CsvFormat(',', CsvFormat.Header.YES, "kind"));
        assertThat(forced.header()).isEqualTo("1,x");

        java.nio.file.Path folder = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(folder.resolve("p1.csv"), "a,kind\n1,x\n");
        Files.writeString(folder.resolve("p0.csv"), "a,kind\n2,y\n");
        Files.writeString(folder.resolve("empty.csv"), "\n\n");
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".p0.csv.crc"), "junk");
        Files.createDirectories(folder.resolve("_temporary"));
        CsvLayout parts = layout(folder, KIND);
        assertThat(parts.headerAt().keySet())
                .containsExactly(
                        folder.resolve("p0.csv").toString(),
                        folder.resolve("p1.csv").toString());
        Files.createDirectories(folder.resolve("sub"));
        assertThatThrownBy(() -> layout(folder, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("parts/: expected CSV files in the folder, found the folder sub (folders in it"
                        + " are not read: move its files up, or give each folder apart)");
        Files.delete(folder.resolve("sub"));
        Files.writeString(folder.resolve("p2.csv"), "kind,a\nx,3\n");
        assertThatThrownBy(() -> layout(folder, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p2.csv: expected the header of")
                .hasMessageContaining("p0.csv ('a,kind'), found 'kind,a'")
                .as("the file the header came from, not the empty one before it")
                .hasMessageNotContaining("empty.csv");
    }

    @Test
    void missingEmptyCompressedLongAndNonUtf8FilesAreRefused() throws IOException {
        assertThatThrownBy(() -> layout(dir.resolve("nothing.csv"), KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("nothing.csv: no such file or folder")
                .hasMessageStartingWith("--data ");
        java.nio.file.Path emptyFolder = Files.createDirectories(dir.resolve("none"));
        assertThatThrownBy(() -> layout(emptyFolder, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("found a folder with no data files");
        java.nio.file.Path blank = dir.resolve("blank.csv");
        Files.writeString(blank, "\n\r\n");
        assertThatThrownBy(() -> layout(blank, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("found only empty files");
        java.nio.file.Path latin = dir.resolve("latin.csv");
        Files.write(latin, "caf\u00e9,kind\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> layout(latin, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("latin.csv: expected a CSV text file (UTF-8), found other bytes");
        java.nio.file.Path longLine = dir.resolve("long.csv");
        Files.writeString(longLine, "a".repeat((1 << 20) - 5) + ",kind\n");
        assertThatThrownBy(() -> layout(longLine, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("long.csv: expected a line of at most 1048575 bytes, found more");
        java.nio.file.Path justRight = dir.resolve("right.csv");
        Files.writeString(justRight, "a".repeat((1 << 20) - 6) + ",kind\n1,x\n");
        assertThat(layout(justRight, KIND).header()).hasSize((1 << 20) - 1);
        java.nio.file.Path bz = dir.resolve("rows.csv.bz2");
        Files.writeString(bz, "not really");
        assertThatThrownBy(() -> layout(bz, KIND))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("rows.csv.bz2: expected a CSV text file, found a compressed one; decompress it"
                        + " for the executors to read it");
    }
}
