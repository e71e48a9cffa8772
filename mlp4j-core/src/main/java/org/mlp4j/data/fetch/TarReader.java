package org.mlp4j.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a (ustar) tar stream, as {@code npm pack} writes them: a 512-byte header per
 * entry (name, octal size, type), then the content padded to 512 bytes, then two zero blocks.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** One entry's header. */
    record Entry(String name, long size, boolean regularFile) {}

    /** The next entry, or null at the end of the archive. Skips what is left of the current one. */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] h = in.readNBytes(BLOCK);
        if (h.length < BLOCK || isZero(h)) {
            return null;
        }
        String name = field(h, 0, 100);
        String prefix = field(h, 345, 155);
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        long size = parseOctal(h, 124, 12);
        char type = (char) h[156];
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new Entry(name, size, type == '0' || type == 0);
    }

    /** A stream over the current entry's content. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new IOException("tar archive ends inside an entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int r = in.read(b, off, (int) Math.min(len, remaining));
                if (r < 0) {
                    throw new IOException("tar archive ends inside an entry");
                }
                remaining -= r;
                return r;
            }
        };
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("tar archive ends inside an entry");
                }
                s = 1;
            }
            n -= s;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }

    private static long parseOctal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = h[i];
            if (c == 0 || c == ' ') {
                continue; // fields are NUL- or space-padded
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar header: bad size field");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }
}
