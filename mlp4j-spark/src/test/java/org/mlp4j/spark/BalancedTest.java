package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class BalancedTest {
    /** Two partitions of 50 and 10 rows, as skewed files make them. */
    private static JavaRDD<Row> skewed() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(RowFactory.create(i));
        }
        return SparkTests.jsc()
                .parallelize(rows, 1)
                .mapPartitions(it -> {
                    List<Row> all = new ArrayList<>();
                    it.forEachRemaining(all::add);
                    return all.iterator();
                })
                .coalesce(1)
                .zipWithIndex()
                .mapToPair(t -> new scala.Tuple2<>(t._2() < 50 ? 0 : 1, t._1()))
                .partitionBy(new org.apache.spark.HashPartitioner(2))
                .values();
    }

    private static List<List<Integer>> partitions(JavaRDD<Row> rdd) {
        List<List<Integer>> out = new ArrayList<>();
        for (List<Row> p : rdd.glom().collect()) {
            List<Integer> ids = new ArrayList<>();
            for (Row r : p) {
                ids.add(r.getInt(0));
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void skewedPartitionsAreSpreadEvenlyKeepingEveryRowInOrder() {
        JavaRDD<Row> input = skewed();
        assertThat(partitions(input)).extracting(List::size).containsExactly(50, 10);
        List<List<Integer>> two = partitions(Balanced.rows(input, 2));
        assertThat(two).extracting(List::size).containsExactly(30, 30);
        List<Integer> all = new ArrayList<>(two.get(0));
        all.addAll(two.get(1));
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 60).boxed().toList());
        assertThat(two.get(0)).isSorted();
        assertThat(two.get(1)).isSorted();

        List<List<Integer>> seven = partitions(Balanced.rows(input, 7));
        assertThat(seven).extracting(List::size).containsExactly(9, 9, 9, 9, 8, 8, 8);
        // more workers than rows per partition used to fail with "partition 0 of 16 holds no rows"
        assertThat(partitions(Balanced.rows(input, 16)))
                .allSatisfy(p -> assertThat(p).isNotEmpty());
    }

    @Test
    void balancedInputIsLeftAlone() {
        JavaRDD<Row> input = skewed();
        JavaRDD<Row> once = Balanced.rows(input, 2);
        assertThat(Balanced.rows(once, 2)).isSameAs(once);
        List<List<Integer>> one = partitions(Balanced.rows(input, 1));
        assertThat(one.get(0))
                .isEqualTo(java.util.stream.IntStream.range(0, 60).boxed().toList());
    }

    @Test
    void theDriverKnowsEachPartitionsRowsBeforeAnyShardIsBuilt() {
        JavaRDD<Row> input = skewed();
        for (int workers : new int[] {1, 2, 7, 16}) {
            Balanced.Spread spread = Balanced.spread(input, workers);
            assertThat(spread.sizes())
                    .as("%d workers", workers)
                    .containsExactly(partitions(spread.rows()).stream()
                            .mapToLong(List::size)
                            .toArray());
        }
        Balanced.Spread asIs = Balanced.spread(Balanced.rows(input, 2), 2);
        assertThat(asIs.sizes()).as("balanced already: its own counts").containsExactly(30, 30);
    }

    @Test
    void aPartitionTooLargeForOneArrayIsRefusedWithTheWorkersItNeeds() {
        org.assertj.core.api.Assertions.assertThatCode(
                        () -> ShardBuilder.checkFits(new long[] {2_700_000, 2_700_000}, 784, "features"))
                .doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ShardBuilder.checkFits(new long[] {2_800_000, 2_800_000}, 784, "features"))
                .isInstanceOf(org.mlp4j.InvalidInputException.class)
                .hasMessageContaining("partition 0 would hold 2800000 rows x 784 features = 2195200000 values")
                .hasMessageContaining("train with at least 3 workers");
    }

    @Test
    void aDatasetInTheDriversMemoryIsCutIntoOneContiguousSliceAWorker() {
        int[] y = new int[10];
        float[][] x = SparkTests.blobs(10, 2, 2, 1, y);
        Shard whole = Shard.of(SparkTests.dataset(x, y, 2), false);
        List<Shard> slices = DistributedTrainer.slices(whole, 3);
        assertThat(slices).extracting(s -> s.size).containsExactly(3, 3, 4);
        assertThat(slices).extracting(s -> s.partition).containsExactly(0, 1, 2);
        int row = 0;
        for (Shard s : slices) {
            for (int i = 0; i < s.size; i++, row++) {
                assertThat(s.labels[i]).isEqualTo(y[row]);
                assertThat(java.util.Arrays.copyOfRange(s.values, 2 * i, 2 * i + 2))
                        .containsExactly(x[row]);
            }
        }
        assertThat(row).isEqualTo(10);
    }

    @Test
    void partitionsOneRowApartAreLeftAloneAndThePartitionerKnowsItsEquals() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rows.add(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(i), 0.0));
        }
        JavaRDD<Row> fiveAndFour = SparkTests.jsc().parallelize(rows, 2);
        Balanced.Spread spread = Balanced.spread(fiveAndFour, new long[] {4, 5}, 2);
        assertThat(spread.rows()).isSameAs(fiveAndFour);
        assertThat(spread.sizes()).containsExactly(4, 5);
        assertThat(Balanced.spread(fiveAndFour, new long[] {3, 6}, 2).rows()).isNotSameAs(fiveAndFour);
        assertThat(new Balanced.Modulo(3)).isEqualTo(new Balanced.Modulo(3)).isNotEqualTo(new Balanced.Modulo(4));
        assertThat(new Balanced.Modulo(3)).isNotEqualTo("3");
        assertThat(new Balanced.Modulo(3).hashCode()).isEqualTo(new Balanced.Modulo(3).hashCode());
        assertThat(new Balanced.Modulo(3).hashCode()).isNotEqualTo(new Balanced.Modulo(4).hashCode());
    }
}
