package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;

/**
 * A CSV file read by the executors, split into many parts, gives what one machine reading it whole gives:
 * the same classes, feature columns and rows (the driver's reader is the oracle), a standardiser equal up to
 * rounding, the same held-out rows for any number of parts, and the same refusals with the part named.
 */
class ExecutorCsvTest {
    @TempDir
    Path dir;

    /** Rows of 4 features (the columns written in another order than the header's first) and a label. */
    private Path table(String name, int rows, long seed, String[] classes, boolean header) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder b = new StringBuilder();
        if (header) {
            b.append("w,kind,x,\"y, cm\",z\n");
        }
        for (int i = 0; i < rows; i++) {
            int k = i % classes.length;
            b.append(String.format(
                    Locale.ROOT,
                    "%.5f,%s,%.3f,%.4f,%.2f%n",
                    rng.nextGaussian() * 1e3 + 5e4, // a large mean, a small spread
                    classes[k],
                    rng.nextGaussian() + k,
                    rng.nextGaussian() * 0.01,
                    k * 2.5));
            if (i % 97 == 5) {
                b.append('\n'); // blank lines are skipped, as on one machine
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> rowsOf(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.getDouble(1) + " " + Arrays.toString(((Vector) r.get(0)).toArray()));
        }
        out.sort(null);
        return out;
    }

