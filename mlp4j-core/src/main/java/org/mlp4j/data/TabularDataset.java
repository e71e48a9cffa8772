package org.mlp4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.CsvLines;

/**
 * Tabular classification data from a CSV file: numeric feature columns and one label column.
 *
 * <p>The first line is a header when it holds the label column's name or text in a field other than the
 * last; the label column is then found by name, and without a header it is the last column. Labels may be any text; classes are their
 * distinct values, sorted (numerically when all are numbers), unless a class list is given (a test file
 * must use the training file's classes).
 */
public final class TabularDataset implements Dataset {
    /** The examples themselves; this class adds the names. */
    private final ArrayDataset examples;

    private final float[][] x;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    private TabularDataset(
            float[][] x, int[] labels, List<String> classNames, List<String> featureNames, String description) {
        this.examples = ArrayDataset.ofLabels(x, labels, classNames.size(), description);
        this.x = x;
        this.labels = labels;
        this.classNames = classNames;
        this.featureNames = featureNames;
    }

    /**
     * Reads a CSV file.
     *
     * @param labelColumn the label column's name (used when the file has a header)
     * @param classes     the class names to use, or null to take them from this file
     * @param file the CSV file
     * @return the dataset
     * @throws InvalidInputException naming the line and column of a malformed value
     */
    public static TabularDataset read(Path file, String labelColumn, List<String> classes) {
        return read(file, labelColumn, classes, null);
    }

    /**
     * Reads a CSV file whose columns are a model's features: with a header, each feature is taken from the
     * column of its name, in any order, and other columns are ignored; without one, by position (said in
     * the description).
     *
     * @param file        the CSV file
     * @param labelColumn the label column's name (used when the file has a header)
     * @param classes     the class names to use, or null to take them from this file
     * @param features    the feature names the model was trained on, or null to take every column but the
     *                    label as a feature
     * @return the dataset, its features in the order of {@code features}
     * @throws InvalidInputException naming a missing or repeated column, or a malformed value
     */
    public static TabularDataset read(Path file, String labelColumn, List<String> classes, List<String> features) {
        return parse(CsvLines.read(file), file.toString(), labelColumn, classes, features);
    }

    /**
     * Parses a CSV file's lines (as {@link CsvLines} reads them); {@code file} names it in messages.
     *
     * @see #read(Path, String, List)
     * @param lines the file's lines
     * @param file names it in messages
     * @param labelColumn the label column's name
     * @param classes the class names to use, or null
     * @return the dataset
     */
    public static TabularDataset parse(List<String> lines, String file, String labelColumn, List<String> classes) {
        return parse(lines, file, labelColumn, classes, null);
    }

