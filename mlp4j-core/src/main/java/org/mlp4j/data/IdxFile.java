package org.mlp4j.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.mlp4j.InvalidInputException;

/**
 * An array read from an IDX file, the format of MNIST and Fashion-MNIST: a 4-byte magic number
 * (two zero bytes, a type code, the number of dimensions), one big-endian int32 per dimension, then
 * the data. Only unsigned bytes (type 0x08) are read, which is what both datasets use.
 *
 * <p>Raw files and gzip-compressed ones ({@code .gz}, detected by content) are both accepted. The
 * header is checked against the file: the magic number, dimensions that are positive, and a data
 * length that matches the header exactly. The header never decides an allocation on its own: a raw
 * file's size is checked first, and a compressed stream is read in growing steps.
 */
record IdxFile(int[] dims, byte[] data) {

    /** The IDX type code of unsigned bytes. */
    private static final int UBYTE = 0x08;
    /** Largest data size read (the largest a Java array holds). */
    private static final long MAX_DATA = Integer.MAX_VALUE - 16;

    /**
     * Number of items along the first dimension.
     *
     * @return the count
     */
    public int count() {
        return dims[0];
    }

    /**
     * Bytes per item: the product of all dimensions but the first.
     *
     * @return the count
     */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /**
     * Reads and checks an IDX file; every problem is an {@link InvalidInputException} naming the file.
     *
     * @param file a raw or gzip-compressed IDX file
     * @return its dimensions and data
     * @throws InvalidInputException when the file is missing, truncated or not IDX
     */
    public static IdxFile read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            return detectAndParse(raw, Files.size(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an IDX file to read its items one at a time, in constant memory: for files too large to hold
     * (a 762 KB gzip can declare a million images). The header is checked as by {@link #read}; a raw file's
     * size at once, a compressed stream's length as it is read.
     *
     * @param file a raw or gzip-compressed IDX file
     * @return a reader of its items; close it
     * @throws InvalidInputException when the header is malformed
     */
    public static Items open(Path file) {
        InputStream raw = null;
        try {
            raw = Files.newInputStream(file);
            InputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
            boolean gzip = gzipped(in);
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            Items items = new Items(in, readHeader(in, file.toString()), file.toString());
            if (!gzip) {
                long expected = 4L + 4L * items.dims.length + (long) items.count() * items.itemSize();
                if (Files.size(file) != expected) {
                    throw new InvalidInputException(file + ": expected " + expected + " bytes for IDX dimensions "
                            + Arrays.toString(items.dims) + ", found " + Files.size(file) + " bytes");
                }
            }
            raw = null;
            return items;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (java.util.zip.ZipException | EOFException e) {
            throw new InvalidInputException(
                    file + ": expected gzip-compressed IDX data, found a corrupt or truncated" + " gzip stream");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } finally {
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // already failing with a better message
                }
            }
        }
    }

    /** The items of an IDX file, read one at a time ({@link #open}). */
    public static final class Items implements AutoCloseable {
        private final InputStream in;
        private final int[] dims;
        private final int itemSize;
        private final String name;
        private int read;

        private Items(InputStream in, int[] dims, String name) {
            this.in = in;
            this.dims = dims;
            this.name = name;
            long size = 1;
            for (int i = 1; i < dims.length; i++) {
                size *= dims[i];
            }
            this.itemSize = (int) size; // the header check bounds the whole data below 2^31
        }

        /**
         * The dimensions the header declares, the item count first.
         *
         * @return the dimensions
         */
        public int[] dims() {
            return dims.clone();
        }

        /**
         * Number of items.
         *
         * @return the count
         */
        public int count() {
            return dims[0];
        }

        /**
         * Bytes per item.
         *
         * @return the count
         */
        public int itemSize() {
            return itemSize;
        }

        /**
         * Fills {@code item} (of {@link #itemSize()} bytes) with the next item; false after the last.
         *
         * @param item receives the item
         * @return true when an item was read
         */
        public boolean next(byte[] item) {
            try {
                if (read == count()) {
                    if (in.read() != -1) {
                        throw new InvalidInputException(name + ": expected " + count() + " items for IDX dimensions "
                                + Arrays.toString(dims) + ", found trailing data");
                    }
                    return false;
                }
                if (in.readNBytes(item, 0, itemSize) != itemSize) {
                    throw new InvalidInputException(name + ": truncated: IDX dimensions " + Arrays.toString(dims)
                            + " declare " + count() + " items, the data ends in item " + (read + 1));
                }
                read++;
                return true;
            } catch (java.util.zip.ZipException | EOFException e) {
                throw new InvalidInputException(name + ": corrupt or truncated gzip stream in item " + (read + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // reading is over; nothing to report
            }
        }
    }

    /**
     * Checks and decodes an IDX file's bytes (raw or gzip); {@code name} is used in messages.
     *
     * @param bytes the file's content
     * @param name names it in messages
     * @return its dimensions and data
     * @throws InvalidInputException when the bytes are not IDX
     */
    public static IdxFile decode(byte[] bytes, String name) {
        try {
            return detectAndParse(new java.io.ByteArrayInputStream(bytes), bytes.length, name);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Whether the stream (which must support mark) starts with gzip's magic bytes; it is left unread. */
    private static boolean gzipped(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /** Raw or gzip (told apart by the gzip magic bytes), with gzip stream errors as user errors. */
    private static IdxFile detectAndParse(InputStream raw, long size, String name) throws IOException {
        InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw, 1 << 16);
        if (!gzipped(in)) {
            return parse(in, size, name);
        }
        try {
            return parse(new GZIPInputStream(in, 1 << 16), -1, name);
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(
                    name + ": expected gzip-compressed IDX data, found a corrupt gzip stream (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new InvalidInputException(name + ": truncated gzip stream");
        }
    }

    /**
     * Parses IDX data from a stream.
     *
     * @param knownSize the stream's total length when known (a raw file), or −1 (a compressed stream)
     * @param in the stream, positioned at the header
     * @param name names it in messages
     * @return its dimensions and data
     * @throws IOException when the stream fails
     */
    public static IdxFile parse(InputStream in, long knownSize, String name) throws IOException {
        int[] dims = readHeader(in, name);
        int ndims = dims.length;
        long expected = 1;
        for (int d : dims) {
            expected *= d;
        }
        long headerSize = 4L + 4L * ndims;
        if (knownSize >= 0 && knownSize != headerSize + expected) {
            throw new InvalidInputException(
                    name + ": expected " + (headerSize + expected) + " bytes for IDX dimensions "
                            + Arrays.toString(dims) + ", found " + knownSize + " bytes"
                            + (knownSize < headerSize + expected ? " (truncated)" : " (trailing data)"));
        }
        byte[] data = knownSize >= 0 ? readFully(in, (int) expected) : readGrowing(in, (int) expected);
        if (data == null) {
            throw new InvalidInputException(name + ": truncated: IDX dimensions " + Arrays.toString(dims) + " need "
                    + expected + " data bytes, the stream ends first");
        }
        if (in.read() != -1) {
            throw new InvalidInputException(name + ": expected " + expected + " data bytes for IDX dimensions "
                    + Arrays.toString(dims) + ", found trailing data");
        }
        return new IdxFile(dims, data);
    }

    /** Reads and checks the magic number and dimensions; the stream is left at the first data byte. */
    private static int[] readHeader(InputStream in, String name) throws IOException {
        byte[] magic = readFully(in, 4);
        if (magic == null) {
            throw new InvalidInputException(
                    name + ": expected an IDX header of at least 4 bytes, found a shorter file");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new InvalidInputException(
                    name + ": expected an IDX magic number starting with two zero bytes, found 0x" + hex(magic));
        }
        int type = magic[2] & 0xff;
        int ndims = magic[3] & 0xff;
        if (type != UBYTE) {
            throw new InvalidInputException(name + ": expected IDX type 0x08 (unsigned bytes), found 0x"
                    + String.format(java.util.Locale.ROOT, "%02x", type) + " (magic 0x" + hex(magic) + ")");
        }
        if (ndims < 1 || ndims > 4) {
            throw new InvalidInputException(name + ": expected 1 to 4 dimensions in the IDX header, found " + ndims);
        }
        byte[] dimBytes = readFully(in, 4 * ndims);
        if (dimBytes == null) {
            throw new InvalidInputException(
                    name + ": truncated IDX header: expected " + ndims + " dimensions, file ends first");
        }
        int[] dims = new int[ndims];
        long expected = 1;
        for (int d = 0; d < ndims; d++) {
            int v = ((dimBytes[4 * d] & 0xff) << 24)
                    | ((dimBytes[4 * d + 1] & 0xff) << 16)
                    | ((dimBytes[4 * d + 2] & 0xff) << 8)
                    | (dimBytes[4 * d + 3] & 0xff);
            if (v <= 0) {
                throw new InvalidInputException(name + ": expected IDX dimensions from 1 to " + Integer.MAX_VALUE
                        + ", found " + (v & 0xffffffffL) + " in dimension " + (d + 1) + " of " + ndims);
            }
            dims[d] = v;
            expected *= v;
            if (expected > MAX_DATA) {
                throw new InvalidInputException(
                        name + ": IDX header declares " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                                + (d + 1 < ndims ? " and more" : "") + ", more data than mlp4j can hold in memory");
            }
        }
        return dims;
    }

    /** Exactly n bytes, or null when the stream ends first. */
    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return b.length == n ? b : null;
    }

    /** Exactly n bytes read in growing chunks, so a lying header cannot force a large allocation. */
    private static byte[] readGrowing(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 20));
        byte[] buf = new byte[1 << 16];
        int left = n;
        while (left > 0) {
            int r = in.read(buf, 0, Math.min(buf.length, left));
            if (r < 0) {
                return null;
            }
            out.write(buf, 0, r);
            left -= r;
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format(java.util.Locale.ROOT, "%02x", x & 0xff));
        }
        return s.toString();
    }
}
