package org.mlp4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** SHA-256 of a file's raw content; a gzip file is hashed after decompression. */
final class Sha256 {
    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Hex SHA-256 of the file's bytes, or of its decompressed bytes when it is gzip. */
    public static String ofRawContent(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return ofStream(in);
        }
    }

    /** The file's length after decompression (its own length when it is not gzip). */
    public static long rawLength(Path file) throws IOException {
        try (InputStream in = open(file)) {
            long n = 0;
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
            return n;
        }
    }

    /** Hex SHA-256 of everything the stream yields. */
    public static String ofStream(InputStream in) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) >= 0) {
            md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The file's content, decompressed when it starts with the gzip magic bytes. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
