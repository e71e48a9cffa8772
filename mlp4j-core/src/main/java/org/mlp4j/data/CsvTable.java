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
 * @param labels      the label columns' names (from the header, or "label" without one): one for
 *                    classes, one or more for a regression's targets
 * @param description the file, and how its columns were taken
 */
record CsvTable(float[][] x, List<String> names, List<String> labels, String description) {

    /** Takes one row's label fields as they are read, one call each. */
    interface LabelField {
        /**
         * @param k     which label column, from 0
         * @param field the label field's text
         * @param line  the record's line, for messages
         */
        void accept(int k, String field, long line);
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
        int[] labelAt = chosen.labels();
        List<float[]> rows = new ArrayList<>();
        try {
            for (String[] f = header ? records.next() : first; f != null; f = records.next()) {
                long line = records.line();
                if (f.length != columns) {
                    throw new InvalidInputException(
                            file + ": line " + line + ": expected " + columns + " fields, found " + f.length);
                }
                for (int k = 0; k < labelAt.length; k++) {
                    labels.accept(k, f[labelAt[k]], line);
                }
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
        return new CsvTable(rows.toArray(float[][]::new), names, chosen.labelNames(), description);
    }

    /**
     * Whether the first record is a header: as the format says, or (auto) when it holds the label's name,
     * or text in a column where a data row has numbers (every column but the label's).
     */
    static boolean isHeader(String[] first, CsvFormat format, String file) {
        if (format.header() != CsvFormat.Header.AUTO) {
            return format.header() == CsvFormat.Header.YES;
        }
        List<String> labels = format.labels();
        for (String f : first) {
            // a label given by position ("1") is no column name to look for: "x,1,2" is data
            if (labels.contains(f.trim()) && CsvFormat.position(f.trim()) == null) {
                return true;
            }
        }
        java.util.Set<Integer> labelAt = new java.util.HashSet<>();
        for (String l : labels) {
            int at = CsvFormat.index(l, first.length, file);
            labelAt.add(at >= 0 ? at : first.length - 1);
        }
        for (int c = 0; c < first.length; c++) {
            if (!labelAt.contains(c) && !CsvLines.looksNumeric(first[c])) {
                return true;
            }
        }
        return false;
    }

    /** Which columns hold the features (in order) and the labels, and their names. */
    record Columns(int[] features, int[] labels, List<String> names, List<String> labelNames) {
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
            List<String> labelColumns = new ArrayList<>();
            int[] labelAt = labelColumns(header, at, file, format, labelColumns);
            java.util.Set<Integer> isLabel = new java.util.HashSet<>();
            for (int c : labelAt) {
                isLabel.add(c);
            }
            List<String> names = features != null
                    ? features
                    : java.util.stream.IntStream.range(0, header.length)
                            .filter(c -> !isLabel.contains(c))
                            .mapToObj(c -> header[c].trim())
                            .toList();
            if (isLabel.size() < labelAt.length) {
                throw new InvalidInputException(file + ": label: expected different columns, found one named twice ("
                        + String.join(", ", labelColumns) + ")");
            }
            List<String> used = new ArrayList<>(names);
            used.addAll(labelColumns);
            for (String usedName : used) {
                if (repeated.containsKey(usedName)) {
                    throw new InvalidInputException(file + ": header: expected each column name once, found '"
                            + usedName + "' more than once (columns " + (repeated.get(usedName) + 1) + " and "
                            + (lastIndexOf(header, usedName) + 1) + ")");
                }
            }
            int[] cols = new int[names.size()];
            for (int k = 0; k < cols.length; k++) {
                Integer c = at.get(names.get(k));
                if (c == null || isLabel.contains(c)) {
                    throw new InvalidInputException(file + ": expected a column named '" + names.get(k)
                            + "' (a feature the model was trained on: " + String.join(", ", names) + "), found none");
                }
                cols[k] = c;
            }
            return new Columns(cols, labelAt, List.copyOf(names), List.copyOf(labelColumns));
        }

        /** The label columns, found by their names (or positions); their header names go to {@code names}. */
        private static int[] labelColumns(
                String[] header, Map<String, Integer> at, String file, CsvFormat format, List<String> names) {
            List<String> wanted = format.labels();
            int[] labelAt = new int[wanted.size()];
            for (int k = 0; k < labelAt.length; k++) {
                String labelName = wanted.get(k);
                Integer label = at.get(labelName);
                if (label == null && CsvFormat.position(labelName) != null) {
                    label = CsvFormat.index(labelName, header.length, file);
                    labelName = header[label].trim();
                }
                if (label == null) {
                    throw new InvalidInputException(file + ": expected a label column named '" + labelName
                            + "' (label), found columns "
                            + String.join(
                                    ", ",
                                    Arrays.stream(header).map(String::trim).toList()));
                }
                labelAt[k] = label;
                names.add(labelName);
            }
            return labelAt;
        }

        /**
         * Without a header: every column but the label's is a feature, in order; the label where its position
         * says, else the last column; the names are the model's, or x0, x1, ….
         */
        static Columns byPosition(int columns, String file, CsvFormat format, List<String> features) {
            List<String> wanted = format.labels();
            if (features != null && features.size() != columns - wanted.size()) {
                throw new InvalidInputException(file + ": expected " + features.size() + " feature columns and "
                        + (wanted.size() == 1 ? "a label" : wanted.size() + " targets")
                        + " (the file has no header, so columns are taken by position), found " + columns
                        + " columns");
            }
            int[] labelAt = new int[wanted.size()];
            java.util.Set<Integer> isLabel = new java.util.HashSet<>();
            for (int k = 0; k < labelAt.length; k++) {
                int at = CsvFormat.index(wanted.get(k), columns, file);
                if (at < 0 && wanted.size() > 1) {
                    throw new InvalidInputException(file + ": --label: a file without a header names its target"
                            + " columns by position (1, 2, … or -1 for the last), found '" + wanted.get(k) + "'");
                }
                labelAt[k] = at >= 0 ? at : columns - 1;
                isLabel.add(labelAt[k]);
            }
            int[] cols = new int[columns - isLabel.size()];
            List<String> names = new ArrayList<>();
            for (int c = 0, k = 0; c < columns; c++) {
                if (!isLabel.contains(c)) {
                    cols[k] = c;
                    names.add(features != null ? features.get(k) : "x" + k);
                    k++;
                }
            }
            List<String> labelNames = wanted.size() == 1
                    ? List.of("label")
                    : java.util.stream.IntStream.range(0, wanted.size())
                            .mapToObj(k -> "y" + k)
                            .toList();
            return new Columns(cols, labelAt, List.copyOf(names), labelNames);
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

    private static boolean isNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return false;
        }
        try {
            return Float.isFinite(Float.parseFloat(t));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Distinct labels in class order: by value when every one is a number, else alphabetically. */
    static List<String> classOrder(String[] labels) {
        List<String> d = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(labels)));
        if (d.stream().allMatch(CsvTable::isNumber)) {
            d.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return d;
    }
}