    private static List<String> rowsOf(TabularDataset d, Standardizer s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            float[] z = s.apply(d.rows()[i]);
            double[] v = new double[z.length];
            for (int k = 0; k < z.length; k++) {
                v[k] = z[k];
            }
            out.add((double) d.label(i) + " " + Arrays.toString(v));
        }
        out.sort(null);
        return out;
    }

    @Test
    void aFileInManyPartsReadsAsOneMachineReadsIt() throws IOException {
        String[] classes = {"virginica", "setosa", "versicolor"};
        Path train = table("train.csv", 1500, 1, classes, true);
        Path test = table("test.csv", 300, 2, classes, true);
        CsvFormat format = CsvFormat.of("kind");
        ExecutorCsv.Table t = ExecutorCsv.read(
                SparkTests.spark(), train.toUri().toString(), test.toUri().toString(), format, 7, 9);
        assertThat(t.train().javaRDD().getNumPartitions()).isGreaterThanOrEqualTo(9);

        TabularDataset oracle = TabularDataset.read(train, format, null, null);
        assertThat(t.classes()).isEqualTo(oracle.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(t.features()).isEqualTo(oracle.featureNames()).containsExactly("w", "x", "y, cm", "z");
        assertThat(t.trainRows()).isEqualTo(1500);
        Standardizer fitted = Standardizer.fit(oracle.rows());
        for (int k = 0; k < 4; k++) {
            assertThat((double) t.standardizer().mean()[k])
                    .isCloseTo(
                            fitted.mean()[k], org.assertj.core.data.Offset.offset(Math.abs(fitted.mean()[k]) * 1e-6));
            assertThat((double) t.standardizer().std()[k])
                    .isCloseTo(fitted.std()[k], org.assertj.core.data.Offset.offset(fitted.std()[k] * 1e-5));
        }
        assertThat(t.standardizer().std()[3])
                .as("constant within a class, not overall")
                .isNotEqualTo(1f);
        // the rows themselves: parsed as the driver parses them, standardised alike, none lost or repeated
        assertThat(rowsOf(t.train().collectAsList())).isEqualTo(rowsOf(oracle, t.standardizer()));
        TabularDataset testOracle = TabularDataset.read(test, format, oracle.classNames(), oracle.featureNames());
        assertThat(rowsOf(t.test().collectAsList())).isEqualTo(rowsOf(testOracle, t.standardizer()));
        assertThat(t.train().schema().apply("label").metadata().json()).contains("setosa", "versicolor", "virginica");
    }

    @Test
    void theTestAccuracyCountsTheRowsClassifiedRight() {
        int[] labels = new int[300];
        float[][] x = SparkTests.blobs(300, 4, 3, 8, labels);
        org.mlp4j.model.Network net = org.mlp4j.recipe.Recipe.named("default")
                .forTables()
                .with("layers", "4,8,3")
                .with("validation-split", 0)
                .plan(300, 0)
                .network(new Rng(2));
        double expected = org.mlp4j.eval.Evaluation.accuracy(net, SparkTests.dataset(x, labels, 3), 1);
        assertThat(expected)
                .as("an untrained network: neither none nor all right")
                .isBetween(0.05, 0.95);
        assertThat(SparkTraining.accuracy(net, SparkTests.frame(x, labels, 3), "features", "label", false))
                .isEqualTo(expected);
    }

    @Test
    void theHeldOutRowsAreTheSameForAnyNumberOfParts() throws IOException {
        Path train = table("all.csv", 2000, 3, new String[] {"a", "b"}, true);
        String uri = train.toUri().toString();
        ExecutorCsv.Table one = ExecutorCsv.read(SparkTests.spark(), uri, null, CsvFormat.of("kind"), 11, 1);
        ExecutorCsv.Table many = ExecutorCsv.read(SparkTests.spark(), uri, null, CsvFormat.of("kind"), 11, 13);
        List<String> heldOne = rowsOf(one.test().collectAsList());
        List<String> heldMany = rowsOf(many.test().collectAsList());
        assertThat(heldMany).isEqualTo(heldOne);
        assertThat(heldOne.size()).isBetween(340, 460); // 20% of 2000, give or take the hash's spread
        assertThat(one.trainRows() + heldOne.size()).isEqualTo(2000);
        assertThat(many.trainRows()).isEqualTo(one.trainRows());
        ExecutorCsv.Table otherSeed = ExecutorCsv.read(SparkTests.spark(), uri, null, CsvFormat.of("kind"), 12, 13);
        assertThat(rowsOf(otherSeed.test().collectAsList())).isNotEqualTo(heldOne);
    }

    @Test
    void heldOutIsASeededHashOfFileAndOffset() {
        int held = 0;
        for (long offset = 0; offset < 100_000; offset += 10) {
            boolean h = ExecutorCsv.heldOut(5, "x.csv", offset);
            assertThat(ExecutorCsv.heldOut(5, "x.csv", offset)).isEqualTo(h);
            held += h ? 1 : 0;
        }
        assertThat(held).isBetween(1900, 2100); // of 10,000 offsets
        int differ = 0;
        for (long offset = 0; offset < 10_000; offset += 10) {
            differ += ExecutorCsv.heldOut(5, "x.csv", offset) != ExecutorCsv.heldOut(5, "y.csv", offset) ? 1 : 0;
        }
        assertThat(differ).as("another file, other rows").isGreaterThan(200);
    }

    @Test
    void noHeaderNumericClassesAndAFolderOfPartFiles() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("table"));
        Files.writeString(folder.resolve("part-0.csv"), "1.5,10\n2.5,2\n3.5,10\n");
        Files.writeString(folder.resolve("part-1.csv"), "\n4.5,2\n5.5,10\n");
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".part-0.csv.crc"), "not data");
        Files.writeString(dir.resolve("test.csv"), "1,2\n2,10\n");
        ExecutorCsv.Table t = ExecutorCsv.read(
                SparkTests.spark(),
                folder.toUri().toString(),
                dir.resolve("test.csv").toUri().toString(),
                CsvFormat.of("-1"),
                1,
                3);
        assertThat(t.classes())
                .as("numbers by value, as one machine orders them")
                .containsExactly("2", "10");
        assertThat(t.features()).containsExactly("x0");
        assertThat(t.trainRows()).isEqualTo(5);
        assertThat((double) t.standardizer().mean()[0]).isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) t.standardizer().std()[0])
                .isCloseTo(Math.sqrt(2.0), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(t.train().filter("label = 0").count()).isEqualTo(2);
        assertThat(t.test().count()).isEqualTo(2);
    }

    @Test
    void headersThatDifferAreRefusedNamingTheFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(folder.resolve("a.csv"), "x,y,label\n1,2,a\n2,3,b\n");
        Files.writeString(folder.resolve("b.csv"), "y,x,label\n1,2,a\n");
        assertThatThrownBy(() -> ExecutorCsv.read(
                        SparkTests.spark(), folder.toUri().toString(), null, CsvFormat.of("label"), 1, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("b.csv: expected the header of")
                .hasMessageContaining("found 'y,x,label'");
    }

    @Test
    void aQuotedLineBreakABadNumberAndOneClassAreRefused() throws IOException {
        Path quoted = dir.resolve("quoted.csv");
        Files.writeString(quoted, "x,note,label\n1,\"two\nlines\",a\n2,ok,b\n");
        assertThatThrownBy(() -> read(quoted))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quoted.csv, the part from byte 13: line 1: a quoted field runs past the end");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,label\n1,a\n2,b\n3x,a\n");
        assertThatThrownBy(() -> read(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv, the part from byte 8: line 3, column 'x'");
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "x,label\n1,a\n2,a\n3,a\n");
        assertThatThrownBy(() -> read(one))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected at least 2 classes in the label column, found 1");
        assertThatThrownBy(() -> read(dir.resolve("missing.csv")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.csv: no such file or folder");
        Path gz = dir.resolve("rows.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("x,label\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> read(gz))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rows.csv.gz: expected a CSV text file, found a compressed one");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "x,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(latin1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("latin1.csv: byte 8: expected a CSV text file (UTF-8)");
    }

    @Test
    void partsOfDifferentWidthsAreRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("widths"));
        Files.writeString(folder.resolve("a.csv"), "1,2,a\n2,3,b\n");
        Files.writeString(folder.resolve("b.csv"), "1,2,3,a\n");
        assertThatThrownBy(() ->
                        ExecutorCsv.read(SparkTests.spark(), folder.toUri().toString(), null, CsvFormat.of("-1"), 1, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected the feature columns of")
                .hasMessageContaining("x0, x1")
                .hasMessageContaining("x0, x1, x2");
    }

    private void read(Path file) {
        ExecutorCsv.read(SparkTests.spark(), file.toUri().toString(), null, CsvFormat.of("label"), 1, 1);
    }
}