    /**
     * {@link #parse(List, String, String, List)} with the model's feature names, as {@link #read(Path,
     * String, List, List)} reads them.
     *
     * @param lines the file's lines
     * @param file names it in messages
     * @param labelColumn the label column's name
     * @param classes the class names to use, or null
     * @param features the feature names to take by name, or null for every column but the label
     * @return the dataset
     */
    public static TabularDataset parse(
            List<String> lines, String file, String labelColumn, List<String> classes, List<String> features) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(
                    file + ": expected a CSV file with rows of numbers and a label, found an empty file");
        }
        String[] first = rows.get(0);
        // A header names the label column, or has text where the (numeric) features of a data row would be;
        // a data row may have text only in its last field, the label.
        boolean header =
                Arrays.stream(first).anyMatch(f -> f.trim().replace("\"", "").equals(labelColumn))
                        || Arrays.stream(first, 0, first.length - 1).anyMatch(f -> !CsvLines.looksNumeric(f));
        int columns = first.length;
        if (columns < 2) {
            throw new InvalidInputException(
                    file + ": expected at least one feature column and a label column, found " + columns + " column");
        }
        Columns chosen = header
                ? Columns.byName(first, file, labelColumn, features)
                : Columns.byPosition(columns, file, features);
        if (header) {
            rows.remove(0);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file + ": expected at least one example after the header, found none");
        }
        List<String> names = chosen.names();
        int labelAt = chosen.label();
        String[] rawLabels = new String[rows.size()];
        float[][] x = new float[rows.size()][names.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            int line = i + (header ? 2 : 1);
            if (f.length != columns) {
                throw new InvalidInputException(
                        file + ": line " + line + ": expected " + columns + " fields, found " + f.length);
            }
            rawLabels[i] = f[labelAt].trim().replace("\"", "");
            for (int k = 0; k < names.size(); k++) {
                x[i][k] = CsvLines.number(
                        f[chosen.features()[k]], file + ": line " + line + ", column '" + names.get(k) + "'");
            }
        }
        String description = header || features == null ? file : file + " (no header: columns taken by position)";
        List<String> classNames = classes != null ? classes : distinctSorted(rawLabels);
        Map<String, Integer> index = new TreeMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        int[] labels = new int[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer c = index.get(rawLabels[i]);
            if (c == null) {
                throw new InvalidInputException(file + ": line " + (i + (header ? 2 : 1)) + ": label '" + rawLabels[i]
                        + "' is not one of the training classes " + classNames);
            }
            labels[i] = c;
        }
        if (classNames.size() < 2) {
            throw new InvalidInputException(
                    file + ": expected at least 2 classes in the label column, found " + classNames.size());
        }
        return new TabularDataset(x, labels, List.copyOf(classNames), List.copyOf(names), description);
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

    private static List<String> distinctSorted(String[] labels) {
        List<String> d = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(labels)));
        if (d.stream().allMatch(TabularDataset::isNumber)) {
            d.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return d;
    }

    /**
     * The class names, in the order of the class indexes.
     *
     * @return the names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The feature columns' names (from the header, or "x1", "x2", …).
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The rows in the given order (e.g. a shuffle), as a new dataset.
     *
     * @param order indexes into this dataset
     * @return the new dataset
     */
    public TabularDataset reordered(int[] order) {
        float[][] rx = new float[order.length][];
        int[] ry = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rx[i] = x[order[i]];
            ry[i] = labels[order[i]];
        }
        return new TabularDataset(rx, ry, classNames, featureNames, description());
    }

    /**
     * The rows in an order drawn from {@code seed}, as a new dataset: do this before splitting a file that
     * may be sorted by class.
     *
     * @param seed draws the order
     * @return the new dataset
     */
    public TabularDataset shuffle(long seed) {
        return reordered(new org.mlp4j.math.Rng(seed).permutation(size()));
    }

    /**
     * The rows in their order, cut in two: the first {@code fraction} of them (rounded), then the rest.
     * Shuffle first ({@link #shuffle}) unless the order is already random.
     *
     * @param fraction the first part's share, in (0, 1)
     * @return the two parts, each with at least one row
     * @throws InvalidInputException when a part would be empty
     */
    public TabularDataset[] split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("fraction", "fraction: expected a number in (0, 1), found " + fraction);
        }
        int cut = (int) Math.round(size() * fraction);
        if (cut < 1 || cut >= size()) {
            throw new InvalidInputException(description() + ": expected enough rows to split " + fraction + " / "
                    + (1 - fraction) + ", found " + size());
        }
        return new TabularDataset[] {rows(0, cut), rows(cut, size())};
    }

    /**
     * Rows [from, to) as a new dataset (copies references, not values).
     *
     * @param from the first row
     * @param to the end row (exclusive)
     * @return the new dataset
     */
    public TabularDataset rows(int from, int to) {
        return new TabularDataset(
                Arrays.copyOfRange(x, from, to),
                Arrays.copyOfRange(labels, from, to),
                classNames,
                featureNames,
                description() + " rows " + from + "-" + to);
    }

    /**
     * This dataset with every row standardised by {@code s}.
     *
     * @param s the standardiser
     * @return a new dataset
     */
    public TabularDataset standardized(Standardizer s) {
        float[][] z = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = s.apply(x[i]);
        }
        return new TabularDataset(z, labels, classNames, featureNames, description());
    }

    /**
     * The raw feature rows.
     *
     * @return the rows, live
     */
    public float[][] rows() {
        return x;
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public int features() {
        return examples.features();
    }

    @Override
    public int classes() {
        return examples.classes();
    }

    @Override
    public int label(int i) {
        return examples.label(i);
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        examples.copyFeatures(i, dst, off);
    }

    @Override
    public String description() {
        return examples.description();
    }

    /** Which columns hold the features (in order) and the label, and the features' names. */
    private record Columns(int[] features, int label, List<String> names) {
        /**
         * Columns found by their header names: a repeated name among those used is refused (a header
         * {@code a,a,b,label} trained, and {@code predict} then mapped both to the first), as is a feature
         * of the model that the file lacks.
         */
        static Columns byName(String[] header, String file, String labelColumn, List<String> features) {
            Map<String, Integer> at = new java.util.LinkedHashMap<>();
            Map<String, Integer> repeated = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String name = header[c].trim().replace("\"", "");
                Integer before = at.putIfAbsent(name, c);
                if (before != null) {
                    repeated.putIfAbsent(name, before);
                }
            }
            Integer label = at.get(labelColumn);
            if (label == null) {
                throw new InvalidInputException(file + ": expected a label column named '" + labelColumn
                        + "' (label), found columns "
                        + String.join(
                                ", ", Arrays.stream(header).map(String::trim).toList()));
            }
            List<String> names = features != null
                    ? features
                    : at.keySet().stream().filter(n -> !n.equals(labelColumn)).toList();
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
                if (c == null || c.equals(label)) {
                    throw new InvalidInputException(file + ": expected a column named '" + names.get(k)
                            + "' (a feature the model was trained on: " + String.join(", ", names) + "), found none");
                }
                cols[k] = c;
            }
            return new Columns(cols, label, List.copyOf(names));
        }

        /** Without a header: the features in order, then the label last; the names are the model's or x0, x1, …. */
        static Columns byPosition(int columns, String file, List<String> features) {
            if (features != null && features.size() != columns - 1) {
                throw new InvalidInputException(file + ": expected " + features.size() + " feature columns and a label"
                        + " (the file has no header, so columns are taken by position), found " + columns
                        + " columns");
            }
            int[] cols = new int[columns - 1];
            List<String> names = new ArrayList<>();
            for (int c = 0; c < cols.length; c++) {
                cols[c] = c;
                names.add(features != null ? features.get(c) : "x" + c);
            }
            return new Columns(cols, columns - 1, List.copyOf(names));
        }

        private static List<String> concat(List<String> names, String label) {
            List<String> all = new ArrayList<>(names);
            all.add(label);
            return all;
        }

        private static int lastIndexOf(String[] header, String name) {
            for (int c = header.length - 1; c >= 0; c--) {
                if (header[c].trim().replace("\"", "").equals(name)) {
                    return c;
                }
            }
            return -1;
        }
    }
}
