package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.CsvLines;
import org.mlp4j.internal.CsvRecords;

/** Issue 22, item 4: CSV files as people have them (RFC 4180, other delimiters, no header, label anywhere). */
class CsvFormatsTest {
    @TempDir
    Path dir;

    static List<String[]> records(String text, char delimiter) throws IOException {
        CsvRecords r = new CsvRecords(new StringReader(text), delimiter, "t.csv");
        List<String[]> out = new ArrayList<>();
        for (String[] f = r.next(); f != null; f = r.next()) {
            out.add(f);
        }
        return out;
    }

    @Test
    void rfc4180QuotesLineBreaksAndEndings() throws IOException {
        List<String[]> r = records(
                "\uFEFFa,\"b, with comma\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\r\n\r\n4,5,6\r7,,\"\"\n", ',');
        assertThat(r).hasSize(4);
        assertThat(r.get(0)).containsExactly("a", "b, with comma", "say \"hi\"");
        assertThat(r.get(1)).containsExactly("1", "two\nlines", "3");
        assertThat(r.get(2)).containsExactly("4", "5", "6");
        assertThat(r.get(3)).containsExactly("7", "", "");
        assertThat(records("x;y\n1;2", ';').get(1)).containsExactly("1", "2");
        assertThat(records("x\ty\n1\t2\n", '\t').get(0)).containsExactly("x", "y");
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
        CsvRecords r = new CsvRecords(new StringReader("a,b\n\"x\ny\",1\r\n\"p\r\nq\",2\n3,4\n"), ',', "t.csv");
        List<Long> lines = new ArrayList<>();
        for (String[] f = r.next(); f != null; f = r.next()) {
            lines.add(r.line());
        }
        assertThat(lines).containsExactly(1L, 2L, 4L, 6L);
        // a lone CR inside quotes is a line break too
        CsvRecords cr = new CsvRecords(new StringReader("\"a\rb\",1\n2,3\n"), ',', "t.csv");
        assertThat(cr.next()).containsExactly("a\rb", "1");
        assertThat(cr.next()).containsExactly("2", "3");
        assertThat(cr.line()).isEqualTo(3);
    }

    @Test
    void anOpenQuoteOrAnEndlessRecordIsNamed() throws IOException {
        assertThatThrownBy(() -> records("a,b\n1,\"open\n2,3\n", ','))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("t.csv: line 2: a quoted field is not closed before the end of the file");
        // the longest record allowed, then one character more
        String longest = "x".repeat(CsvLines.MAX_LINE - 1);
        assertThat(records(longest + "\n", ',').get(0)[0]).hasSize(CsvLines.MAX_LINE - 1);
        assertThatThrownBy(() -> records(longest + "x\n", ','))
                .hasMessage(
                        "t.csv: line 1: expected at most " + CsvLines.MAX_LINE + " characters in a record, found more");
        String endless = "1,".repeat(CsvLines.MAX_LINE / 2 + 10);
        assertThatThrownBy(() -> records(endless, ','))
                .hasMessage(
                        "t.csv: line 1: expected at most " + CsvLines.MAX_LINE + " characters in a record, found more");
        assertThatThrownBy(() -> new CsvRecords(new StringReader(""), '"', "t.csv"))
                .hasMessage("delimiter: expected one character other than a quote or a line break, found a quote");
        assertThatThrownBy(() -> new CsvRecords(new StringReader(""), '\n', "t.csv"))
                .hasMessageEndingWith("found a line feed");
        assertThatThrownBy(() -> new CsvRecords(new StringReader(""), '\r', "t.csv"))
                .hasMessageEndingWith("found a carriage return");
    }

    @Test
    void otherDelimitersNoHeaderAndTheLabelByPosition() throws Exception {
        Path semicolons = Files.writeString(dir.resolve("s.csv"), "species;x;y\nb;1;2\na;3;4\n");
        TabularDataset s =
                TabularDataset.read(semicolons, new CsvFormat(';', CsvFormat.Header.AUTO, "species"), null, null);
        assertThat(s.featureNames()).containsExactly("x", "y");
        assertThat(s.classNames()).containsExactly("a", "b");
        assertThat(s.features(0)).containsExactly(1f, 2f);

        Path noHeader = Files.writeString(dir.resolve("n.tsv"), "2\t5\t1.5\n1\t6\t2.5\n10\t7\t3.5\n");
        TabularDataset first = TabularDataset.read(noHeader, new CsvFormat('\t', CsvFormat.Header.NO, "1"), null, null);
        assertThat(first.classNames())
                .as("integer labels kept as names, in numeric order")
                .containsExactly("1", "2", "10");
        assertThat(first.features(0)).containsExactly(5f, 1.5f);
        assertThat(first.label(0)).isEqualTo(1);
        TabularDataset last = TabularDataset.read(noHeader, new CsvFormat('\t', CsvFormat.Header.NO, "-1"), null, null);
        assertThat(last.classNames()).containsExactly("1.5", "2.5", "3.5");

        // a header whose names look like numbers is still a header when told so (iris.csv's "150,4,setosa,…")
        Path told = Files.writeString(dir.resolve("t.csv"), "150,4,setosa\n5.1,3.5,0\n4.9,3.0,1\n");
        TabularDataset t = TabularDataset.read(told, CsvFormat.parse(",", "yes", "-1"), null, null);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.featureNames()).containsExactly("150", "4");
        assertThat(t.classNames()).containsExactly("0", "1");

