package org.mlp4j.data;

import java.util.Locale;
import org.mlp4j.InvalidInputException;

/**
 * How a CSV file is laid out, as people have them: the field delimiter, whether the first row is a
 * header, and which column is the label.
 *
 * @param delimiter the field separator (',' by default; ';' or a tab are common)
 * @param header    whether the first row names the columns ({@link Header#AUTO}: when it holds the label's
 *                  name, or text where a data row has numbers)
 * @param label     the label column: its name in the header, or its position counted from 1 ({@code "1"} the
 *                  first column, {@code "-1"} the last); without a header and with a name, the last column
 */
public record CsvFormat(char delimiter, Header header, String label) {
    /** Whether a file's first row is a header. */
    public enum Header {
        /** Decided from the first row. */
        AUTO,
        /** The first row names the columns. */
        YES,
        /** Every row is data; columns are taken by position. */
        NO
    }

    /**
     * Comma-separated, the header detected, the label column as given.
     *
     * @param label the label column's name or position
     * @return the format
     */
    public static CsvFormat of(String label) {
        return new CsvFormat(',', Header.AUTO, label);
    }

    /**
     * A format from its settings as a recipe or the command line writes them.
     *
     * @param delimiter one character, or {@code tab}
     * @param header    {@code auto}, {@code yes} or {@code no}
     * @param label     the label column's name or position
     * @return the format
     * @throws InvalidInputException naming the setting that is not one of these
     */
    public static CsvFormat parse(String delimiter, String header, String label) {
        String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
            throw new InvalidInputException(
                    "delimiter",
                    "delimiter: expected one character (or 'tab') other than a quote or a line break, found '"
                            + delimiter + "'");
        }
        Header h;
        switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> h = Header.AUTO;
            case "yes", "true" -> h = Header.YES;
            case "no", "false" -> h = Header.NO;
            default ->
                throw new InvalidInputException("header", "header: expected auto, yes or no, found '" + header + "'");
        }
        return new CsvFormat(d.charAt(0), h, label);
    }

    /**
     * The label columns as given: the label, or a regression's several targets separated by commas
     * ({@code --label price,days}). A classifier takes exactly one.
     *
     * @return the names or positions, each trimmed
     */
    public java.util.List<String> labels() {
        return java.util.Arrays.stream(label.split(",", -1)).map(String::trim).toList();
    }

    /**
     * The label's position as given ({@code 3} the third column, {@code -1} the last), or null for a name.
     *
     * @return the position counted from 1, negative from the end, or null
     */
    public Integer labelPosition() {
        return position(label);
    }

    /**
     * A label column's position as given ({@code 3}, {@code -1}), or null for a name.
     *
     * @param label a label column, as given
     * @return the position counted from 1, negative from the end, or null
     */
    static Integer position(String label) {
        String t = label.trim();
        if (!t.matches("-?[0-9]{1,9}") || t.equals("0") || t.equals("-0")) {
            return null;
        }
        return Integer.valueOf(t);
    }

    /**
     * The label's column in a row of {@code columns} fields when it is given by position, else -1.
     *
     * @param columns the row's fields
     * @param file    names the file in messages
     * @return the column index from 0, or -1 for a label given by name
     */
    public int labelIndex(int columns, String file) {
        return index(label, columns, file);
    }

    /**
     * A label column's index in a row of {@code columns} fields when it is given by position, else -1.
     *
     * @param label   a label column, as given
     * @param columns the row's fields
     * @param file    names the file in messages
     * @return the column index from 0, or -1 for a name
     */
    static int index(String label, int columns, String file) {
        Integer p = position(label);
        if (p == null) {
            return -1;
        }
        int i = p > 0 ? p - 1 : columns + p;
        if (i < 0 || i >= columns) {
            throw new InvalidInputException(
                    "label", file + ": expected the label column at position " + p + ", found " + columns + " columns");
        }
        return i;
    }

    /**
     * Whether a file whose first record is {@code first} has a header: as this format says, or (auto) when
     * the record holds the label's name, or text in a column where a data row has numbers. This is the
     * rule {@link TabularDataset#read(java.nio.file.Path, CsvFormat, java.util.List, java.util.List)} applies.
     *
     * @param first the file's first record's fields
     * @param file  names the file in messages
     * @return true when the first record names the columns
     */
    public boolean hasHeader(String[] first, String file) {
        return CsvTable.isHeader(first, this, file);
    }

    /**
     * One line's fields, as a record of this format.
     *
     * @param line  a line holding one whole record
     * @param where names the line in messages
     * @return the fields, quotes removed
     * @throws InvalidInputException when a quoted field is not closed on the line
     */
    public String[] fields(String line, String where) {
        try {
            String[] f = new org.mlp4j.internal.CsvRecords(new java.io.StringReader(line), delimiter, where).next();
            return f == null ? new String[] {""} : f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Receives a CSV file's records in order. */
    @FunctionalInterface
    public interface RecordSink {
        /**
         * One record.
         *
         * @param fields the record's fields, quotes removed
         * @param line   the line the record started on, from 1
         */
        void accept(String[] fields, long line);
    }

    /**
     * Reads a CSV file record by record as training reads it, in constant memory: RFC 4180 with this
     * format's delimiter (a quoted field may hold delimiters, quotes and line breaks), UTF-8, blank lines
     * skipped, a record of at most a million characters. A file to predict on is read the same way as the
     * file the model was trained on.
     *
     * @param file the CSV file
     * @param sink receives the records
     * @throws InvalidInputException naming the file (and line) when it is missing, not UTF-8 text, or not
     *                               CSV; and whatever the sink throws
     */
    public void forEachRecord(java.nio.file.Path file, RecordSink sink) {
        org.mlp4j.internal.CsvRecords.read(file, delimiter, records -> {
            for (String[] r = records.next(); r != null; r = records.next()) {
                sink.accept(r, records.line());
            }
            return null;
        });
    }

    /**
     * A field as training reads a number: a finite float32, spaces around it ignored.
     *
     * @param field the field
     * @param where the file, line and column, for the message
     * @return the value
     * @throws InvalidInputException naming {@code where} when the field is no number or not finite
     */
    public static float number(String field, String where) {
        return org.mlp4j.internal.CsvLines.number(field, where);
    }

    /**
     * Whether a field parses as a number at all, finite or not: how a header row is told from a row of
     * values ("NaN" is a number, refused later, not a column's name).
     *
     * @param field the field
     * @return true for a number
     */
    public static boolean looksNumeric(String field) {
        return org.mlp4j.internal.CsvLines.looksNumeric(field);
    }
}
