package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;

/**
 * Mostly-zero features stay sparse in the shards ({@link SparseRows}): training reads every row exactly as
 * from a dense shard, so one worker on sparse data is one machine on the same data, bit for bit.
 */
class SparseShardTest {
    /** Rows of {@code features} values of which about one in ten is not zero; labels from where they are. */
    private static float[][] sparseRows(int n, int features, int[] labels, long seed) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][features];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int k = 0; k < features; k++) {
                boolean on = rng.nextInt(10) == 0 || k == labels[i];
                x[i][k] = on ? (float) (1 + rng.nextGaussian()) : 0f;
            }
        }
        return x;
    }

    private static Row sparseRow(float[] x, double label) {
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (x[k] != 0) {
                at.add(k);
            }
        }
        int[] idx = at.stream().mapToInt(Integer::intValue).toArray();
        double[] v = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            v[j] = x[idx[j]];
        }
        return RowFactory.create(Vectors.sparse(x.length, idx, v), label);
    }

    @Test
    void theSameRowsBuiltSparseAndDenseReadTheSame() {
        int[] y = new int[300];
        float[][] x = sparseRows(300, 40, y, 2);
        List<Row> vectors = new ArrayList<>();
        List<Row> arrays = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            Double[] d = new Double[x[i].length];
            double[] p = new double[x[i].length];
            for (int k = 0; k < d.length; k++) {
                d[k] = (double) x[i][k];
                p[k] = x[i][k];
            }
            // every third row a dense vector: a sparse shard reads each kind
            vectors.add(i % 3 == 0 ? RowFactory.create(Vectors.dense(p), (double) y[i]) : sparseRow(x[i], y[i]));
            arrays.add(RowFactory.create(d, (double) y[i]));
        }
        // array rows as Spark hands them out (Scala sequences)
        List<Row> fromFrame = SparkTests.spark()
                .createDataFrame(SparkTests.jsc().parallelize(arrays, 1), RowStatsTest.ARRAYS)
                .collectAsList();
        for (List<Row> rows : List.of(vectors, fromFrame)) {
            Shard dense = new ShardBuilder("features", 0, "label", 1, 40, 3).build(0, rows.iterator(), 300);
            // fewer rows expected than come, and chunks of 1,024 entries (about 1,500 in all): both grow
            Shard sparse = new ShardBuilder("features", 0, "label", 1, 40, 3)
                    .sparse(0.01)
                    .build(0, rows.iterator(), 100);
            assertThat(sparse.sparse).isNotNull();
            assertThat(sparse.values).isNull();
            assertThat(sparse.sparse.rows()).isEqualTo(300);
            assertThat(sparse.sparse.entries()).isGreaterThan(1024);
            assertThat(sparse.size).isEqualTo(300);
            assertThat(sparse.labels).containsExactly(dense.labels);
            org.mlp4j.data.Dataset a = dense.dataset(3, false);
            org.mlp4j.data.Dataset b = sparse.dataset(3, false);
            float[] da = new float[40];
            float[] db = new float[40];
            for (int i = 0; i < 300; i++) {
                java.util.Arrays.fill(db, 7f); // whatever was there before is overwritten
                a.copyFeatures(i, da, 0);
                b.copyFeatures(i, db, 0);
                assertThat(db).as("row %d", i).containsExactly(da);
                assertThat(db).as("row %d", i).containsExactly(x[i]);
            }
        }
    }

    @Test
    void aSparseShardKeepsTargetsAndWeightsAsADenseOne() {
        Rng rng = new Rng(6);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            float[] x = new float[30];
            x[i % 30] = (float) rng.nextGaussian();
            Row r = sparseRow(x, 1000 + 10 * rng.nextGaussian()); // a regression's target
            rows.add(RowFactory.create(r.get(0), r.get(1), (double) (i % 4))); // and a weight
        }
        Shard dense = new ShardBuilder("features", 0, "y", 1, 30, 1, true)
                .weightedBy("w", 2)
                .build(0, rows.iterator(), 50);
        Shard sparse = new ShardBuilder("features", 0, "y", 1, 30, 1, true)
                .weightedBy("w", 2)
                .sparse(0.05)
                .build(0, rows.iterator(), 50);
        assertThat(sparse.sparse).isNotNull();
        assertThat(sparse.targets).containsExactly(dense.targets);
        assertThat(sparse.weights).containsExactly(dense.weights);
        assertThat(sparse.weights[3]).isEqualTo(3f);
        assertThat(sparse.sparse.entries()).isEqualTo(50);
    }

    @Test
    void aBadValueInASparseShardIsNamedAsInADenseOne() {
        List<Row> rows = List.of(
                RowFactory.create(Vectors.sparse(6, new int[] {1}, new double[] {2}), 0.0),
                RowFactory.create(Vectors.sparse(6, new int[] {0, 4}, new double[] {1, Double.NaN}), 1.0));
        assertThatThrownBy(() -> new ShardBuilder("features", 0, "label", 1, 6, 2)
                        .sparse(0.2)
                        .build(3, rows.iterator(), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column features: expected finite values, found NaN at index 4 (row 1 of partition 3)");
    }

    @Test
    void sparseDataTrainsAsOneMachineBitForBit() {
        int n = 600;
        int[] y = new int[n];
        float[][] x = sparseRows(n, 60, y, 4);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(sparseRow(x[i], y[i]));
        }
        Dataset<Row> frame =
                SparkTests.spark().createDataFrame(SparkTests.jsc().parallelize(rows, 1), SparkTests.VECTOR_SCHEMA);
        InputCheck.Summary summary = InputCheck.summarize(frame, "features", "label", true, false);
        assertThat(summary.sparseDensity()).as("kept sparse").isBetween(0.05, 0.2);
        Recipe recipe = Recipe.named("default")
                .forTables()
                .with("layers", "60,16,3")
                .with("epochs", 2)
                .with("batch-size", 32)
                .with("validation-split", 0)
                .with("seed", 5L);
        DistributedTrainer.Result spark = DistributedTrainer.train(
                frame,
                "features",
                "label",
                recipe,
                false,
                Distribution.defaults().withWorkers(1).withRoundsPerEpoch(2),
                null);
        TrainingPlan plan = recipe.plan(n, 0);
        Rng rng = new Rng(plan.seed());
        Network alone = plan.network(rng);
        plan.fit(alone, TabularDataset.of(x, y, 3), 1, rng, null);
        assertThat(spark.network().sameParameters(alone))
                .as("one worker on sparse shards, bit for bit")
                .isTrue();
    }

    @Test
    void denseDataStaysDense() {
        int[] y = new int[50];
        float[][] x = SparkTests.blobs(50, 8, 2, 1, y);
        InputCheck.Summary dense = InputCheck.summarize(SparkTests.frame(x, y, 1), "features", "label", true, false);
        assertThat(dense.sparseDensity()).isZero();
    }

    @Test
    void theHashFollowsEveryEntrysIndexAndValueInOrder() {
        ShardBuilder b = new ShardBuilder("features", 0, "label", 1, 6, 2).sparse(0.3);
        java.util.function.Function<Row, Long> hash =
                r -> b.build(0, List.of(r).iterator(), 1).sparse.fingerprint();
        long h = java.util.Arrays.hashCode(new long[] {0, 2}); // the row's offsets
        h = 31 * (31 * h + 1) + Float.floatToIntBits(2.5f);
        h = 31 * (31 * h + 4) + Float.floatToIntBits(-1f);
        Row row = RowFactory.create(Vectors.sparse(6, new int[] {1, 4}, new double[] {2.5, -1}), 0.0);
        assertThat(hash.apply(row))
                .as("entry by entry, as DiskRows hashes them")
                .isEqualTo(h);
        assertThat(hash.apply(RowFactory.create(Vectors.sparse(6, new int[] {1, 5}, new double[] {2.5, -1}), 0.0)))
                .as("a value moved")
                .isNotEqualTo(h);
        assertThat(hash.apply(RowFactory.create(Vectors.sparse(6, new int[] {1, 4}, new double[] {2.5, -2}), 0.0)))
                .as("a value changed")
                .isNotEqualTo(h);
    }

    @Test
    void chunksAreSizedForTheEntriesExpectedAndTheLastOneTrimmed() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // three entries a row: 3,000 in all
            int k = i % 33;
            rows.add(RowFactory.create(
                    Vectors.sparse(100, new int[] {k, 33 + k, 66 + k}, new double[] {i + 1, -i - 1, 0.5}), 0.0));
        }
        // 1,000 rows of 100 features expected at a density of 0.1: 10,000 entries, chunks of about an eighth
        SparseRows s = sparseShard(100, 0.1, rows, 1000);
        assertThat(s.chunkSize()).isEqualTo(2048);
        assertThat(s.entries()).isEqualTo(3000);
        assertThat(s.capacity()).as("the last chunk trimmed to its entries").isEqualTo(3000);
        // fewer expected: the smallest chunks, 1,024 entries
        SparseRows few = sparseShard(100, 0.001, rows, 10);
        assertThat(few.chunkSize()).isEqualTo(1024);
        assertThat(few.capacity()).isEqualTo(3000);
        // exactly 8 x 1,024 entries expected: still chunks of 1,024
        assertThat(sparseShard(8, 1.0, List.of(), 1024).chunkSize()).isEqualTo(1024);
        // a million entries expected: chunks of 2^17; ten million: the largest, 2^20
        SparseRows many = sparseShard(100, 1.0, rows.subList(0, 2), 10_000);
        assertThat(many.chunkSize()).isEqualTo(1 << 17);
        assertThat(many.capacity()).isEqualTo(6);
        assertThat(sparseShard(100, 1.0, rows.subList(0, 1), 100_000).chunkSize())
                .isEqualTo(1 << 20);
    }

    private static SparseRows sparseShard(int features, double density, List<Row> rows, long expected) {
        return new ShardBuilder("features", 0, "label", 1, features, 2)
                .sparse(density)
                .build(0, rows.iterator(), expected)
                .sparse;
    }

    @Test
    void entriesFillingTheirLastChunkExactlyAreAllKept() {
        List<Row> rows = new ArrayList<>();
        float[][] x = new float[512][40];
        for (int i = 0; i < 512; i++) { // 1,024 entries: one full chunk
            x[i][i % 20] = i + 1;
            x[i][20 + i % 20] = -i - 0.5f;
            rows.add(sparseRow(x[i], 0.0));
        }
        Shard s =
                new ShardBuilder("features", 0, "label", 1, 40, 2).sparse(0.01).build(0, rows.iterator(), 512);
        assertThat(s.sparse.chunkSize()).isEqualTo(1024);
        assertThat(s.sparse.entries()).isEqualTo(1024);
        assertThat(s.sparse.capacity()).isEqualTo(1024);
        org.mlp4j.data.Dataset d = s.dataset(2, false);
        float[] back = new float[40];
        for (int i = 0; i < 512; i++) {
            d.copyFeatures(i, back, 0);
            assertThat(back).as("row %d", i).containsExactly(x[i]);
        }
    }
}
