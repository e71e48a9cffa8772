package org.mlp4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.InvalidInputException;

/**
 * Lines of a CSV file read with a bound on each line, so one 100 MB line without a newline is an error
 * and not an exhausted heap; and the numbers in them, which must be finite float32 values.
 *
 * <p>{@value #MAX_LINE} characters a line: an MNIST row is about 3,200 and a row of 100,000 features
 * under 1,000,000. A UTF-8 byte-order mark before the first line is dropped.
 */
public final class CsvLines {
    public static final int MAX_LINE = 1 << 20;

    private CsvLines() {}

    /** The file's lines in order (blank ones included, so indexes are line numbers − 1). */
    public static List<String> read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(
                    file + ": expected a CSV text file (UTF-8), found " + IoErrors.notUtf8(file));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + org.mlp4j.internal.IoErrors.describe(e));
        }
    }

    /** The lines of a text; {@code file} names it in messages. */
    public static List<String> read(java.io.Reader r, String file) throws IOException {
        List<String> lines = new ArrayList<>();
        forEachLine(r, file, lines::add);
        return lines;
    }

    /**
     * Hands each line of a text to {@code sink} as it is read, in constant memory (a line is at most
     * {@value #MAX_LINE} characters); the byte-order mark before the first line is dropped.
     *
     * @param r    the text
     * @param file names it in messages
     * @param sink receives the lines in order, blank ones included
     * @return the number of lines
     * @throws IOException when reading fails
     */
    public static long forEachLine(java.io.Reader r, String file, java.util.function.Consumer<String> sink)
            throws IOException {
        long count = 0;
        StringBuilder line = new StringBuilder();
        char[] buf = new char[1 << 16];
        boolean pendingCr = false;
        for (int n; (n = r.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (pendingCr) {
                    pendingCr = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    sink.accept(withoutBom(line, count++));
                    line.setLength(0);
                    pendingCr = c == '\r';
                } else if (line.length() == MAX_LINE) {
                    throw new InvalidInputException(file + ": line " + (count + 1) + ": expected at most " + MAX_LINE
                            + " characters in a line, found more");
                } else {
                    line.append(c);
                }
            }
        }
        if (line.length() > 0) {
            sink.accept(withoutBom(line, count++));
        }
        return count;
    }

    private static String withoutBom(StringBuilder line, long index) {
        return index == 0 && line.length() > 0 && line.charAt(0) == '\uFEFF' ? line.substring(1) : line.toString();
    }

    /** Whether the cell parses as a number at all (finite or not): a header cell does not. */
    public static boolean looksNumeric(String cell) {
        try {
            Float.parseFloat(cell.trim());
            return !cell.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A cell as a finite float32.
     *
     * @param where the file, line and column, for the error
     */
    public static float number(String cell, String where) {
        String t = cell.trim();
        float v;
        try {
            v = Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": expected a number, found '" + shorten(t) + "'");
        }
        if (!Float.isFinite(v) || t.isEmpty()) {
            throw new InvalidInputException(where + ": expected a finite number of magnitude at most " + Float.MAX_VALUE
                    + " (float32), found '" + shorten(t) + "'");
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
