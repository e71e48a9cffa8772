package org.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A shard's features in a file on the executor's local disk, read through memory maps: for a shard larger
 * than its share of the executor's storage memory. What Spark caches is then this small object (row
 * offsets at most); the values stay in the operating system's page cache, or on disk when that is short,
 * and are never deserialised again: a round reads the rows it trains on straight from the map.
 *
 * <p>The file is deleted as soon as it is mapped (the map keeps its blocks until it is collected), so a
 * killed executor leaves nothing behind. Should Spark serialise the object (a block fetched by another
 * executor, or evicted), the values travel with it and are written to a new file at the other end.
 *
 * <p>Three layouts, as the heap's shards: one byte a value (whole numbers from 0 to 255), four (floats),
 * or a sparse row's non-zero entries (an int index and a float value each) with the rows' offsets kept in
 * the heap. Offsets are longs: a file may pass 2^31 values. Little-endian on every machine.
 */
final class DiskRows implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Layout {
        BYTES(1),
        FLOATS(4),
        SPARSE(8);

        final int bytes;

        Layout(int bytes) {
            this.bytes = bytes;
        }
    }

    /** A map covers at most 2^30 bytes (a ByteBuffer's index is an int); tests take smaller ones. */
    static final int REGION_BITS = 30;

    private final Layout layout;
    private final int features;
    private final int rows;
    /** SPARSE: where each row's entries start, and (at index rows) where the last one ends; else null. */
    private final long[] rowStart;

    private final long length;
    /** Dense: whole rows a region holds. Sparse: entries a region holds (a power of two). */
    private final long perRegion;

    private transient ByteBuffer[] regions;
    /** FLOATS: each region as floats (views sharing the maps, made once: a row's read allocates nothing). */
    private transient FloatBuffer[] floats;

    private DiskRows(Layout layout, int features, int rows, long[] rowStart, long length, int regionBits, Path file) {
        this.layout = layout;
        this.features = features;
        this.rows = rows;
        this.rowStart = rowStart;
        this.length = length;
        this.perRegion = perRegion(layout, features, regionBits);
        mapFrom(file);
    }

    /** Maps the file (then deleted) and makes the float views. */
    private void mapFrom(Path file) {
        regions = map(file, length, regionBytes());
        floats = layout == Layout.FLOATS
                ? Arrays.stream(regions).map(ByteBuffer::asFloatBuffer).toArray(FloatBuffer[]::new)
                : null;
    }

    private static long perRegion(Layout layout, int features, int regionBits) {
        return layout == Layout.SPARSE
                ? (1L << regionBits) / Layout.SPARSE.bytes
                : Math.max(1, (1L << regionBits) / ((long) features * layout.bytes));
    }

    private long regionBytes() {
        return layout == Layout.SPARSE ? perRegion * Layout.SPARSE.bytes : perRegion * features * layout.bytes;
    }

    Layout layout() {
        return layout;
    }

    int rows() {
        return rows;
    }

    /** How many maps the file takes (each at most 2^regionBits bytes, whole dense rows). */
    int maps() {
        return regions.length;
    }

    /** The largest map's bytes. */
    long largestMap() {
        long most = 0;
        for (ByteBuffer r : regions) {
            most = Math.max(most, r.limit());
        }
        return most;
    }

    /** The bytes the values take on disk. */
    long length() {
        return length;
    }

    /** Maps the file in regions of {@code regionBytes}, then deletes it. */
    private static ByteBuffer[] map(Path file, long length, long regionBytes) {
        int n = (int) Math.max(1, (length + regionBytes - 1) / regionBytes);
        ByteBuffer[] maps = new ByteBuffer[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int r = 0; r < n; r++) {
                long from = r * regionBytes;
                maps[r] = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(regionBytes, length - from))
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mapping shard file " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file); // the maps keep the blocks; nothing is left behind after a crash
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
        return maps;
    }

    /**
     * Writes row {@code i} densely into {@code dst[off .. off + features)}, each value divided by 255 when
     * {@code pixelScale}: the same float operations as the heap's shards, so the bits are theirs.
     */
    void copyRow(int i, float[] dst, int off, boolean pixelScale) {
        switch (layout) {
            case BYTES -> {
                ByteBuffer region = regions[(int) (i / perRegion)];
                int at = (int) (i % perRegion) * features;
                for (int k = 0; k < features; k++) {
                    int v = region.get(at + k) & 0xff;
                    dst[off + k] = pixelScale ? v / 255f : v;
                }
            }
            case FLOATS -> {
                floats[(int) (i / perRegion)].get((int) (i % perRegion) * features, dst, off, features);
                if (pixelScale) {
                    for (int k = 0; k < features; k++) {
                        dst[off + k] = dst[off + k] / 255f;
                    }
                }
            }
            case SPARSE -> {
                Arrays.fill(dst, off, off + features, 0f);
                long e = rowStart[i];
                long end = rowStart[i + 1];
                while (e < end) { // a row's entries may run on into the next map
                    long r = e / perRegion;
                    ByteBuffer region = regions[(int) r];
                    long stop = Math.min(end, (r + 1) * perRegion);
                    for (int at = (int) (e % perRegion) * Layout.SPARSE.bytes;
                            e < stop;
                            e++, at += Layout.SPARSE.bytes) {
                        float v = region.getFloat(at + 4);
                        dst[off + region.getInt(at)] = pixelScale ? v / 255f : v;
                    }
                }
            }
        }
    }

    /**
     * A hash of the values, equal to the heap shard's of the same rows ({@code Arrays.hashCode} of its byte or
     * float array, or {@link SparseRows#fingerprint}), so a checkpoint taken with shards in memory resumes
     * with shards on disk and the other way round.
     */
    long fingerprint() {
        if (layout == Layout.SPARSE) {
            long h = Arrays.hashCode(rowStart);
            for (long e = 0; e < rowStart[rows]; e++) {
                ByteBuffer region = regions[(int) (e / perRegion)];
                int at = (int) (e % perRegion) * Layout.SPARSE.bytes;
                h = SparseRows.foldEntry(h, region.getInt(at), region.getFloat(at + 4));
            }
            return h;
        }
        int h = 1;
        for (ByteBuffer region : regions) {
            int n = region.limit() / layout.bytes;
            for (int k = 0; k < n; k++) {
                h = 31 * h
                        + (layout == Layout.BYTES
                                ? region.get(k)
                                : Float.floatToIntBits(region.getFloat(k * Layout.FLOATS.bytes)));
            }
        }
        return h;
    }

    /** The values travel with the object: written to a new local file at the other end. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        byte[] piece = new byte[1 << 20];
        for (ByteBuffer region : regions) {
            for (int at = 0; at < region.limit(); at += piece.length) {
                int n = Math.min(piece.length, region.limit() - at);
                region.get(at, piece, 0, n);
                out.write(piece, 0, n);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Path file = newFile();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] piece = new byte[1 << 20];
            for (long left = length; left > 0; ) {
                int n = (int) Math.min(piece.length, left);
                in.readFully(piece, 0, n);
                ByteBuffer b = ByteBuffer.wrap(piece, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                left -= n;
            }
        }
        mapFrom(file);
    }

    /**
     * A new file in the executor's own directory (its working directory on a cluster, which Spark removes
     * with the application; the driver's files directory in local mode), or the system's temporary one
     * outside Spark.
     */
    static Path newFile() throws IOException {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        Path dir = Path.of(
                env == null ? System.getProperty("java.io.tmpdir") : org.apache.spark.SparkFiles.getRootDirectory());
        return Files.createTempFile(dir, "mlp4j-shard-", ".bin");
    }

    /**
     * Writes rows to a new file as they come, holding one buffer in the heap: dense rows as floats (turned
     * into bytes at the end when every value is a whole number from 0 to 255), or sparse rows' entries.
     */
    static final class Writer implements AutoCloseable {
        private final int features;
        private final boolean sparse;
        private final Path file;
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final RowOffsets rowStart;
        private int rows;
        private long entries;
        private boolean wholeBytes = true;
        private final int regionBits;

        /**
         * @param features     the values a row has
         * @param sparse       keep only non-zero entries
         * @param expectedRows rows made room for at once in the sparse offsets (more may come)
         */
        Writer(int features, boolean sparse, long expectedRows) {
            this(features, sparse, expectedRows, REGION_BITS);
        }

        /** As the other constructor, with maps of at most 2^{@code regionBits} bytes (tests: a few rows each). */
        Writer(int features, boolean sparse, long expectedRows, int regionBits) {
            this.regionBits = regionBits;
            this.features = features;
            this.sparse = sparse;
            this.rowStart = sparse ? new RowOffsets(expectedRows) : null;
            try {
                this.file = newFile();
                this.out = FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("creating a shard file", e);
            }
        }

        /** The file being written. */
        Path file() {
            return file;
        }

        /** Adds a dense row: {@code x[0 .. features)}. */
        void addDense(float[] x) {
            for (int k = 0; k < features; k++) {
                float f = x[k];
                wholeBytes &= f >= 0 && f <= 255 && f == (int) f;
                room(4).putFloat(f);
            }
            rows++;
        }

        /** Adds entry {@code (index, v)} to the sparse row being written. */
        void addEntry(int index, float v) {
            room(8).putInt(index).putFloat(v);
            entries++;
        }

        /** Ends the sparse row being written. */
        void endRow() {
            rowStart.endRow(entries);
            rows++;
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                flush();
            }
            return buffer;
        }

        private void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing shard file " + file, e);
            }
            buffer.clear();
        }

        /** The rows written, mapped; the file is closed and deleted. */
        DiskRows finish() {
            flush();
            try {
                out.close();
                if (sparse) {
                    return new DiskRows(
                            Layout.SPARSE,
                            features,
                            rows,
                            rowStart.trimmed(),
                            entries * Layout.SPARSE.bytes,
                            regionBits,
                            file);
                }
                long values = (long) rows * features;
                if (!wholeBytes) {
                    return new DiskRows(Layout.FLOATS, features, rows, null, values * 4, regionBits, file);
                }
                return new DiskRows(Layout.BYTES, features, rows, null, values, regionBits, asBytes(file, values));
            } catch (IOException e) {
                throw new UncheckedIOException("writing shard file " + file, e);
            }
        }

        /** The floats file rewritten with a byte a value (a sequential pass); the floats file is deleted. */
        private static Path asBytes(Path floats, long values) throws IOException {
            Path bytes = newFile();
            ByteBuffer in = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer out = ByteBuffer.allocate(1 << 20);
            try (FileChannel src =
                            FileChannel.open(floats, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
                    FileChannel dst = FileChannel.open(bytes, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < values) {
                    in.clear();
                    while (in.hasRemaining() && src.read(in) > 0) {
                        // fill the buffer
                    }
                    in.flip();
                    if (in.remaining() < 4) {
                        throw new IOException(
                                "shard file " + floats + " ended after " + done + " of " + values + " values");
                    }
                    while (in.remaining() >= 4) {
                        out.put((byte) (int) in.getFloat());
                        done++;
                    }
                    out.flip();
                    while (out.hasRemaining()) {
                        dst.write(out);
                    }
                    out.clear();
                }
            }
            return bytes;
        }

        /** Deletes the file when the rows are not wanted (a bad value ended the conversion). */
        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
