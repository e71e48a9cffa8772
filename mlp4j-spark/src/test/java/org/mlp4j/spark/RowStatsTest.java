package org.mlp4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * The input check's one pass ({@link RowStats}) against Spark SQL's own aggregates, the oracle it replaced:
 * the labels' range, mean and population deviation, every partition's rows, over dense and sparse vectors
 * and array columns in several partitions; and the first bad row named as the SQL check named it.
 */
class RowStatsTest {
    static final StructType ARRAYS = new StructType()
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("label", DataTypes.DoubleType, true);

    @Test
    void labelsAndPartitionsAgreeWithSparkSql() {
        SparkSession s = SparkTests.spark();
        Rng rng = new Rng(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            double y = 5000 + 300 * rng.nextGaussian(); // a regression target far from 0: the spread matters
            rows.add(
                    i % 3 == 0
                            ? RowFactory.create(Vectors.sparse(4, new int[] {1}, new double[] {rng.nextGaussian()}), y)
                            : RowFactory.create(Vectors.dense(rng.nextGaussian(), 0, 1, 2), y));
        }
        Dataset<Row> df = s.createDataFrame(rows, SparkTests.VECTOR_SCHEMA).repartition(5);
        InputCheck.Summary summary = InputCheck.summarize(df, "features", "label", true, true);
        Row sql = df.agg(min(col("label")), max(col("label")), avg(col("label")), stddev_pop(col("label")))
                .first();
        assertThat(summary.rows()).isEqualTo(1_001);
        assertThat(summary.features()).isEqualTo(4);
        assertThat(summary.minLabel()).isEqualTo(sql.getDouble(0));
        assertThat(summary.maxLabel()).isEqualTo(sql.getDouble(1));
        assertThat(summary.labelMean()).isCloseTo(sql.getDouble(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.labelStd()).isCloseTo(sql.getDouble(3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat((float) summary.labelMean()).isEqualTo((float) sql.getDouble(2));
        assertThat((float) summary.labelStd()).isEqualTo((float) sql.getDouble(3));
        long[] perPartition = new long[5];
        for (Row r : df.groupBy(spark_partition_id()).count().collectAsList()) {
            perPartition[r.getInt(0)] = r.getLong(1);
        }
        assertThat(summary.partitionRows()).containsExactly(perPartition);
    }

    @Test
    void mergingPartitionsInOrderEqualsOnePass() {
        List<Row> rows = new ArrayList<>();
        Rng rng = new Rng(8);
        for (int i = 0; i < 200; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, 1), (double) (i % 7) + rng.nextGaussian()));
        }
        RowStats whole = RowStats.of(rows.iterator()).next();
        RowStats merged = RowStats.of(rows.subList(0, 0).iterator()).next();
        for (int[] part : new int[][] {{0, 37}, {37, 37}, {37, 150}, {150, 200}}) {
            merged = merged.merge(
                    RowStats.of(rows.subList(part[0], part[1]).iterator()).next());
        }
        assertThat(merged.rows).isEqualTo(200);
        assertThat(merged.partitionRows).containsExactly(0, 37, 0, 113, 50);
        assertThat(merged.minLabel).isEqualTo(whole.minLabel);
        assertThat(merged.maxLabel).isEqualTo(whole.maxLabel);
        assertThat(merged.labelSum).isCloseTo(whole.labelSum, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(merged.labelDeviation())
                .isCloseTo(whole.labelDeviation(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(merged.minSize).isEqualTo(2);
        assertThat(merged.maxSize).isEqualTo(2);
    }

    @Test
    void theFirstBadRowInPartitionOrderIsNamedWithItsValueAndIndex() {
        SparkSession s = SparkTests.spark();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create(new Double[] {1.0, 2.0, 3.0}, (double) (i % 2)));
        }
        rows.set(25, RowFactory.create(new Double[] {1.0, 2.0, null}, 1.0));
        rows.set(31, RowFactory.create(new Double[] {Double.POSITIVE_INFINITY, 2.0, 3.0}, 1.0));
        rows.set(12, RowFactory.create(new Double[] {1.0, Double.NaN, 3.0}, 0.0));
        // 4 partitions of 10 rows, in order: row 12 (partition 1) is the first bad one
        Dataset<Row> df = s.createDataFrame(SparkTests.jsc().parallelize(rows, 4), ARRAYS);
        assertThatThrownBy(() -> InputCheck.summarize(df, "features", "label", true, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column features: expected finite values, found NaN at index 1 (3 rows)");
        rows.set(12, RowFactory.create(new Double[] {1.0, 2.0, 3.0}, 0.0));
        Dataset<Row> nullFirst = s.createDataFrame(SparkTests.jsc().parallelize(rows, 1), ARRAYS);
        assertThatThrownBy(() -> InputCheck.summarize(nullFirst, "features", "label", true, false))
                .hasMessage("column features: expected finite values, found null at index 2 (2 rows)");
    }

    @Test
    void aSparseVectorsBadValueIsNamedAtItsPositionInTheVector() {
        SparkSession s = SparkTests.spark();
        List<Row> rows = List.of(
                RowFactory.create(Vectors.sparse(6, new int[] {0, 4}, new double[] {1, 2}), 0.0),
                RowFactory.create(Vectors.sparse(6, new int[] {2, 5}, new double[] {1, -1e39}), 1.0));
        Dataset<Row> df = s.createDataFrame(rows, SparkTests.VECTOR_SCHEMA);
        assertThatThrownBy(() -> InputCheck.summarize(df, "features", "label", true, false))
                .hasMessage("column features: expected finite values, found -1.0E39 at index 5 (1 row)");
    }

    /** A row of an array column as Spark hands it out (a Scala sequence). */
    private static Row arrayRow(Double... x) {
        List<Row> one = List.of(RowFactory.create(x, 0.0));
        return SparkTests.spark()
                .createDataFrame(SparkTests.jsc().parallelize(one, 1), ARRAYS)
                .collectAsList()
                .get(0);
    }

    private static RowStats stats(Row... rows) {
        return RowStats.of(List.of(rows).iterator()).next();
    }

    @Test
    void nonZerosAndGreyLevelsAreCountedInEveryKindOfFeatures() {
        // dense, sparse and array features: 2 + 1 + 2 non-zero values, all whole numbers from 1 to 255
        RowStats grey = stats(
                RowFactory.create(Vectors.dense(0, 255, 1), 0.0),
                RowFactory.create(Vectors.sparse(3, new int[] {1, 2}, new double[] {0, 7}), 1.0),
                arrayRow(3.0, 0.0, 200.0));
        assertThat(grey.nonZeros).isEqualTo(5);
        assertThat(grey.wholeBytes).isTrue();
        assertThat(grey.nonFinite).isZero();
        for (double notGrey : new double[] {256, 0.5, -1, 254.5}) {
            assertThat(stats(RowFactory.create(Vectors.dense(1, notGrey), 0.0)).wholeBytes)
                    .as("%s is not a grey level", notGrey)
                    .isFalse();
        }
        // float32's largest is a value training computes with; beyond it is not
        RowStats largest = stats(RowFactory.create(Vectors.dense(Float.MAX_VALUE, -Float.MAX_VALUE), 0.0));
        assertThat(largest.nonFinite).isZero();
        assertThat(largest.nonZeros).isEqualTo(2);
        RowStats beyond = stats(RowFactory.create(Vectors.dense(1, Math.nextUp((double) Float.MAX_VALUE)), 0.0));
        assertThat(beyond.nonFinite).isEqualTo(1);
        assertThat(beyond.firstBadIndex).isEqualTo(1);
    }

    @Test
    void mergingKeepsTheFirstBadValueAndWeightInPartitionOrderAndAddsTheRest() {
        RowStats unlabelled = stats(RowFactory.create(Vectors.dense(1, 2), null, 1.0));
        RowStats first = stats(
                RowFactory.create(Vectors.dense(1, Double.NaN), 4.0, -2.0),
                RowFactory.create(Vectors.dense(3, 0), 6.0, 0.5));
        RowStats second = stats(
                RowFactory.create(Vectors.dense(Double.POSITIVE_INFINITY, 1), 1.0, null),
                RowFactory.create(null, 9.0, 2.0),
                RowFactory.create(Vectors.dense(1, 2, 3), 2.0, Double.NaN));
        RowStats m = unlabelled.merge(first).merge(second);
        assertThat(m.rows).isEqualTo(6);
        assertThat(m.labelled).isEqualTo(5);
        assertThat(m.nullFeatures).isEqualTo(1);
        assertThat(m.minSize).isEqualTo(2);
        assertThat(m.maxSize).isEqualTo(3);
        assertThat(m.nonFinite).isEqualTo(2);
        assertThat(m.firstBadValue).isEqualTo("NaN");
        assertThat(m.firstBadIndex).isEqualTo(1);
        assertThat(m.nonZeros).isEqualTo(10);
        assertThat(m.minLabel).isEqualTo(1.0);
        assertThat(m.maxLabel).isEqualTo(9.0);
        assertThat(m.labelSum).isEqualTo(22.0);
        assertThat(m.labelAverage()).isEqualTo(4.4);
        assertThat(m.labelDeviation()).isCloseTo(Math.sqrt(8.24), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.badWeights).isEqualTo(3);
        assertThat(m.firstBadWeight).isEqualTo("-2.0");
        assertThat(m.weightSum).isEqualTo(3.5);
        assertThat(m.partitionRows).containsExactly(1, 2, 3);
        // the bad ones only in the later part: its first is kept
        RowStats later = first.merge(second).merge(unlabelled);
        RowStats clean = stats(RowFactory.create(Vectors.dense(1, 2), 3.0, 1.0));
        RowStats m2 = clean.merge(second);
        assertThat(m2.firstBadValue).isEqualTo("Infinity");
        assertThat(m2.firstBadIndex).isZero();
        assertThat(m2.firstBadWeight).isEqualTo("null");
        assertThat(m2.badWeights).isEqualTo(2);
        assertThat(m2.weightSum).isEqualTo(3.0);
        assertThat(later.minLabel).isEqualTo(1.0);
        assertThat(later.maxLabel).isEqualTo(9.0);
        assertThat(stats(RowFactory.create(Vectors.dense(1), 0.0, Float.MAX_VALUE)).badWeights)
                .as("float32's largest weight")
                .isZero();
        assertThat(stats(RowFactory.create(Vectors.dense(1), 0.0, 1e39)).badWeights)
                .isEqualTo(1);
        assertThat(stats(RowFactory.create(Vectors.dense(1), 0.0, 0.0)).badWeights)
                .as("a weight of 0 leaves the row out, rightly")
                .isZero();
        RowStats grey = stats(RowFactory.create(Vectors.dense(1, 255), 0.0));
        RowStats notGrey = stats(RowFactory.create(Vectors.dense(1, 2.5), 0.0));
        assertThat(grey.merge(grey).wholeBytes).isTrue();
        assertThat(grey.merge(notGrey).wholeBytes).isFalse();
        assertThat(notGrey.merge(grey).wholeBytes).isFalse();
    }
}
