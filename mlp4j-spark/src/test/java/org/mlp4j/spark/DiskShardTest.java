package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.recipe.Recipe;

/**
 * Shards kept in a local file ({@link DiskRows}) read exactly as the heap's: every row, each layout (bytes,
 * floats, sparse), with and without pixel scaling, after Java serialisation too; they hash alike, so a
 * checkpoint resumes either way; a fit trains to the same bits; and no file is left behind.
 */
class DiskShardTest {
    private static final ShardStorage DISK = new ShardStorage(ShardStorage.Mode.DISK, 0);

    /** Rows of every kind a shard takes: grey levels (bytes), floats, or mostly zeros (sparse). */
    private static List<Row> rows(String kind, int n, int features) {
        Rng rng = new Rng(kind.hashCode());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[features];
            for (int k = 0; k < features; k++) {
                x[k] = switch (kind) {
                    case "bytes" -> rng.nextInt(256);
                    case "floats" -> rng.nextGaussian();
                    default -> rng.nextInt(8) == 0 ? 1 + rng.nextGaussian() : 0;
                };
            }
            // a sparse vector among dense ones: both kinds are read into either layout
            rows.add(RowFactory.create(
                    i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse(), (double) (i % 3), (double) (i % 5)));
        }
        return rows;
    }

    private static ShardBuilder builder(String kind, int features) {
        ShardBuilder b = new ShardBuilder("features", 0, "label", 1, features, 3).weightedBy("w", 2);
        return kind.equals("sparse") ? b.sparse(0.125) : b;
    }

    private static Shard roundTrip(Shard s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Shard) in.readObject();
        }
    }

    private static long shardFiles() throws Exception {
        Path dir = Path.of(org.apache.spark.SparkFiles.getRootDirectory());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("mlp4j-shard-"))
                    .count();
        }
    }

    @Test
    void everyLayoutReadsAsTheHeapsShardBitForBit() throws Exception {
        SparkTests.spark(); // the shard files go where an executor puts them
        long before = shardFiles();
        for (String kind : List.of("bytes", "floats", "sparse")) {
            int features = 37;
            List<Row> rows = rows(kind, 500, features);
            Shard heap = builder(kind, features).build(2, rows.iterator(), 500);
            // fewer rows expected than come: the sparse offsets grow
            Shard disk = builder(kind, features).storedBy(DISK, 1).build(2, rows.iterator(), 100);
            assertThat(disk.disk).as(kind).isNotNull();
            assertThat(disk.disk.layout().name()).isEqualTo(kind.toUpperCase(java.util.Locale.ROOT));
            assertThat(disk.values).isNull();
            assertThat(disk.sparse).isNull();
            assertThat(disk.disk.rows()).isEqualTo(500);
            assertThat(disk.labels).containsExactly(heap.labels);
            assertThat(disk.weights).containsExactly(heap.weights);
            assertThat(disk.fingerprint()).as("%s: hashed as the heap's", kind).isEqualTo(heap.fingerprint());
            Shard copied = roundTrip(disk);
            assertThat(copied.disk.length()).isEqualTo(disk.disk.length());
            for (boolean pixelScale : new boolean[] {false, true}) {
                org.mlp4j.data.Dataset a = heap.dataset(3, pixelScale);
                for (Shard s : List.of(disk, copied)) {
                    org.mlp4j.data.Dataset b = s.dataset(3, pixelScale);
                    float[] da = new float[features + 2];
                    float[] db = new float[features + 2];
                    for (int i = 0; i < 500; i++) {
                        java.util.Arrays.fill(db, 7f); // whatever was there is overwritten, no more
                        java.util.Arrays.fill(da, 7f);
                        a.copyFeatures(i, da, 1);
                        b.copyFeatures(i, db, 1);
                        assertThat(db)
                                .as("%s row %d, pixelScale %s", kind, i, pixelScale)
                                .containsExactly(da);
                    }
                }
            }
            assertThat(copied.fingerprint()).isEqualTo(heap.fingerprint());
        }
        assertThat(shardFiles()).as("every file is deleted once mapped").isEqualTo(before);
    }

    @Test
    void aBadValueOnTheWayToDiskIsNamedAndLeavesNoFile() throws Exception {
        SparkTests.spark();
        long before = shardFiles();
        List<Row> rows = List.of(
                RowFactory.create(Vectors.dense(1, 2, 3), 0.0),
                RowFactory.create(Vectors.dense(1, Double.POSITIVE_INFINITY, 3), 1.0));
        assertThatThrownBy(() -> new ShardBuilder("features", 0, "label", 1, 3, 2)
                        .storedBy(DISK, 1)
                        .build(4, rows.iterator(), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "column features: expected finite values, found Infinity at index 1 (row 1 of partition 4)");
        assertThat(shardFiles()).isEqualTo(before);
    }

    @Test
    void theRuleSendsAShardToDiskWhenItPassesItsSlotsShareOfGuaranteedStorage() {
        long mb = 1L << 20;
        // a 1 GiB heap: (1024 - 300) MB x 0.6 x 0.5 = 217.2 MB guaranteed, 108.6 MB a slot for two
        assertThat(ShardStorage.tooLarge(108 * mb, 1024 * mb, 0.6, 0.5, 2)).isFalse();
        assertThat(ShardStorage.tooLarge(109 * mb, 1024 * mb, 0.6, 0.5, 2)).isTrue();
        assertThat(ShardStorage.tooLarge(109 * mb, 1024 * mb, 0.6, 0.5, 1)).isFalse();
        assertThat(ShardStorage.tooLarge(1, 200 * mb, 0.6, 0.5, 1))
                .as("a heap below Spark's reserve")
                .isTrue();
    }

    @Test
    void aMisspeltSettingIsRefusedByName() {
        org.apache.spark.SparkContext sc = SparkTests.spark().sparkContext();
        sc.setLocalProperty(ShardStorage.KEY, "disc");
        try {
            assertThatThrownBy(() -> ShardStorage.of(sc))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("spark.mlp4j.shardStorage: expected auto, memory or disk, found 'disc'");
        } finally {
            sc.setLocalProperty(ShardStorage.KEY, null);
        }
    }

    @Test
    void aFitOnDiskShardsGivesTheHeapsModel() {
        for (String kind : List.of("floats", "sparse")) {
            List<Row> rows = new ArrayList<>();
            for (Row r : rows(kind, 900, 24)) {
                rows.add(RowFactory.create(r.get(0), r.get(1)));
            }
            Dataset<Row> frame =
                    SparkTests.spark().createDataFrame(SparkTests.jsc().parallelize(rows, 3), SparkTests.VECTOR_SCHEMA);
            Recipe recipe = Recipe.named("default")
                    .forTables()
                    .with("layers", "24,16,3")
                    .with("epochs", 2)
                    .with("batch-size", 32)
                    .with("validation-split", 100)
                    .with("seed", 8L);
            org.apache.spark.SparkContext sc = SparkTests.spark().sparkContext();
            List<org.mlp4j.model.Network> models = new ArrayList<>();
            for (String storage : List.of("memory", "disk")) {
                sc.setLocalProperty(ShardStorage.KEY, storage);
                try {
                    models.add(DistributedTrainer.train(
                                    frame,
                                    "features",
                                    "label",
                                    recipe,
                                    false,
                                    Distribution.defaults().withWorkers(2),
                                    null)
                            .network());
                } finally {
                    sc.setLocalProperty(ShardStorage.KEY, null);
                }
            }
            assertThat(models.get(1).sameParameters(models.get(0)))
                    .as("%s: shards on disk train as in the heap, bit for bit", kind)
                    .isTrue();
        }
    }
}
