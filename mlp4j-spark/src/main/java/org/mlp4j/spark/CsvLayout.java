package org.mlp4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.CsvFormat;

/**
 * A set of CSV files as their first lines describe it.
 *
 * @param location the file or folder
 * @param header   the header line, or null when the files have none
 * @param headerAt each file's header's byte offset, by {@link ExecutorCsv#key}
 */
record CsvLayout(String location, String header, Map<String, Long> headerAt) implements Serializable {
    static CsvLayout of(Configuration hadoop, String location, CsvFormat format, String field) {
        try {
            Path p = new Path(location);
            FileSystem fs = p.getFileSystem(hadoop);
            List<FileStatus> files = dataFiles(fs, p, location, field);
            Map<String, Long> headerAt = new LinkedHashMap<>();
            String header = null;
            FirstLine first = null;
            Path headerFile = null;
            org.apache.hadoop.io.compress.CompressionCodecFactory codecs =
                    new org.apache.hadoop.io.compress.CompressionCodecFactory(hadoop);
            for (FileStatus f : files) {
                if (codecs.getCodec(f.getPath()) != null) {
                    throw compressed(f.getPath(), field);
                }
                FirstLine line = FirstLine.of(fs, f.getPath());
                if (line == null) {
                    continue; // an empty file adds no rows
                }
                if (first == null) {
                    first = line;
                    headerFile = f.getPath();
                    String[] fields = format.fields(line.text(), f.getPath().toString());
                    header = format.hasHeader(fields, f.getPath().toString()) ? line.text() : null;
                }
                if (header != null) {
                    if (!line.text().equals(header)) {
                        throw new InvalidInputException(
                                field,
                                f.getPath() + ": expected the header of "
                                        + headerFile + " ('" + header + "'), found '" + line.text()
                                        + "'");
                    }
                    headerAt.put(ExecutorCsv.key(f.getPath()), line.offset());
                }
            }
            if (first == null) {
                throw new InvalidInputException(
                        field,
                        field + " " + location
                                + ": expected a CSV file with rows of numbers and a label, found "
                                + (files.isEmpty() ? "a folder with no data files" : "only empty files"));
            }
            return new CsvLayout(location, header, headerAt);
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": cannot read", e);
        }
    }

    /**
     * The files Hadoop's text input reads at the location: the file itself, or the folder's entries but
     * _SUCCESS, _temporary and .crc files, by name. A folder inside is refused: Hadoop's reader failed on it,
     * with a trace, once the job ran.
     */
    private static List<FileStatus> dataFiles(FileSystem fs, Path p, String location, String field) throws IOException {
        FileStatus st;
        try {
            st = fs.getFileStatus(p);
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidInputException(field, field + " " + location + ": no such file or folder");
        }
        List<FileStatus> files = st.isDirectory()
                ? Arrays.stream(fs.listStatus(p))
                        .filter(f -> !f.getPath().getName().startsWith("_")
                                && !f.getPath().getName().startsWith("."))
                        .sorted(java.util.Comparator.comparing(f -> f.getPath().getName()))
                        .toList()
                : List.of(st);
        for (FileStatus f : files) {
            if (f.isDirectory()) {
                throw new InvalidInputException(
                        field,
                        field + " " + location
                                + ": expected CSV files in the folder, found the folder "
                                + f.getPath().getName()
                                + " (folders in it are not read: move its files up, or give each folder apart)");
            }
        }
        return files;
    }

    /**
     * A compressed file is refused: its stream's line offsets are not the lines' own, so neither the header
     * nor the held-out rows could be told apart.
     */
    private static InvalidInputException compressed(Path file, String field) {
        return new InvalidInputException(
                field,
                file
                        + ": expected a CSV text file, found a compressed one; decompress it for the executors to read it");
    }

    /** The longest line, with its end, that a task's reader takes (CsvRecords' limit). */
    static final int MAX_LINE = 1 << 20;

    /** A file's first line that is not empty, and its byte offset; null for a file of empty lines. */
    record FirstLine(String text, long offset) {
        static FirstLine of(FileSystem fs, Path file) throws IOException {
            try (InputStream in = new java.io.BufferedInputStream(fs.open(file))) {
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                long offset = 0;
                long start = 0;
                for (int b = in.read(); ; b = in.read()) {
                    if (b == -1 || b == '\n' || b == '\r') {
                        if (line.size() > 0) {
                            return new FirstLine(decode(line.toByteArray(), file, start), start);
                        }
                        if (b == -1) {
                            return null;
                        }
                        start = offset + 1;
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE) { // a record's limit as the reader counts it, end included
                            throw new InvalidInputException(
                                    file + ": expected a line of at most " + (MAX_LINE - 1) + " bytes, found more");
                        }
                    }
                    offset++;
                }
            }
        }

        private static String decode(byte[] bytes, Path file, long offset) {
            try {
                String s = Text.decode(bytes, 0, bytes.length, false);
                return offset == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s;
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(file + ": expected a CSV text file (UTF-8), found other bytes");
            }
        }
    }
}
