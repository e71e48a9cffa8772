package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/** Issue 22, item 5: regression data read, split and scaled, and its figures against scikit-learn's. */
class RegressionDataTest {
    @TempDir
    Path dir;

    /** Figures scikit-learn 1.2.1 printed for these rows (r2_score, mean_squared_error, mean_absolute_error). */
    @Test
    void metricsAgreeWithScikitLearn() {
        RegressionMetrics one = new RegressionMetrics(1);
        double[] y = {3, -0.5, 2, 7};
        double[] p = {2.5, 0.0, 2, 8};
        for (int i = 0; i < y.length; i++) {
            one.add(0, p[i], y[i]);
        }
        assertThat(one.fit().r2()).isCloseTo(0.9486081370449679, offset(1e-12));
        assertThat(one.fit().rmse()).isCloseTo(0.6123724356957945, offset(1e-12));
        assertThat(one.fit().mae()).isCloseTo(0.5, offset(1e-12));
        assertThat(one.fit().rows()).isEqualTo(4);

        RegressionMetrics two = new RegressionMetrics(2);
        double[][] yt = {{0.5, 1}, {-1, 1}, {7, -6}};
        double[][] yp = {{0, 2}, {-1, 2}, {8, -5}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                two.add(j, yp[i][j], yt[i][j]);
            }
        }
        assertThat(two.fit().r2()).as("uniform average over targets").isCloseTo(0.9368005266622779, offset(1e-12));
        assertThat(two.fit().rmse()).isCloseTo(0.8416254115301732, offset(1e-12));
        assertThat(two.fit().mae()).isCloseTo(0.75, offset(1e-12));
        assertThat(two.fit().rows()).isEqualTo(3);
    }

    /** A constant target scores 1 when predicted exactly and 0 otherwise, as r2_score does (0.0 and 0.5 here). */
    @Test
    void aConstantTargetScoresAsScikitLearnDoes() {
        RegressionMetrics exact = new RegressionMetrics(2);
        exact.add(0, 1, 1);
        exact.add(1, 2, 2);
        exact.add(0, 1, 1);
        exact.add(1, 2, 3);
        assertThat(exact.fit().r2()).isCloseTo(0.0, offset(1e-12));
        RegressionMetrics missed = new RegressionMetrics(2);
        missed.add(0, 2, 1);
        missed.add(1, 2, 2);
        missed.add(0, 1, 1);
        missed.add(1, 3, 3);
        assertThat(missed.fit().r2()).isCloseTo(0.5, offset(1e-12));
        assertThat(new RegressionMetrics(1).fit().rmse()).isNaN();
    }

    /** Standardised targets are turned back into units before they are scored. */
    @Test
    void standardisedOutputsAreScoredInTheTargetsUnits() {
        Standardizer s = new Standardizer(new float[] {100f}, new float[] {10f});
        RegressionMetrics m = new RegressionMetrics(1);
        // outputs 0.5 and -1 are 105 and 90; targets 0 and -0.5 are 100 and 95
        m.addStandardized(new float[] {0.5f, -1f}, new float[] {0f, -0.5f}, 2, s);
        assertThat(m.fit().rmse()).isCloseTo(5.0, offset(1e-9));
        assertThat(m.fit().mae()).isCloseTo(5.0, offset(1e-9));
    }

    @Test
    void aCsvTargetIsReadByNameAndScaledForTraining() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "price,a,b\n100,1,2\n300,3,4\n200,5,6\n");
        RegressionDataset d = RegressionDataset.read(f, CsvFormat.of("price"), null);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.targetNames()).containsExactly("price");
        assertThat(d.regression()).isTrue();
        assertThat(d.rows()[1]).containsExactly(3f, 4f);
        assertThat(d.targetRows()[2]).containsExactly(200f);
        RegressionDataset scaled = d.withTargetScaling(Standardizer.fit(d.targetRows()));
        float[] y = new float[1];
        scaled.copyTarget(1, y, 0);
        // mean 200, population deviation √(20000/3)
        assertThat((double) y[0]).isCloseTo(100 / Math.sqrt(20000.0 / 3), offset(1e-6));
        float[] batch = new float[3];
        scaled.slice(1, 3).copyTarget(0, batch, 2);
        assertThat(batch[2]).isEqualTo(y[0]);
        assertThat(scaled.slice(0, 2).targetScaling()).isSameAs(scaled.targetScaling());
    }

    @Test
    void aTargetThatIsNoNumberIsNamedWithItsLine() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "a,y\n1,2\n3,cat\n");
        assertThatThrownBy(() -> RegressionDataset.read(f, CsvFormat.of("y"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("target column 'y'")
                .hasMessageContaining("cat");
    }

    @Test
    void theSplitScalesWithTrainingRowsOnly() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(1000 + 10 * i).append('\n');
        }
        Path f = Files.writeString(dir.resolve("t.csv"), csv);
        TabularData<RegressionDataset> d = TabularData.readRegression(f, null, CsvFormat.of("y"), 0, rows -> 10);
        assertThat(d.train().size()).isEqualTo(40);
        assertThat(d.test().size()).isEqualTo(10);
        Standardizer expected = Standardizer.fit(d.train().rows(0, 30).targetRows());
        assertThat(d.targets().mean()).containsExactly(expected.mean());
        assertThat(d.targets().std()).containsExactly(expected.std());
        RegressionDataset train = d.standardizedTrain();
        float[] y = new float[1];
        train.copyTarget(0, y, 0);
        assertThat((double) y[0])
                .isCloseTo((d.train().targetRows()[0][0] - expected.mean()[0]) / expected.std()[0], offset(1e-6));
        assertThat(train.inputScaling()).isEqualTo("standardize");
    }

    @Test
    void javaArraysAreChecked() {
        assertThatThrownBy(() -> RegressionDataset.of(new float[][] {{1}, {2}}, new float[][] {{1}}))
                .hasMessageContaining("expected one target row per feature row (2), found 1");
        assertThatThrownBy(() -> RegressionDataset.of(new float[][] {{1}}, new float[][] {{Float.NaN}}))
                .hasMessageContaining("y: row 0, value 0: expected a finite number");
        RegressionDataset d = RegressionDataset.of(new float[][] {{1, 2}}, new float[][] {{3, 4, 5}});
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.targetNames()).containsExactly("y0", "y1", "y2");
        float[] y = new float[3];
        d.copyTarget(0, y, 0);
        assertThat(y).as("identity scaling until one is given").containsExactly(3f, 4f, 5f);
    }

    /** Several target columns, by name in any order, or by position in a file without a header. */
    @Test
    void severalTargetColumnsAreReadByNameOrPosition() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "days,a,price,b\n3,1,100,2\n4,5,300,6\n");
        RegressionDataset d = RegressionDataset.read(f, CsvFormat.of("price,days"), null);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.targetNames()).containsExactly("price", "days");
        assertThat(d.classes()).isEqualTo(2);
        assertThat(d.targetRows()).hasNumberOfRows(2);
        assertThat(d.targetRows()[1]).containsExactly(300f, 4f);
        assertThat(d.rows()[1]).containsExactly(5f, 6f);
        Path bare = Files.writeString(dir.resolve("bare.csv"), "1,2,100,3\n5,6,300,4\n");
        RegressionDataset p = RegressionDataset.read(bare, CsvFormat.of("3,-1"), null);
        assertThat(p.targetRows()[0]).containsExactly(100f, 3f);
        assertThat(p.rows()[0]).containsExactly(1f, 2f);
        assertThat(p.targetNames()).containsExactly("y0", "y1");
        RegressionDataset first = RegressionDataset.read(bare, CsvFormat.of("1,3"), null);
        assertThat(first.targetRows()[0]).as("a target in the first column").containsExactly(1f, 100f);
        assertThat(first.rows()[0]).containsExactly(2f, 3f);
        assertThatThrownBy(() -> RegressionDataset.read(bare, CsvFormat.of("price,days"), null))
                .hasMessageContaining("names its target columns by position");
        assertThatThrownBy(() -> RegressionDataset.read(f, CsvFormat.of("price,price"), null))
                .hasMessageContaining("expected different columns, found one named twice");
        assertThatThrownBy(() -> TabularDataset.read(f, CsvFormat.of("price,days"), null, null))
                .hasMessageContaining("expected one label column for classes, found 2")
                .hasMessageContaining("task regression");
    }

    /** Joining two accumulators gives the figures of one that saw every value (Spark joins its partitions so). */
    @Test
    void mergedMetricsEqualMetricsOfAllTheValues() {
        org.mlp4j.math.Rng rng = new org.mlp4j.math.Rng(4);
        RegressionMetrics all = new RegressionMetrics(2);
        RegressionMetrics left = new RegressionMetrics(2);
        RegressionMetrics right = new RegressionMetrics(2);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 2; j++) {
                double y = 100 * j + (i < 20 ? 5 : -3) + rng.nextGaussian(); // two parts with different means
                double p = y + 0.5 * rng.nextGaussian();
                all.add(j, p, y);
                (i < 20 ? left : right).add(j, p, y);
            }
        }
        RegressionMetrics merged = left.merge(right);
        for (int i = 0; i < 5; i++) { // the joined mean carries on as if every value had been added
            all.add(0, 90 + i, 100 + 3 * i);
            merged.add(0, 90 + i, 100 + 3 * i);
        }
        RegressionMetrics.Fit want = all.fit();
        RegressionMetrics.Fit got = merged.fit();
        assertThat(got.rows()).isEqualTo(55);
        assertThat(got.rmse()).isCloseTo(want.rmse(), offset(1e-12));
        assertThat(got.mae()).isCloseTo(want.mae(), offset(1e-12));
        assertThat(got.r2()).isCloseTo(want.r2(), offset(1e-12));
        assertThat(new RegressionMetrics(2).merge(all).fit()).isEqualTo(want);
        RegressionMetrics empty = new RegressionMetrics(2);
        assertThat(all.merge(empty).fit()).isEqualTo(want);
        assertThatThrownBy(() -> all.merge(new RegressionMetrics(1)))
                .hasMessageContaining("regression metrics of 1 targets cannot join 2");
    }

    @Test
    void unscaleIsTheStandardisationsInverse() {
        Standardizer s = new Standardizer(new float[] {10f, -4f}, new float[] {2f, 0.5f});
        assertThat(s.unscale(0, 1.5)).isEqualTo(13.0);
        assertThat(s.unscale(1, -2)).isEqualTo(-5.0);
        assertThat((double) s.apply(new float[] {13f, -5f})[1]).isEqualTo(-2.0);
    }

    /** Big files grow the target list past its first block; small ones split and scale or are refused. */
    @Test
    void aLongFileKeepsEveryTargetAndShortOnesAreRefusedOrSplit() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(i).append(',').append(2 * i).append('\n');
        }
        RegressionDataset d =
                RegressionDataset.read(Files.writeString(dir.resolve("long.csv"), csv), CsvFormat.of("y"), null);
        assertThat(d.size()).isEqualTo(3000);
        assertThat(d.targetRows()[2999]).containsExactly(5998f);
        assertThat(d.description()).endsWith("long.csv");
        assertThat(d.rows(10, 20).description()).endsWith("long.csv rows 10-20");
        Path two = Files.writeString(dir.resolve("two.csv"), "x,y\n1,2\n3,4\n");
        assertThatThrownBy(() -> TabularData.readRegression(two, null, CsvFormat.of("y"), 0, rows -> 0))
                .hasMessageContaining("expected enough rows to hold out 20% as a test set, found 2");
        Path three = Files.writeString(dir.resolve("three.csv"), "x,y\n1,2\n3,4\n5,6\n");
        TabularData<RegressionDataset> split = TabularData.readRegression(three, null, CsvFormat.of("y"), 0, rows -> 0);
        assertThat(split.train().size()).isEqualTo(2);
        assertThat(split.standardizedTest().size()).isEqualTo(1);
        assertThat(split.standardizedTest().inputScaling()).isEqualTo("standardize");
        Path test = Files.writeString(dir.resolve("test.csv"), "y,x\n8,7\n");
        TabularData<RegressionDataset> given = TabularData.readRegression(three, test, CsvFormat.of("y"), 0, rows -> 0);
        assertThat(given.test().rows()[0]).containsExactly(7f);
        assertThat(given.train().size()).isEqualTo(3);
    }

    /** Without a header, a target named rather than placed is the last column. */
    @Test
    void aNamedTargetInAFileWithoutAHeaderIsTheLastColumn() throws Exception {
        Path bare = Files.writeString(dir.resolve("bare.csv"), "1,2,3\n4,5,6\n");
        RegressionDataset d = RegressionDataset.read(bare, CsvFormat.parse(",", "no", "y"), null);
        assertThat(d.targetRows()[1]).containsExactly(6f);
        assertThat(d.rows()[1]).containsExactly(4f, 5f);
        assertThat(d.description()).contains("bare.csv");
        assertThatThrownBy(() -> RegressionDataset.of(new float[][] {{Float.NaN}}, new float[][] {{1}}))
                .hasMessageContaining("x: row 0, value 0: expected a finite number");
    }
}
