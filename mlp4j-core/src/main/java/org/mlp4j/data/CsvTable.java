package org.mlp4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.CsvLines;
import org.mlp4j.internal.CsvRecords;

/**
 * A CSV file read once, record by record: its feature columns as float rows (by name with a header, by
 * position without one) and each row's label field handed to a {@link LabelField} as it is read, so a
 * classification table keeps one string per class and a regression table one float per row.
 *
 * @param x           the feature rows
 * @param names       the features' names, in the order of a row's values
 * @param label       the label column's name (from the header, or "label" without one)
 * @param description the file, and how its columns were taken
 */
record CsvTable(float[][] x, List<String> names, String label, String description) {

    /** Takes one row's label field as it is read. */
    interface LabelField {
        /**
         * @param field the label field's text
         * @param line  the record's line, for messages
         */
        void accept(String field, long line);
    }

    static CsvTable read(CsvRecords records, String file, CsvFormat format, List<String> features, LabelField labels)
            throws java.io.IOException {
        String[] first = records.next();
        if (first == null) {
            throw new InvalidInputException(
                    file + ": expected a CSV file with rows of numbers and a label, found an empty file");
        }
        int columns = first.length;
        if (columns < 2) {
            throw new InvalidInputException(
                    file + ": expected at least one feature column and a label column, found " + columns + " column");
        }
        boolean header = isHeader(first, format, file);
        Columns chosen = header
                ? Columns.byName(first, file, format, features)
                : Columns.byPosition(columns, file, format, features);
        List<String> names = chosen.names();
        int labelAt = chosen.label();
        List<float[]> rows = new ArrayList<>();
        try {
            for (String[] f = header ? records.next() : first; f != null; f = records.next()) {
                long line = records.line();
                if (f.length != columns) {
                    throw new InvalidInputException(
                            file + ": line " + line + ": expected " + columns + " fields, found " + f.length);
                }
                labels.accept(f[labelAt], line);
                float[] row = new float[names.size()];
                for (int k = 0; k < row.length; k++) {
                    row[k] = CsvLines.number(
                            f[chosen.features()[k]], file + ": line " + line + ", column '" + names.get(k) + "'");
                }
                rows.add(row);
            }
        } catch (OutOfMemoryError e) {
            int read = rows.size();
            rows = null;
            throw new InvalidInputException(file + ": the data does not fit in the JVM's heap (" + read
                    + " rows read, " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB of heap); give Java more, e.g. MLP4J_JAVA_OPTS=-Xmx4g");
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file + ": expected at least one example after the header, found none");
        }
        String description = header || features == null ? file : file + " (no header: columns taken by position)";
        return new CsvTable(rows.toArray(float[][]::new), names, chosen.labelName(), description);
    }

    /**
     * Whether the first record is a header: as the format says, or (auto) when it holds the label's name,
     * or text in a column where a data row has numbers (every column but the label's).
     */
    private static boolean isHeader(String[] first, CsvFormat format, String file) {
        if (format.header() != CsvFormat.Header.AUTO) {
            return format.header() == CsvFormat.Header.YES;
        }
        for (String f : first) {
            // a label given by position ("1") is no column name to look for: "x,1,2" is data
            if (format.labelPosition() == null && f.trim().equals(format.label())) {
                return true;
            }
        }
        int labelAt = format.labelIndex(first.length, file);
        labelAt = labelAt >= 0 ? labelAt : first.length - 1;
        for (int c = 0; c < first.length; c++) {
            if (c != labelAt && !CsvLines.looksNumeric(first[c])) {
                return true;
            }
        }
        return false;
    }

    /** Which columns hold the features (in order) and the label, and the features' names. */
    record Columns(int[] features, int label, List<String> names, String labelName) {
        /**
         * Columns found by their header names: a repeated name among those used is refused (a header
         * {@code a,a,b,label} trained, and {@code predict} then mapped both to the first), as is a feature
         * of the model that the file lacks. The label is found by its name, or by its position when given one.
         */
        static Columns byName(String[] header, String file, CsvFormat format, List<String> features) {
            Map<String, Integer> at = new java.util.LinkedHashMap<>();
            Map<String, Integer> repeated = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String name = header[c].trim();
                Integer before = at.putIfAbsent(name, c);
                if (before != null) {
                    repeated.putIfAbsent(name, before);
                }
            }
            String labelName = format.label();
            Integer label = at.get(labelName);
            if (label == null && format.labelPosition() != null) {
                label = format.labelIndex(header.length, file);
                labelName = header[label].trim();
            }
            if (label == null) {
                throw new InvalidInputException(file + ": expected a label column named '" + format.label()
                        + "' (label), found columns "
                        + String.join(
                                ", ", Arrays.stream(header).map(String::trim).toList()));
            }
            int labelAt = label;
            String labelColumn = labelName;
            List<String> names = features != null
                    ? features
                    : java.util.stream.IntStream.range(0, header.length)
                            .filter(c -> c != labelAt)
                            .mapToObj(c -> header[c].trim())
                            .toList();
            for (String used : concat(names, labelColumn)) {
                if (repeated.containsKey(used)) {
                    throw new InvalidInputException(file + ": header: expected each column name once, found '" + used
                            + "' more than once (columns " + (repeated.get(used) + 1) + " and "
                            + (lastIndexOf(header, used) + 1) + ")");
                }
            }
            int[] cols = new int[names.size()];
            for (int k = 0; k < cols.length; k++) {
                Integer c = at.get(names.get(k));
                if (c == null || c == labelAt) {
                    throw new InvalidInputException(file + ": expected a column named '" + names.get(k)
                            + "' (a feature the model was trained on: " + String.join(", ", names) + "), found none");
                }
                cols[k] = c;
            }
            return new Columns(cols, labelAt, List.copyOf(names), labelColumn);
        }

        /**
         * Without a header: every column but the label's is a feature, in order; the label where its position
         * says, else the last column; the names are the model's, or x0, x1, ….
         */
        static Columns byPosition(int columns, String file, CsvFormat format, List<String> features) {
            if (features != null && features.size() != columns - 1) {
                throw new InvalidInputException(file + ": expected " + features.size() + " feature columns and a label"
                        + " (the file has no header, so columns are taken by position), found " + columns
                        + " columns");
            }
            int labelAt = format.labelIndex(columns, file);
            labelAt = labelAt >= 0 ? labelAt : columns - 1;
            int[] cols = new int[columns - 1];
            List<String> names = new ArrayList<>();
            for (int c = 0, k = 0; c < columns; c++) {
                if (c != labelAt) {
                    cols[k] = c;
                    names.add(features != null ? features.get(k) : "x" + k);
                    k++;
                }
            }
            return new Columns(cols, labelAt, List.copyOf(names), "label");
        }

        private static List<String> concat(List<String> names, String label) {
            List<String> all = new ArrayList<>(names);
            all.add(label);
            return all;
        }

        private static int lastIndexOf(String[] header, String name) {
            for (int c = header.length - 1; c >= 0; c--) {
                if (header[c].trim().equals(name)) {
                    return c;
                }
            }
            return -1;
        }
    }
}
