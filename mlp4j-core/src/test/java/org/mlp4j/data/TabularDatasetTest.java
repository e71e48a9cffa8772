package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/** A table read from CSV, and the operations training applies to it: a wrong row or label is a silent error. */
class TabularDatasetTest {
    @TempDir
    Path dir;

    static TabularDataset table() {
        return TabularDataset.parse(
                List.of("a,b,label", "1,10,x", "2,20,y", "3,30,x", "4,40,z", "5,50,y"), "t.csv", "label", null);
    }

    /** Arrays make the same table a headerless CSV file of the same numbers makes: rows, labels and names. */
    @Test
    void arraysMakeTheTableAFileWithoutAHeaderMakes() throws Exception {
        float[][] x = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        TabularDataset arrays = TabularDataset.of(x, new int[] {0, 2, 1, 2}, 3);
        Path f = Files.writeString(dir.resolve("bare.csv"), "1,10,0\n2,20,2\n3,30,1\n4,40,2\n");
        TabularDataset file = TabularDataset.read(f, CsvFormat.parse(",", "no", "-1"), null, null);
        assertThat(arrays.rows()).isDeepEqualTo(file.rows());
        assertThat(arrays.featureNames()).isEqualTo(file.featureNames()).containsExactly("x0", "x1");
        assertThat(arrays.classNames()).isEqualTo(file.classNames()).containsExactly("0", "1", "2");
        for (int i = 0; i < x.length; i++) {
            assertThat(arrays.label(i)).isEqualTo(file.label(i));
        }
        assertThat(arrays.rows()[1]).isSameAs(x[1]); // kept, not copied
        assertThat(arrays.inputScaling()).isEqualTo("none");
        assertThat(arrays.description()).isEqualTo("arrays");

        // one-hot targets: each row's class is its largest entry
        TabularDataset oneHot = TabularDataset.of(x, new float[][] {{1, 0, 0}, {0, 0, 1}, {0, 0.9f, 0.1f}, {0, 0, 1}});
        assertThat(oneHot.classes()).isEqualTo(3);
        for (int i = 0; i < x.length; i++) {
            assertThat(oneHot.label(i)).isEqualTo(arrays.label(i));
        }
        // a tie goes to the first of the largest entries, as NumPy's argmax does
        assertThat(TabularDataset.of(new float[][] {{1}}, new float[][] {{0, 0.5f, 0.5f}})
                        .label(0))
                .isEqualTo(1);
        assertThatThrownBy(() -> TabularDataset.of(x, new int[] {0, 1, 3, 0}, 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("labels[2]: expected a class from 0 to 2, found 3");
        assertThatThrownBy(() -> TabularDataset.of(new float[][] {{1, 2}, {3}}, new int[] {0, 1}, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("X row 1: expected 2 values, found 1");

        // a seeded split is the shuffle's split
        TabularDataset[] parts = arrays.split(0.5, 11);
        TabularDataset shuffled = arrays.shuffle(11);
        assertThat(parts[0].rows()).isDeepEqualTo(shuffled.rows(0, 2).rows());
        assertThat(parts[1].rows()).isDeepEqualTo(shuffled.rows(2, 4).rows());
    }

    @Test
    void aTableHoldsItsRowsLabelsAndNames() {
        TabularDataset t = table();
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.features()).isEqualTo(2);
        assertThat(t.classes()).isEqualTo(3);
        assertThat(t.classNames()).containsExactly("x", "y", "z");
        assertThat(t.featureNames()).containsExactly("a", "b");
        assertThat(t.features(3)).containsExactly(4f, 40f);
        assertThat(t.label(3)).isEqualTo(2);
        assertThat(t.description()).isEqualTo("t.csv");
        float[] dst = new float[4];
        t.copyFeatures(1, dst, 2);
        assertThat(dst).containsExactly(0f, 0f, 2f, 20f);
        assertThat(t.rows()).hasNumberOfRows(5);
    }

    @Test
    void rowsReorderedShuffledAndSplitKeepEachRowWithItsLabel() {
        TabularDataset t = table();
        TabularDataset r = t.reordered(new int[] {4, 0, 2});
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.features(0)).containsExactly(5f, 50f);
        assertThat(r.label(0)).isEqualTo(1);
        assertThat(r.classNames()).isEqualTo(t.classNames());
        TabularDataset s = t.shuffle(7);
        assertThat(s.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            int a = (int) s.features(i)[0];
            assertThat(s.features(i)[1]).isEqualTo(a * 10f);
            assertThat(s.label(i)).isEqualTo(t.label(a - 1));
        }
        assertThat(t.shuffle(7).features(0)).as("the same seed, the same order").isEqualTo(s.features(0));
        TabularDataset part = t.rows(1, 3);
        assertThat(part.size()).isEqualTo(2);
        assertThat(part.features(0)).containsExactly(2f, 20f);
        assertThat(part.description()).isEqualTo("t.csv rows 1-3");
        TabularDataset[] halves = t.split(0.6);
        assertThat(halves[0].size()).isEqualTo(3);
        assertThat(halves[1].size()).isEqualTo(2);
        assertThat(halves[1].features(0)).containsExactly(4f, 40f);
        assertThat(t.split(0.1)[0].size()).as("rounded to one row").isEqualTo(1);
        assertThat(t.split(0.7)[0].size())
                .as("3.5 rounded to four rows, one left")
                .isEqualTo(4);
        assertThatThrownBy(() -> t.split(0)).hasMessage("fraction: expected a number in (0, 1), found 0.0");
        assertThatThrownBy(() -> t.split(1)).hasMessage("fraction: expected a number in (0, 1), found 1.0");
        assertThatThrownBy(() -> t.split(0.05))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("t.csv: expected enough rows to split 0.05 / 0.95, found 5");
        assertThatThrownBy(() -> t.split(0.95)).hasMessageContaining("expected enough rows to split");
    }

    @Test
    void standardisingAppliesTheStatisticsToEveryRow() {
        TabularDataset t = table();
        Standardizer s = new Standardizer(new float[] {3, 30}, new float[] {2, 10});
        TabularDataset z = t.standardized(s);
        assertThat(z.size()).isEqualTo(5);
        assertThat(z.features(0)).containsExactly(-1f, -2f);
        assertThat(z.features(4)).containsExactly(1f, 2f);
        assertThat(z.label(4)).isEqualTo(t.label(4));
        assertThat(z.featureNames()).isEqualTo(t.featureNames());
        assertThat(t.features(0)).as("the original is left alone").containsExactly(1f, 10f);
    }

    @Test
    void theHeaderIsFoundByTheLabelsNameOrByTextWhereNumbersGo() {
        // no header: every field but the last is a number
        TabularDataset plain = TabularDataset.parse(List.of("1,2,a", "3,4,b"), "p.csv", "label", null);
        assertThat(plain.size()).isEqualTo(2);
        assertThat(plain.featureNames()).containsExactly("x0", "x1");
        // a header of numbers that names the label column is a header
        TabularDataset numbered = TabularDataset.parse(List.of("1,2,label", "3,4,b", "5,6,c"), "n.csv", "label", null);
        assertThat(numbered.size()).isEqualTo(2);
        assertThat(numbered.featureNames()).containsExactly("1", "2");
        // text in the last column only is a label, not a header
        TabularDataset lastText = TabularDataset.parse(List.of("1,2,word", "3,4,b"), "l.csv", "label", null);
        assertThat(lastText.size()).isEqualTo(2);
        // text in the first column is a header
        TabularDataset firstText = TabularDataset.parse(List.of("w,2,3", "3,4,b", "5,6,c"), "f.csv", "3", null);
        assertThat(firstText.size()).isEqualTo(2);
        assertThat(firstText.featureNames()).containsExactly("w", "2");
        // a label given by position is left out when looking for text: a first column of words is the label
        TabularDataset labelFirst = TabularDataset.parse(List.of("x,1,2", "y,3,4"), "lf.csv", "1", null);
        assertThat(labelFirst.size()).isEqualTo(2);
        assertThat(labelFirst.features(0)).containsExactly(1f, 2f);
        assertThat(labelFirst.classNames()).containsExactly("x", "y");
        // a label given by position, text elsewhere: the header is found around it
        TabularDataset byPosition = TabularDataset.parse(List.of("k,a,b", "x,1,2", "y,3,4"), "k.csv", "1", null);
        assertThat(byPosition.size()).isEqualTo(2);
    }

    @Test
    void wrongShapesAndLabelsAreNamed() {
        assertThatThrownBy(() -> TabularDataset.parse(List.of(), "e.csv", "label", null))
                .hasMessage("e.csv: expected a CSV file with rows of numbers and a label, found an empty file");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("label", "a"), "one.csv", "label", null))
                .hasMessage("one.csv: expected at least one feature column and a label column, found 1 column");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("a,label"), "h.csv", "label", null))
                .hasMessage("h.csv: expected at least one example after the header, found none");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("a,label", "1,x", "2,y,3"), "w.csv", "label", null))
                .hasMessage("w.csv: line 3: expected 2 fields, found 3");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("a,label", "1,x", "2,x"), "c.csv", "label", null))
                .hasMessage("c.csv: expected at least 2 classes in the label column, found 1");
        assertThatThrownBy(() ->
                        TabularDataset.parse(List.of("a,label", "1,x", "2,q"), "t.csv", "label", List.of("x", "y")))
                .hasMessage("t.csv: line 3: label 'q' is not one of the training classes [x, y]");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("a,b,c", "1,2,x"), "n.csv", "species", null))
                .hasMessage("n.csv: expected a label column named 'species' (label), found columns a, b, c");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("a,label,a", "1,x,2"), "d.csv", "label", null))
                .hasMessage(
                        "d.csv: header: expected each column name once, found 'a' more than once (columns 1 and 3)");
        assertThatThrownBy(() -> TabularDataset.parse(List.of("1,2,x"), "p.csv", "label", null, List.of("a")))
                .hasMessage("p.csv: expected 1 feature columns and a label (the file has no header, so columns are"
                        + " taken by position), found 3 columns");
        TabularDataset positional =
                TabularDataset.parse(List.of("1,2,x", "3,4,y"), "p.csv", "label", null, List.of("u", "v"));
        assertThat(positional.featureNames()).containsExactly("u", "v");
        assertThat(positional.description()).isEqualTo("p.csv (no header: columns taken by position)");
    }

    @Test
    void numericLabelsSortAsNumbers() {
        TabularDataset t =
                TabularDataset.parse(List.of("a,label", "1,10", "2,9", "3,-1", "4,9"), "n.csv", "label", null);
        assertThat(t.classNames()).containsExactly("-1", "9", "10");
        TabularDataset words =
                TabularDataset.parse(List.of("a,label", "1,10", "2,9", "3,nine"), "w.csv", "label", null);
        assertThat(words.classNames()).as("not all numbers: text order").containsExactly("10", "9", "nine");
        TabularDataset inf =
                TabularDataset.parse(List.of("a,label", "1,Infinity", "2,9", "3,10"), "i.csv", "label", null);
        assertThat(inf.classNames()).as("an infinite label is text").containsExactly("10", "9", "Infinity");
        TabularDataset blank = TabularDataset.parse(List.of("a,label", "1,", "2,9", "3,10"), "b.csv", "label", null);
        assertThat(blank.classNames()).as("an empty label is text").containsExactly("", "10", "9");
    }

    @Test
    void aFileIsReadByItsPath() throws Exception {
        Path f = Files.writeString(dir.resolve("f.csv"), "a,label\n1,x\n2,y\n");
        assertThat(TabularDataset.read(f, "label", null).size()).isEqualTo(2);
        assertThat(TabularDataset.read(f, "label", List.of("x", "y"), List.of("a"))
                        .featureNames())
                .containsExactly("a");
        assertThatThrownBy(() -> TabularDataset.read(dir.resolve("none.csv"), "label", null))
                .hasMessage(dir.resolve("none.csv") + ": no such file");
    }
}
