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

    /** The heap shard's rows written through a Writer with maps of 2^regionBits bytes. */
    private static DiskRows written(Shard heap, boolean sparse, int regionBits) {
        org.mlp4j.data.Dataset d = heap.dataset(3, false);
        float[] x = new float[heap.features];
        try (DiskRows.Writer w = new DiskRows.Writer(heap.features, sparse, 10, regionBits)) {
            for (int i = 0; i < heap.size; i++) {
                d.copyFeatures(i, x, 0);
                if (sparse) {
                    for (int k = 0; k < x.length; k++) {
                        if (x[k] != 0f) {
                            w.addEntry(k, x[k]);
                        }
                    }
                    w.endRow();
                } else {
                    w.addDense(x);
                }
            }
            return w.finish();
        }
    }

    @Test
    void rowsSpreadOverManyMapsReadBackAsWrittenEvenAfterSerialisation() throws Exception {
        for (String kind : List.of("bytes", "floats", "sparse")) {
            int features = 37;
            Shard heap =
                    builder(kind, features).build(0, rows(kind, 500, features).iterator(), 500);
            boolean sparse = kind.equals("sparse");
            // 256-byte maps: 6 rows of bytes, 1 of floats or 32 sparse entries each, so rows and entries cross
            // from one map to the next all through the shard
            DiskRows disk = written(heap, sparse, 8);
            long expected = sparse ? 8 * heap.sparse.entries() : 500L * features * (kind.equals("bytes") ? 1 : 4);
            assertThat(disk.length()).as(kind).isEqualTo(expected);
            Shard onDisk = new Shard(0, features, 500, disk, heap.labels, null, null);
            Shard copied = roundTrip(onDisk);
            org.mlp4j.data.Dataset a = heap.dataset(3, false);
            float[] da = new float[features];
            float[] db = new float[features];
            for (Shard s : List.of(onDisk, copied)) {
                org.mlp4j.data.Dataset b = s.dataset(3, false);
                for (int i = 0; i < 500; i++) {
                    a.copyFeatures(i, da, 0);
                    java.util.Arrays.fill(db, 7f);
                    b.copyFeatures(i, db, 0);
                    assertThat(db).as("%s row %d", kind, i).containsExactly(da);
                }
            }
            Shard heapAlone = new Shard(0, features, 500, heap.bytes, heap.values, heap.labels);
            Shard heapSparse = new Shard(0, features, 500, heap.sparse, heap.labels, null, null);
            long want = sparse ? heapSparse.fingerprint() : heapAlone.fingerprint();
            assertThat(onDisk.fingerprint()).as(kind).isEqualTo(want);
            assertThat(copied.fingerprint()).as(kind).isEqualTo(want);
        }
    }

    @Test
    void moreThanTheWritersBufferIsWrittenWhole() throws Exception {
        // 6,000 rows of 64 values: 1.5 MB as floats, more than the 1 MB buffer (and again as bytes)
        for (boolean grey : new boolean[] {false, true}) {
            Rng rng = new Rng(grey ? 1 : 2);
            float[][] x = new float[6000][64];
            try (DiskRows.Writer w = new DiskRows.Writer(64, false, 6000)) {
                for (float[] row : x) {
                    for (int k = 0; k < row.length; k++) {
                        row[k] = grey ? rng.nextInt(256) : (float) rng.nextGaussian();
                    }
                    w.addDense(row);
                }
                DiskRows written = w.finish();
                assertThat(written.layout()).isEqualTo(grey ? DiskRows.Layout.BYTES : DiskRows.Layout.FLOATS);
                // serialised in pieces of 1 MB: the floats' one map takes two
                DiskRows copied = roundTrip(new Shard(0, 64, 6000, written, new int[6000], null, null)).disk;
                float[] back = new float[64];
                for (DiskRows d : List.of(written, copied)) {
                    for (int i = 0; i < x.length; i++) {
                        d.copyRow(i, back, 0, false);
                        assertThat(back).as("row %d", i).containsExactly(x[i]);
                    }
                }
            }
        }
    }

    @Test
    void theFileIsMadeWhereTheExecutorKeepsItsFilesAndDeletedWhenNotWanted() throws Exception {
        SparkTests.spark();
        Path root = Path.of(org.apache.spark.SparkFiles.getRootDirectory()).toAbsolutePath();
        Path file;
        try (DiskRows.Writer w = new DiskRows.Writer(3, false, 1)) {
            file = w.file();
            assertThat(file.toAbsolutePath().getParent()).isEqualTo(root);
            assertThat(file).exists();
            w.addDense(new float[] {1, 2, 3});
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void theSettingIsReadAndAutoDecidesByTheExecutorsHeapAndSlots() {
        org.apache.spark.SparkContext sc = SparkTests.spark().sparkContext();
        assertThat(ShardStorage.of(sc)).isEqualTo(new ShardStorage(ShardStorage.Mode.AUTO, 2));
        sc.setLocalProperty(ShardStorage.KEY, " Disk ");
        try {
            assertThat(ShardStorage.of(sc).mode()).isEqualTo(ShardStorage.Mode.DISK);
        } finally {
            sc.setLocalProperty(ShardStorage.KEY, null);
        }
        assertThat(ShardStorage.MEMORY.onDisk(Long.MAX_VALUE)).isFalse();
        assertThat(DISK.onDisk(0)).isTrue();
        // this JVM's guaranteed storage memory: (heap - 300 MB) x 0.6 x 0.5 (the test session's defaults)
        double guaranteed = (Runtime.getRuntime().maxMemory() - ShardStorage.RESERVED) * 0.6 * 0.5;
        long margin = 1L << 20;
        ShardStorage twoSlots = new ShardStorage(ShardStorage.Mode.AUTO, 2);
        ShardStorage oneSlot = new ShardStorage(ShardStorage.Mode.AUTO, 0); // spark.executor.cores unset: 1
        assertThat(twoSlots.onDisk((long) (guaranteed / 2) - margin)).isFalse();
        assertThat(twoSlots.onDisk((long) (guaranteed / 2) + margin)).isTrue();
        assertThat(oneSlot.onDisk((long) (guaranteed / 2) + margin)).isFalse();
        assertThat(oneSlot.onDisk((long) guaranteed + margin)).isTrue();
    }

    @Test
    void theRuleIsExactAtItsBoundary() {
        long heap = ShardStorage.RESERVED + 1200; // 1,200 bytes of unified memory, 300 guaranteed
        assertThat(ShardStorage.tooLarge(300, heap, 0.5, 0.5, 1)).isFalse();
        assertThat(ShardStorage.tooLarge(301, heap, 0.5, 0.5, 1)).isTrue();
        assertThat(ShardStorage.tooLarge(150, heap, 0.5, 0.5, 2)).isFalse();
        assertThat(ShardStorage.tooLarge(151, heap, 0.5, 0.5, 2)).isTrue();
    }

    @Test
    void autoSendsADenseShardBeyondAnArraysLimitToDisk() {
        // 1,000 features: a dense shard of 2,147,484 expected rows would pass 2^31 values
        ShardStorage auto = new ShardStorage(ShardStorage.Mode.AUTO, 2);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(RowFactory.create(Vectors.dense(new double[1000]), (double) i % 2));
        }
        Shard big = new ShardBuilder("features", 0, "label", 1, 1000, 2)
                .storedBy(auto, 0)
                .build(0, rows.iterator(), 2_147_484);
        assertThat(big.disk).isNotNull();
        assertThat(big.size).isEqualTo(3);
    }

    @Test
    void everyMapHoldsAtMostItsBytesAndWholeDenseRows() {
        for (String kind : List.of("bytes", "floats", "sparse")) {
            int features = 37;
            Shard heap =
                    builder(kind, features).build(0, rows(kind, 500, features).iterator(), 500);
            DiskRows disk = written(heap, kind.equals("sparse"), 8);
            long rowBytes = kind.equals("bytes") ? 37 : 148;
            long perMap = kind.equals("sparse") ? 256 : 256 / rowBytes * rowBytes; // 6 rows of bytes, 1 of floats
            assertThat(disk.largestMap()).as(kind).isEqualTo(perMap);
            assertThat(disk.maps()).as(kind).isEqualTo((int) ((disk.length() + perMap - 1) / perMap));
        }
        // 8 rows of 16 floats: exactly two maps of 256 bytes, no third one
        float[] row = new float[16];
        try (DiskRows.Writer w = new DiskRows.Writer(16, false, 8, 8)) {
            for (int i = 0; i < 8; i++) {
                row[0] = i + 0.5f;
                w.addDense(row);
            }
            DiskRows d = w.finish();
            assertThat(d.maps()).isEqualTo(2);
            float[] back = new float[16];
            d.copyRow(7, back, 0, false);
            assertThat(back[0]).isEqualTo(7.5f);
        }
    }

    @Test
    void greyLevelsOneValuePastTheConvertersBufferAllArrive() {
        // 2^20 + 1 values: the floats file is 4 MB and 4 bytes, the converter's buffer 4 MB
        int n = (1 << 20) + 1;
        float[] one = new float[1];
        try (DiskRows.Writer w = new DiskRows.Writer(1, false, n)) {
            for (int i = 0; i < n; i++) {
                one[0] = i % 251;
                w.addDense(one);
            }
            DiskRows d = w.finish();
            assertThat(d.layout()).isEqualTo(DiskRows.Layout.BYTES);
            assertThat(d.length()).isEqualTo(n);
            d.copyRow(n - 1, one, 0, false);
            assertThat(one[0]).isEqualTo((n - 1) % 251);
        }
    }
}
