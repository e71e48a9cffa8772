package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * A CSV file of classes prepared as {@code train --dataset csv} prepares it, against an oracle built here from
 * {@link TabularDataset}'s own pieces: the shuffle by the run's seed, the 80/20 cut, and a standardiser that
 * never sees a test or held-out row. (RegressionDataTest checks the regression side of the same reader.)
 */
class TabularDataTest {
    @TempDir
    Path dir;

    private Path table(String name, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("a,label,b\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i)
                    .append(',')
                    .append(i % 3 == 0 ? "yes" : "no")
                    .append(',')
                    .append(i * i % 17)
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void theShuffledRowsAreCutEightyTwentyAndOnlyTheTrainingRowsLeftAfterTheHoldOutAreStandardised() throws Exception {
        Path f = table("t.csv", 50);
        TabularData<TabularDataset> d = TabularData.read(f, null, "label", 9, 5);
        TabularDataset all = TabularDataset.read(f, "label", null).shuffle(Rng.rowShuffleSeed(9));
        assertThat(d.train().rows()).isDeepEqualTo(all.rows(0, 40).rows());
        assertThat(d.test().rows()).isDeepEqualTo(all.rows(40, 50).rows());
        assertThat(d.targets()).isNull();
        Standardizer expected = Standardizer.fit(all.rows(0, 35).rows());
        assertThat(d.standardizer().mean()).containsExactly(expected.mean());
        assertThat(d.standardizer().std()).containsExactly(expected.std());
        assertThat(d.standardizedTrain().rows())
                .isDeepEqualTo(d.train().standardized(expected).rows());
        assertThat(d.standardizedTest().rows())
                .isDeepEqualTo(d.test().standardized(expected).rows());
        for (int i = 0; i < d.test().size(); i++) {
            assertThat(d.standardizedTest().label(i)).isEqualTo(all.label(40 + i));
        }
        // a hold-out of a fraction: the operator is given the training set's size
        List<Integer> asked = new ArrayList<>();
        TabularData<TabularDataset> f10 = TabularData.read(f, null, "label", 9, rows -> {
            asked.add(rows);
            return rows / 10;
        });
        assertThat(asked).containsExactly(40);
        assertThat(f10.standardizer().mean())
                .containsExactly(Standardizer.fit(all.rows(0, 36).rows()).mean());
        // a hold-out larger than the set still fits on one row, never on none
        TabularData<TabularDataset> most = TabularData.read(f, null, "label", 9, 1000);
        assertThat(most.standardizer().mean()).containsExactly(all.rows(0, 1).rows()[0]);
    }

    @Test
    void aTestFileIsReadByTheTrainingHeadersNamesAndKeepsItsOrder() throws Exception {
        Path train = table("train.csv", 20);
        Path test = Files.writeString(dir.resolve("test.csv"), "b,a,label\n5,100,yes\n6,101,no\n");
        TabularData<TabularDataset> d = TabularData.read(train, test, "label", 3, 0);
        assertThat(d.train().size()).isEqualTo(20);
        assertThat(d.test().rows()).isDeepEqualTo(new float[][] {{100, 5}, {101, 6}});
        assertThat(d.test().label(0)).isEqualTo(d.train().classNames().indexOf("yes"));
        assertThat(d.standardizer().mean())
                .containsExactly(Standardizer.fit(d.train().rows()).mean());
    }

    @Test
    void tooFewRowsOrATestFileOfAnotherWidthAreRefusedByName() throws Exception {
        Path two = Files.writeString(dir.resolve("two.csv"), "a,label\n1,x\n2,y\n");
        assertThatThrownBy(() -> TabularData.read(two, null, "label", 0, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(two + ": expected enough rows to hold out 20% as a test set, found 2");
        Path five = Files.writeString(dir.resolve("five.csv"), "a,label\n1,x\n2,y\n3,x\n4,y\n5,x\n");
        assertThat(TabularData.read(five, null, "label", 0, 0).test().size()).isEqualTo(1);
        Path nine = Files.writeString(dir.resolve("nine.csv"), "1,x\n2,y\n3,x\n4,y\n5,x\n6,y\n7,x\n8,y\n9,x\n");
        assertThat(TabularData.read(nine, null, CsvFormat.parse(",", "no", "-1"), 0, n -> 0)
                        .train()
                        .size())
                .isEqualTo(7);
        Path bare = Files.writeString(dir.resolve("bare.csv"), "1,2,x\n3,4,y\n5,6,x\n");
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "1,x\n");
        assertThatThrownBy(() -> TabularData.read(bare, narrow, CsvFormat.parse(",", "no", "-1"), 0, n -> 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(narrow.toString());
    }

    @Test
    void onlyTheTwoKindsOfRowsMakeTabularData() throws Exception {
        TabularData<TabularDataset> d = TabularData.read(table("t.csv", 20), null, "label", 1, 0);
        Standardizer s = d.standardizer();
        assertThat(new TabularData<>(d.train(), d.test(), s, null)
                        .standardizedTest()
                        .rows())
                .isDeepEqualTo(d.standardizedTest().rows());
        assertThatThrownBy(() -> new TabularData<>(d.train(), d.test(), s, s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected TabularDataset rows, or RegressionDataset rows with their targets' standardiser,"
                        + " for both sets, found TabularDataset and TabularDataset with a targets' standardiser");
        Dataset images = new ImageDataset(new byte[4], new int[] {0, 1}, 1, 2, 2, "two");
        assertThatThrownBy(() -> new TabularData<>(images, images, s, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TabularData<Dataset>(
                        d.train(), RegressionDataset.of(new float[][] {{1}}, new float[][] {{2}}), s, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TabularData<>(d.train(), d.test(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
