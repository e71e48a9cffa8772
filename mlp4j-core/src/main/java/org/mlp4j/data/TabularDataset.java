package org.mlp4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.CsvLines;
import org.mlp4j.internal.CsvRecords;

/**
 * Tabular classification data: numeric features and a class per row, from a CSV file (numeric feature
 * columns and one label column) or from arrays ({@link #of(float[][], int[], int)}).
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
    /** Whether the rows went through a {@link Standardizer} ({@link #standardized}): they are not raw then. */
    private final boolean standardized;

    private TabularDataset(
            float[][] x,
            int[] labels,
            List<String> classNames,
            List<String> featureNames,
            String description,
            boolean standardized) {
        this.examples = ArrayDataset.ofLabels(x, labels, classNames.size(), description);
        this.x = x;
        this.labels = labels;
        this.classNames = classNames;
        this.featureNames = featureNames;
        this.standardized = standardized;
    }

    /**
     * Rows given as arrays, with their classes as numbers: classes named "0" to "k−1", features "x0" to
     * "xn−1" (the names a CSV file without a header gets). The arrays are kept, not copied.
     *
     * @param x       one row of features per example, all of the same length
     * @param labels  each row's class, from 0 to {@code classes} − 1
     * @param classes the number of classes, at least 2
     * @return the dataset
     * @throws InvalidInputException naming the row or label that does not fit
     */
    public static TabularDataset of(float[][] x, int[] labels, int classes) {
        return ofArrays(ArrayDataset.of(x, labels, classes));
    }

    /**
     * Rows given as arrays, with one-hot targets (the article's X and y): each row's class is its target's
     * largest entry (the first of equal ones). Named as {@link #of(float[][], int[], int)} names them.
     *
     * @param x one row of features per example, all of the same length
     * @param y one target row per example, all of the same length (the number of classes)
     * @return the dataset
     * @throws InvalidInputException naming the row that does not fit
     */
    public static TabularDataset of(float[][] x, float[][] y) {
        return ofArrays(ArrayDataset.of(x, y));
    }

    private static TabularDataset ofArrays(ArrayDataset a) {
        List<String> classes = java.util.stream.IntStream.range(0, a.classes())
                .mapToObj(Integer::toString)
                .toList();
        List<String> features = java.util.stream.IntStream.range(0, a.features())
                .mapToObj(k -> "x" + k)
                .toList();
        return new TabularDataset(a.rows(), a.labels(), classes, features, a.description(), false);
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
        return read(file, CsvFormat.of(labelColumn), classes, null);
    }

    /**
     * Reads a CSV file whose columns are a model's features (see {@link #read(Path, CsvFormat, List, List)}).
     *
     * @param file        the CSV file
     * @param labelColumn the label column's name (used when the file has a header)
     * @param classes     the class names to use, or null to take them from this file
     * @param features    the feature names the model was trained on, or null
     * @return the dataset, its features in the order of {@code features}
     * @throws InvalidInputException naming a missing or repeated column, or a malformed value
     */
    public static TabularDataset read(Path file, String labelColumn, List<String> classes, List<String> features) {
        return read(file, CsvFormat.of(labelColumn), classes, features);
    }

    /**
     * Reads a CSV file as RFC 4180 writes it (quoted fields, embedded delimiters and line breaks, CRLF, a
     * byte-order mark), one record at a time: the memory held is the float data and one label reference a
     * row. With a header, each feature is taken from the column of its name, in any order, and other
     * columns are ignored; without one, by position (said in the description).
     *
     * @param file     the CSV file
     * @param format   its delimiter, header and label column
     * @param classes  the class names to use, or null to take them from this file
     * @param features the feature names the model was trained on, or null to take every column but the
     *                 label as a feature
     * @return the dataset, its features in the order of {@code features}
     * @throws InvalidInputException naming a missing or repeated column, a malformed value, or a file too
     *                               large for the heap
     */
    public static TabularDataset read(Path file, CsvFormat format, List<String> classes, List<String> features) {
        return CsvRecords.read(
                file, format.delimiter(), records -> parse(records, file.toString(), format, classes, features));
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
        try {
            return parse(
                    new CsvRecords(new java.io.StringReader(String.join("\n", lines)), ',', file),
                    file,
                    CsvFormat.of(labelColumn),
                    classes,
                    features);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Parses one part of a CSV file as a cluster reads it: a run of whole lines, each one record (a quoted
     * line break cannot be split between machines, so a quote left open at a line's end is refused), with
     * the file's header given apart. Unlike a whole file, a part may hold a single class, or none of some:
     * its labels are checked against {@code classes} when they are given, and otherwise kept as they are.
     *
     * @param header   the file's header line, or null when the file has none (columns by position)
     * @param lines    the part's lines in order, blank ones included (they count as lines and are skipped)
     * @param where    names the part in messages ("hdfs://…/x.csv, the part from byte 1048576"); the lines in
     *                 messages are counted from its first, 1
     * @param format   the file's delimiter and label column (its header setting is decided by {@code header})
     * @param classes  the class names, or null to take the part's own labels, ordered as {@link #classOrder}
     * @param features the feature columns' names, or null for every column but the label
     * @return the part's rows, raw, one for each line that is not blank, in order
     * @throws InvalidInputException naming the part, the line and the column of a malformed value
     */
    public static TabularDataset parsePart(
            String header,
            List<String> lines,
            String where,
            CsvFormat format,
            List<String> classes,
            List<String> features) {
        for (int i = 0; i < lines.size(); i++) {
            if (quoteLeftOpen(lines.get(i))) {
                throw new InvalidInputException(where + ": line " + (i + 1) + ": a quoted field runs past the end of"
                        + " its line; a CSV read by Spark's executors is split into lines, so a quoted field cannot"
                        + " hold a line break (give the file as a local path to read it on the driver)");
            }
        }
        String text = (header == null ? "" : header + "\n") + String.join("\n", lines);
        CsvRecords records = new CsvRecords(new java.io.StringReader(text), format.delimiter(), where)
                .firstLine(header == null ? 1 : 0);
        CsvFormat part = new CsvFormat(
                format.delimiter(), header == null ? CsvFormat.Header.NO : CsvFormat.Header.YES, format.label());
        try {
            return parse(records, where, part, classes, features, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Whether a quote is left open at the line's end: RFC 4180's quotes come in pairs on a whole record. */
    private static boolean quoteLeftOpen(String line) {
        boolean open = false;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                open = !open;
            }
        }
        return open;
    }

    /**
     * The order in which a table's classes get their indexes: by value when every label is a number
     * ({@code 2} before {@code 10}), else alphabetically.
     *
     * @param labels the distinct labels, each trimmed
     * @return them in class order
     */
    public static List<String> classOrder(java.util.Collection<String> labels) {
        return CsvTable.classOrder(labels.toArray(String[]::new));
    }

    private static TabularDataset parse(
            CsvRecords records, String file, CsvFormat format, List<String> classes, List<String> features)
            throws java.io.IOException {
        return parse(records, file, format, classes, features, true);
    }

    private static TabularDataset parse(
            CsvRecords records,
            String file,
            CsvFormat format,
            List<String> classes,
            List<String> features,
            boolean wholeFile)
            throws java.io.IOException {
        List<String> raw = new ArrayList<>();
        Map<String, String> distinct = new java.util.HashMap<>();
        java.util.Set<String> known = classes == null ? null : new java.util.HashSet<>(classes);
        if (format.labels().size() != 1) {
            throw new InvalidInputException(
                    "label",
                    file + ": label: expected one label column for classes, found "
                            + format.labels().size() + " (" + format.label()
                            + "); several columns are a regression's targets (task regression)");
        }
        CsvTable table = CsvTable.read(records, file, format, features, (column, field, line) -> {
            String label = field.trim();
            if (known != null && !known.contains(label)) {
                throw new InvalidInputException(file + ": line " + line + ": label '" + label
                        + "' is not one of the training classes " + classes);
            }
            raw.add(distinct.computeIfAbsent(label, same -> same)); // one string per class, not per row
        });
        String[] rawLabels = raw.toArray(String[]::new);
        List<String> classNames = classes != null ? classes : CsvTable.classOrder(rawLabels);
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        int[] labels = new int[rawLabels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(rawLabels[i]); // every label is a class: checked as it was read
        }
        if (wholeFile && classNames.size() < 2) {
            throw new InvalidInputException(
                    file + ": expected at least 2 classes in the label column, found " + classNames.size());
        }
        return new TabularDataset(
                table.x(), labels, List.copyOf(classNames), table.names(), table.description(), false);
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
     * The feature columns' names (from the header, or "x0", "x1", … without one).
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
        return new TabularDataset(rx, ry, classNames, featureNames, description(), standardized);
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
     * The rows shuffled with {@code seed}, then cut in two: {@code shuffle(seed).split(fraction)}.
     *
     * @param fraction the first part's share, in (0, 1)
     * @param seed     the shuffle's seed
     * @return the two parts, each with at least one row
     * @throws InvalidInputException when a part would be empty
     */
    public TabularDataset[] split(double fraction, long seed) {
        return shuffle(seed).split(fraction);
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
                description() + " rows " + from + "-" + to,
                standardized);
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
        return new TabularDataset(z, labels, classNames, featureNames, description(), true);
    }

    /**
     * "standardize" for rows that went through {@link #standardized}, "none" for the file's own values: a
     * network trained on standardised rows must be saved with their {@link Standardizer}.
     */
    @Override
    public String inputScaling() {
        return standardized ? "standardize" : "none";
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
}
