package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;

/**
 * A part of a CSV file as a cluster's task reads it ({@link TabularDataset#parsePart}): the file's header
 * given apart, lines counted from the part's first, labels kept or checked, a quoted line break refused; and
 * the pieces the driver uses to agree with every task (header rule, one line's fields, class order).
 */
class TabularDatasetPartTest {
    private static final CsvFormat KIND = CsvFormat.of("kind");

    @Test
    void aPartWithTheHeaderGivenApartReadsColumnsByNameAndKeepsItsOwnLabels() {
        TabularDataset d = TabularDataset.parsePart(
                "b,kind,a",
                List.of("2,virginica,1", "", "4,virginica,3"),
                "x.csv, the part from byte 9",
                KIND,
                null,
                null);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.featureNames()).containsExactly("b", "a");
        assertThat(d.classNames()).as("one class is a part, not an error").containsExactly("virginica");
        assertThat(d.rows()[1]).containsExactly(4f, 3f);
        TabularDataset byName = TabularDataset.parsePart(
                "b,kind,a", List.of("2,setosa,1"), "p", KIND, List.of("setosa", "virginica"), List.of("a", "b"));
        assertThat(byName.rows()[0]).containsExactly(1f, 2f);
        assertThat(byName.label(0)).isZero();
        assertThat(byName.classNames()).containsExactly("setosa", "virginica");
    }

    @Test
    void withoutAHeaderColumnsGoByPosition() {
        TabularDataset d = TabularDataset.parsePart(
                null, List.of("1;2;10", "3;4;2"), "p", new CsvFormat(';', CsvFormat.Header.AUTO, "-1"), null, null);
        assertThat(d.featureNames()).containsExactly("x0", "x1");
        assertThat(d.classNames()).containsExactly("2", "10");
        assertThat(d.label(0)).isEqualTo(1);
        assertThat(d.rows()[1]).containsExactly(3f, 4f);
        // a header-looking first line is data when the file has no header: the task is told, it does not guess
        assertThatThrownBy(() -> TabularDataset.parsePart(null, List.of("a,b,kind"), "p", KIND, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p: line 1, column 'x0'");
    }

    @Test
    void linesAreCountedFromThePartsFirstWithOrWithoutAHeader() {
        assertThatThrownBy(() -> TabularDataset.parsePart(
                        "a,kind", List.of("1,x", "", "zz,y"), "f.csv, the part from byte 7", KIND, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("f.csv, the part from byte 7: line 3, column 'a': expected a number, found 'zz'");
        assertThatThrownBy(() -> TabularDataset.parsePart(
                        null, List.of("1,x", "2,y,3"), "g.csv, the part from byte 0", CsvFormat.of("-1"), null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("g.csv, the part from byte 0: line 2: expected 2 fields, found 3");
        assertThatThrownBy(() ->
                        TabularDataset.parsePart("a,kind", List.of("1,x", "2,z"), "h", KIND, List.of("x", "y"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("h: line 2: label 'z' is not one of the training classes [x, y]");
    }

    @Test
    void aQuotedLineBreakIsRefusedAndQuotedDelimitersAreRead() {
        TabularDataset d = TabularDataset.parsePart(
                "a,note,kind", List.of("1,\"x, \"\"y\"\"\",p", "2,\"\",q"), "p", KIND, null, List.of("a"));
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.classNames()).containsExactly("p", "q");
        assertThatThrownBy(() -> TabularDataset.parsePart(
                        "a,note,kind", List.of("1,ok,p", "2,\"open,q", "x\",r"), "q.csv", KIND, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("q.csv: line 2: a quoted field runs past the end of its line;");
        assertThatThrownBy(() -> TabularDataset.parsePart(null, List.of("1,\"a\"\"b,2"), "r", KIND, null, null))
                .as("three quotes: one is left open")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("r: line 1: a quoted field runs past");
    }

    @Test
    void classesAreOrderedByValueWhenAllAreNumbers() {
        assertThat(TabularDataset.classOrder(List.of("10", "2", "1.5"))).containsExactly("1.5", "2", "10");
        assertThat(TabularDataset.classOrder(List.of("10", "2", "b"))).containsExactly("10", "2", "b");
        assertThat(TabularDataset.classOrder(List.of("b", "a", "b"))).containsExactly("a", "b");
    }

    @Test
    void theHeaderRuleAndOneLinesFields() {
        assertThat(KIND.hasHeader(new String[] {"1", "kind"}, "f"))
                .as("the label's name")
                .isTrue();
        assertThat(KIND.hasHeader(new String[] {"w", "x"}, "f"))
                .as("text where numbers go")
                .isTrue();
        assertThat(KIND.hasHeader(new String[] {"1.5", "x"}, "f"))
                .as("a data row")
                .isFalse();
        assertThat(new CsvFormat(',', CsvFormat.Header.YES, "kind").hasHeader(new String[] {"1", "2"}, "f"))
                .isTrue();
        assertThat(new CsvFormat(',', CsvFormat.Header.NO, "kind").hasHeader(new String[] {"a", "kind"}, "f"))
                .isFalse();
        assertThat(KIND.fields("a,\"b,c\",d", "f")).containsExactly("a", "b,c", "d");
        assertThat(new CsvFormat('\t', CsvFormat.Header.AUTO, "k").fields("a\tb", "f"))
                .containsExactly("a", "b");
        assertThat(KIND.fields("", "f")).containsExactly("");
        assertThatThrownBy(() -> KIND.fields("a,\"b", "line 1 of f"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1 of f: line 1: a quoted field is not closed");
    }
}
