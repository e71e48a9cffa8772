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
}