        Path quoted =
                Files.writeString(dir.resolve("q.csv"), "\"a\",\"b\",\"label\"\r\n\"1\",\"2\",\"x, y\"\r\n3,4,z\r\n");
        TabularDataset q = TabularDataset.read(quoted, CsvFormat.of("label"), null, null);
        assertThat(q.classNames()).containsExactly("x, y", "z");
        assertThat(q.features(1)).containsExactly(3f, 4f);
    }

    @Test
    void formatSettingsAreChecked() {
        assertThat(CsvFormat.parse("tab", "auto", "label").delimiter()).isEqualTo('\t');
        assertThatThrownBy(() -> CsvFormat.parse(";;", "auto", "label"))
                .hasMessage(
                        "delimiter: expected one character (or 'tab') other than a quote or a line break, found ';;'");
        assertThatThrownBy(() -> CsvFormat.parse(",", "maybe", "label"))
                .hasMessage("header: expected auto, yes or no, found 'maybe'");
        assertThat(CsvFormat.of("3").labelPosition()).isEqualTo(3);
        assertThat(CsvFormat.of("-1").labelPosition()).isEqualTo(-1);
        assertThat(CsvFormat.of("0").labelPosition()).isNull();
        assertThat(CsvFormat.of("species").labelPosition()).isNull();
        assertThat(CsvFormat.of("1").labelIndex(2, "f")).isZero();
        assertThat(CsvFormat.of("2").labelIndex(2, "f")).isEqualTo(1);
        assertThat(CsvFormat.of("-2").labelIndex(2, "f")).isZero();
        assertThat(CsvFormat.of("-1").labelIndex(2, "f")).isEqualTo(1);
        assertThat(CsvFormat.of("name").labelIndex(2, "f")).isEqualTo(-1);
        assertThatThrownBy(() -> CsvFormat.of("3").labelIndex(2, "f"))
                .hasMessage("f: expected the label column at position 3, found 2 columns");
        assertThatThrownBy(() -> CsvFormat.of("-3").labelIndex(2, "f"))
                .hasMessage("f: expected the label column at position -3, found 2 columns");
        Path f = dir.resolve("x.csv");
        assertThatThrownBy(() -> {
                    Files.writeString(f, "1,2\n3,4\n");
                    TabularDataset.read(f, CsvFormat.parse(",", "no", "5"), null, null);
                })
                .hasMessageEndingWith("expected the label column at position 5, found 2 columns");
    }

    @Test
    void aFileIsReadRecordByRecordAsTrainingReadsIt() throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "a;b\n\n1;\"two\nlines\"\n 3.5 ;x\n");
        List<String> seen = new ArrayList<>();
        CsvFormat.parse(";", "auto", "b")
                .forEachRecord(f, (fields, line) -> seen.add(line + ":" + String.join("|", fields)));
        assertThat(seen).containsExactly("1:a|b", "3:1|two\nlines", "5: 3.5 |x");
        assertThat(CsvFormat.number(" 3.5 ", "p.csv line 5")).isEqualTo(3.5f);
        assertThatThrownBy(() -> CsvFormat.number("x", "p.csv line 5, column 'b'"))
                .hasMessage("p.csv line 5, column 'b': expected a number, found 'x'");
        assertThatThrownBy(() -> CsvFormat.number("1e39", "p.csv line 5"))
                .hasMessageStartingWith("p.csv line 5: expected a finite number");
        assertThat(CsvFormat.looksNumeric(" -2 ")).isTrue();
        assertThat(CsvFormat.looksNumeric("NaN")).isTrue();
        assertThat(CsvFormat.looksNumeric("sepal")).isFalse();
        assertThat(CsvFormat.looksNumeric(" ")).isFalse();
        assertThatThrownBy(() -> CsvFormat.of("y").forEachRecord(dir, (fields, line) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.toString());
    }
}
