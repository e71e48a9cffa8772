package org.mlp4j.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.InvalidInputException;

/**
 * CSV records read one at a time as RFC 4180 writes them: fields separated by a delimiter, quoted fields
 * with embedded delimiters, doubled quotes and line breaks, records ended by LF, CRLF or CR, a byte-order
 * mark before the first dropped, blank lines skipped. A record is at most {@value CsvLines#MAX_LINE}
 * characters, so a file with no line break is an error and not an exhausted heap; nothing is kept
 * between records, so a file of a million rows is read in the memory of one.
 */
public final class CsvRecords {
    private final Reader in;
    private final char delimiter;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private int pushed = -2;
    private boolean started;
    private long line = 1;
    private long recordLine;

    /**
     * @param in        the text
     * @param delimiter the field separator (',', ';', '\t', …); never a quote or a line break
     * @param file      names the text in messages
     */
    public CsvRecords(Reader in, char delimiter, String file) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new InvalidInputException(
                    "delimiter",
                    "delimiter: expected one character other than a quote or a line break, found "
                            + (delimiter == '"' ? "a quote" : delimiter == '\n' ? "a line feed" : "a carriage return"));
        }
        this.in = in;
        this.delimiter = delimiter;
        this.file = file;
    }

    /**
     * Counts lines from {@code first} instead of 1: a part of a file read with its header put before it
     * counts the header as line 0, so that its own lines are 1, 2, ….
     *
     * @param first the number of the text's first line
     * @return this
     */
    public CsvRecords firstLine(long first) {
        this.line = first;
        return this;
    }

    /** What reads a file's records; it may stop early. */
    @FunctionalInterface
    public interface Reading<T> {
        /**
         * @param records the file's records
         * @return what was read
         * @throws IOException when reading fails
         */
        T read(CsvRecords records) throws IOException;
    }

    /**
     * Opens a CSV file as strict UTF-8 and hands its records to {@code reading}; every failure is an
     * {@link InvalidInputException} naming the file: missing, not UTF-8 (binary or another encoding), or
     * unreadable.
     *
     * @param file      the CSV file
     * @param delimiter the field separator
     * @param reading   what reads the records
     * @param <T>       what it returns
     * @return what {@code reading} returned
     */
    public static <T> T read(java.nio.file.Path file, char delimiter, Reading<T> reading) {
        try (Reader r = new java.io.InputStreamReader(
                java.nio.file.Files.newInputStream(file),
                java.nio.charset.StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT))) {
            return reading.read(new CsvRecords(r, delimiter, file.toString()));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(
                    file + ": expected a CSV text file (UTF-8), found " + IoErrors.notUtf8(file));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + IoErrors.describe(e));
        }
    }

    /**
     * The line the last record returned by {@link #next} started on, counted from 1.
     *
     * @return the line number
     */
    public long line() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of the text.
     *
     * @return the fields (quotes removed), or null
     * @throws IOException when reading fails
     * @throws InvalidInputException naming the line of a record that is too long or a quote left open
     */
    public String[] next() throws IOException {
        while (true) {
            String[] record = record();
            if (record == null || !(record.length == 1 && record[0].isEmpty())) {
                return record;
            }
        }
    }

    private String[] record() throws IOException {
        int c = firstChar();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int chars = 0;
        while (true) {
            if (++chars > CsvLines.MAX_LINE) {
                throw new InvalidInputException(file + ": line " + recordLine + ": expected at most "
                        + CsvLines.MAX_LINE + " characters in a record, found more");
            }
            if (quoted) {
                if (c == -1) {
                    throw new InvalidInputException(file + ": line " + recordLine
                            + ": a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    countLine(c);
                    field.append((char) c);
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\n' || c == '\r' || c == -1) {
                endLine(c);
                fields.add(field.toString());
                return fields.toArray(String[]::new);
            } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** The record's first character; the file's first skips a byte-order mark. */
    private int firstChar() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        return c;
    }

    /** After a record's end, c: a CR's LF is taken with it, and the line counts (not at the file's end). */
    private void endLine(int c) throws IOException {
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                pushed = d;
            }
        }
        if (c != -1) {
            line++;
        }
    }

    private void countLine(int c) throws IOException {
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            int d = peek();
            if (d != '\n') {
                line++;
            }
        }
    }

    private int peek() throws IOException {
        if (pushed == -2) {
            pushed = readBuffered();
        }
        return pushed;
    }

    private int read() throws IOException {
        if (pushed != -2) {
            int c = pushed;
            pushed = -2;
            return c;
        }
        return readBuffered();
    }

    private int readBuffered() throws IOException {
        if (pos == end) {
            end = in.read(buf);
            pos = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        return buf[pos++];
    }
}
