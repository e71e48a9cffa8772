package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;

/**
 * A partition's rows into a shard: each bad label, target or feature vector named with its row, every value
 * kept (targets included), the same shard whether the rows expected were counted right or not, and the
 * driver's refusal of a partition too large for one array, with the workers it would need.
 */
class ShardBuilderTest {
    private static ShardBuilder classes(int features, int classes) {
        return new ShardBuilder("features", 0, "y", 1, features, classes);
    }

    private static void refused(ShardBuilder b, Row bad, String message) {
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2), 0.0), bad);
        assertThatThrownBy(() -> b.build(5, rows.iterator(), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void everyBadLabelIsNamedWithItsRow() {
        String range = "column y: expected a class index from 0 to 2 (the last layer has 3 units), found ";
        refused(classes(2, 3), RowFactory.create(Vectors.dense(1, 2), 3.0), range + "3 (row 1 of partition 5)");
        refused(classes(2, 3), RowFactory.create(Vectors.dense(1, 2), -1.0), range + "-1 (row 1 of partition 5)");
        refused(classes(2, 3), RowFactory.create(Vectors.dense(1, 2), 1.5), range + "1.5 (row 1 of partition 5)");
        refused(classes(2, 3), RowFactory.create(Vectors.dense(1, 2), 1e15), range + "1.0E15 (row 1 of partition 5)");
        refused(
                classes(2, 3),
                RowFactory.create(Vectors.dense(1, 2), 999_999_999_999_999.0),
                range + "999999999999999 (row 1 of partition 5)");
        refused(
                classes(2, 3),
                RowFactory.create(Vectors.dense(1, 2), "b"),
                "column y: expected a class index from 0 to 2 (as StringIndexer makes them), found 'b' (row 1 of"
                        + " partition 5)");
        refused(
                classes(2, 3),
                RowFactory.create(Vectors.dense(1, 2), null),
                "column y: expected a class index from 0 to 2 (as StringIndexer makes them), found null (row 1 of"
                        + " partition 5)");
        Shard last = classes(2, 3)
                .build(0, List.of(RowFactory.create(Vectors.dense(1, 2), 2.0)).iterator(), 1);
        assertThat(last.labels).containsExactly(2);
    }

    @Test
    void everyBadFeatureVectorIsNamedWithItsRow() {
        String size = "column features: expected vectors of 2 values (the first layer), found 3 (row 1 of partition 5)";
        refused(classes(2, 3), RowFactory.create(Vectors.dense(1, 2, 3), 0.0), size);
        refused(classes(2, 3), RowFactory.create(Vectors.sparse(3, new int[] {0}, new double[] {1}), 0.0), size);
        List<Row> arrays = new ArrayList<>();
        arrays.add(RowFactory.create(new Double[] {1.0, 2.0}, 0.0));
        arrays.add(RowFactory.create(new Double[] {1.0, 2.0, 3.0}, 0.0));
        List<Row> fromFrame = SparkTests.spark()
                .createDataFrame(SparkTests.jsc().parallelize(arrays, 1), RowStatsTest.ARRAYS)
                .collectAsList();
        assertThatThrownBy(() -> new ShardBuilder("features", 0, "label", 1, 2, 3).build(5, fromFrame.iterator(), 2))
                .hasMessage("column features: expected vectors of 2 values (the first layer), found 3 (row 1 of"
                        + " partition 5)");
        refused(
                classes(2, 3),
                RowFactory.create("1,2", 0.0),
                "column features: expected a vector or an array of floats or doubles, found '1,2' (row 1 of"
                        + " partition 5)");
    }

    @Test
    void aRegressionKeepsEveryTargetAndNamesABadOne() {
        List<Row> rows =
                List.of(RowFactory.create(Vectors.dense(1, 2), 1234.5), RowFactory.create(Vectors.dense(3, 4), -0.25));
        Shard s = new ShardBuilder("features", 0, "y", 1, 2, 1, true).build(0, rows.iterator(), 2);
        assertThat(s.targets).containsExactly(1234.5f, -0.25f);
        refused(
                new ShardBuilder("features", 0, "y", 1, 2, 1, true),
                RowFactory.create(Vectors.dense(1, 2), Double.NaN),
                "column y: expected a finite number (the regression's target), found NaN (Double) (row 1 of"
                        + " partition 5)");
    }

    @Test
    void theShardIsTheSameWhetherTheRowsExpectedWereTooFewOrExact() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(RowFactory.create(Vectors.dense(i * 0.5, -i, 1), (double) (i % 3)));
        }
        Shard exact = classes(3, 3).build(0, rows.iterator(), 300);
        Shard grown = classes(3, 3).build(0, rows.iterator(), 7); // grown by doubling, then trimmed
        Shard unknown = classes(3, 3).build(0, rows.iterator());
        for (Shard s : List.of(grown, unknown)) {
            assertThat(s.size).isEqualTo(300);
            assertThat(s.values).containsExactly(exact.values);
            assertThat(s.labels).containsExactly(exact.labels);
            assertThat(s.fingerprint()).isEqualTo(exact.fingerprint());
        }
        assertThat(exact.values).hasSize(900);
        assertThat(exact.values[3 * 299]).isEqualTo(149.5f);
    }

    @Test
    void aPartitionTooLargeForOneArrayIsRefusedWithTheWorkersItNeeds() {
        long max = ShardBuilder.MAX_VALUES;
        ShardBuilder.checkFits(new long[] {max, 5}, 1, "features"); // exactly at the limit: fits
        // 2 x max rows in all: 2 workers would do
        assertThatThrownBy(() -> ShardBuilder.checkFits(new long[] {max - 1, max + 1}, 1, "features"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("partition 1 would hold " + (max + 1) + " rows x 1 features = " + (max + 1)
                        + " values, more than one array holds (" + max + "); train with at least 2 workers"
                        + " (numWorkers, --workers)");
        // 4 features: 536,870,909 rows a worker at most; 1,073,741,819 rows need 3 of them
        assertThatThrownBy(() -> ShardBuilder.checkFits(new long[] {max / 4, max / 4 + 1}, 4, "features"))
                .hasMessageEndingWith("train with at least 3 workers (numWorkers, --workers)");
    }

    @Test
    void theColumnsMayComeInAnyOrderTheWeightFirst() {
        List<Row> rows = List.of(
                RowFactory.create(0.5, Vectors.dense(1, 2.5), 1.0), RowFactory.create(2.0, Vectors.dense(3, 4), 0.0));
        Shard s =
                new ShardBuilder("features", 1, "y", 2, 2, 2).weightedBy("w", 0).build(0, rows.iterator(), 2);
        assertThat(s.weights).containsExactly(0.5f, 2.0f);
        assertThat(s.labels).containsExactly(1, 0);
        assertThat(s.values).containsExactly(1, 2.5f, 3, 4);
    }

    @Test
    void autoKeepsAShardInTheHeapOrOnDiskByItsExpectedSize() {
        ShardStorage auto = new ShardStorage(ShardStorage.Mode.AUTO, 2);
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1.5, 2), 1.0));
        // 10 rows expected at 10^12 bytes each: far beyond this heap; at 8 bytes each, far within it
        assertThat(classes(2, 2).storedBy(auto, 1e12).build(0, rows.iterator(), 10).disk)
                .isNotNull();
        assertThat(classes(2, 2).storedBy(auto, 8).build(0, rows.iterator(), 10).disk)
                .isNull();
    }
}
