package org.mlp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.Prediction;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.Mnist;
import org.mlp4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j predict MODEL INPUT…}: classify images, folders of images, IDX files or CSV files. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Classify inputs with a saved model and print the class and the model's outputs.",
            "Inputs: PNG images of any size (turned into MNIST-style 28x28 digits: grey, inverted when the"
                    + " background is light, cropped to the ink, scaled into 20x20, centred by centre of mass),"
                    + " folders of images, IDX image files (MNIST format, raw or .gz), or CSV files with one example"
                    + " per row (raw pixel values 0-255; a header row and a leading label column are skipped)."
        })
final class PredictCommand implements Callable<Integer> {
    private static final List<String> IMAGE_TYPES = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file written by 'mlp4j train --save'.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", description = "Images, folders, IDX or CSV files.")
    List<Path> inputs;

    @Option(names = "--format", description = "text, json or csv (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    String format;

    /** One input: where it came from and the network's input vector. */
    record Item(String name, float[] x) {}

    @Override
    public Integer call() {
        if (!List.of("text", "json", "csv").contains(format)) {
            throw new InvalidInputException("--format: expected text, json or csv, found '" + format + "'");
        }
        Model m = Model.load(model);
        Printer printer = new Printer(spec.commandLine().getOut(), m);
        Chunk chunk = new Chunk(m, printer);
        for (Path p : inputs) {
            if ("standardize".equals(m.metadata().get("input_scaling")) || EvaluateCommand.isTable(m.metadata())) {
                tabular(p, m, chunk);
            } else {
                collect(p, m.inputSize(), chunk);
            }
        }
        chunk.flush();
        printer.end();
        if (skipped > 0) {
            throw new InvalidInputException(skipped + (skipped == 1 ? " image" : " images")
                    + " could not be classified (named above); the others were");
        }
        return 0;
    }

    /**
     * Inputs gathered {@value #CHUNK} at a time, predicted and printed, then dropped: a file of a million
     * images is classified in the memory of a thousand.
     */
    private static final int CHUNK = 1024;

    private static final class Chunk {
        private final Model model;
        private final Printer printer;
        private final List<Item> items = new ArrayList<>();

        Chunk(Model model, Printer printer) {
            this.model = model;
            this.printer = printer;
        }

        void add(Item item) {
            items.add(item);
            if (items.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (items.isEmpty()) {
                return;
            }
            float[][] xs = new float[items.size()][];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = items.get(i).x();
            }
            float[][] outs = model.predictBatch(xs);
            for (int i = 0; i < xs.length; i++) {
                printer.item(items.get(i).name(), outs[i]);
            }
            items.clear();
            CheckedOutput.check(printer.out); // a full disk stops the run here, not 10,000 images later
        }
    }

    private void collect(Path p, int inputSize, Chunk items) {
        if (Files.isDirectory(p)) {
            folder(p, inputSize, items);
        } else if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(p + ": expected an image, a folder, an IDX or a CSV file, found "
                    + InvalidInputException.whatIsAt(p));
        } else if (isImage(p)) {
            items.add(new Item(p.toString(), image(p, inputSize)));
        } else if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            csv(p, inputSize, items);
        } else {
            // raw grey levels: the model divides by 255
            Mnist.forEachImage(p, inputSize, (x, i) -> items.add(new Item(p + "#" + i, x)));
        }
    }

    /**
     * A folder's images in name order. An entry that is not a regular file (a FIFO named b.png would block
     * the read forever) is skipped, and an image that cannot be read is reported while the rest are
     * classified; the command then ends with exit 2, naming how many failed.
     */
    private void folder(Path dir, int inputSize, Chunk items) {
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(PredictCommand::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": could not list: " + InvalidInputException.why(e), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : images) {
            if (!Files.isRegularFile(f)) {
                err.println("mlp4j: skipped " + TextOutput.safe(f.toString()) + ": " + InvalidInputException.whatIsAt(f)
                        + ", not an image file");
                skipped++;
                continue;
            }
            try {
                items.add(new Item(f.toString(), image(f, inputSize)));
            } catch (InvalidInputException e) {
                err.println("mlp4j: skipped " + TextOutput.safe(e.getMessage()));
                skipped++;
            }
        }
        err.flush();
    }

    /** Entries of folders that could not be classified (each named on standard error). */
    private int skipped;

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_TYPES.stream().anyMatch(n::endsWith);
    }

    private static float[] image(Path p, int inputSize) {
        if (inputSize != Mnist.SIDE * Mnist.SIDE) {
            throw new InvalidInputException(
                    p + ": images need a model with 784 inputs (28x28), this one has " + inputSize);
        }
        return Images.read(p);
    }

    /**
     * Rows of a CSV file for a model trained on tabular data: raw feature values (the model standardises
     * them). With a header, the model's feature columns are picked by name (a label column may be there
     * too); without one, a row holds the features, optionally followed by a label.
     */
    private static void tabular(Path p, Model m, Chunk items) {
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(p + ": expected a CSV file of examples for this tabular model, found "
                    + InvalidInputException.whatIsAt(p));
        }
        CsvFormat format = TrainingData.csvFormat(m.metadata(), p.toString());
        int n = m.inputSize();
        List<String> names =
                List.of(m.metadata().getOrDefault("feature_names", "").split(",", -1));
        int[][] columns = {null};
        format.forEachRecord(p, (cells, line) -> {
            if (columns[0] == null) {
                columns[0] = headerColumns(cells, line, p, m, format, names);
                if (columns[0] != null) {
                    return; // the header is no example
                }
                columns[0] = positionalColumns(cells, line, p, n, format, names);
            }
            items.add(new Item(p + ":" + line, tabularRow(cells, columns[0], line, p, names)));
        });
    }

    /**
     * A table model's example: its feature fields, picked by {@code columns}, as numbers. The rows follow the
     * layout the model was trained with: by the header's names when the first row holds every feature name
     * (any order, other columns ignored), else by position (the features, and the label where the model's
     * format puts it, or last, when there is one more field).
     */
    private static float[] tabularRow(String[] cells, int[] columns, long line, Path p, List<String> names) {
        float[] x = new float[columns.length];
        for (int k = 0; k < x.length; k++) {
            String cell = columns[k] < cells.length ? cells[columns[k]] : "";
            x[k] = CsvFormat.number(
                    cell, p + " line " + line + ", column '" + names.get(Math.min(k, names.size() - 1)) + "'");
        }
        return x;
    }

    /**
     * The features' columns when the first row is a header: found by the model's feature names, or, for a
     * model that keeps none (trained on Spark), by position around the label column; null when the first
     * row is no header.
     */
    private static int[] headerColumns(
            String[] cells, long line, Path p, Model m, CsvFormat format, List<String> names) {
        int n = m.inputSize();
        List<String> header = java.util.Arrays.stream(cells).map(String::trim).toList();
        boolean mayHaveHeader = format.header() != CsvFormat.Header.NO;
        if (mayHaveHeader && header.containsAll(names) && names.size() == n) {
            int[] columns = new int[n];
            for (int k = 0; k < n; k++) {
                columns[k] = header.indexOf(names.get(k));
                if (columns[k] != header.lastIndexOf(names.get(k))) {
                    throw new InvalidInputException(p + ": header: expected each column name once, found '"
                            + TextOutput.safe(names.get(k)) + "' more than once (columns " + (columns[k] + 1)
                            + " and " + (header.lastIndexOf(names.get(k)) + 1) + ")");
                }
            }
            return columns;
        }
        boolean hasHeader = mayHaveHeader && !cells[0].isBlank() && !CsvFormat.looksNumeric(cells[0]);
        if (!hasHeader || m.metadata().containsKey("feature_names")) {
            return null;
        }
        // the label column found by its name or its position, as the model's format says
        int label = format.labelPosition() != null
                ? format.labelIndex(cells.length, p.toString())
                : header.indexOf(format.label());
        if (cells.length != n + (label >= 0 ? 1 : 0)) {
            throw new InvalidInputException(p + " line " + line + ": expected " + n + " feature columns"
                    + (label >= 0 ? " and the label column '" + format.label() + "'" : "") + ", found "
                    + cells.length + " columns");
        }
        return around(n, label);
    }

    /**
     * The features' columns of a file without a header: the n fields, or n and one more, the label, where the
     * model's format puts it (a position out of range is refused: it took the label for a feature), else the
     * last.
     */
    private static int[] positionalColumns(
            String[] cells, long line, Path p, int n, CsvFormat format, List<String> names) {
        if (cells.length != n && cells.length != n + 1) {
            throw new InvalidInputException(p + " line " + line + ": expected a header with the columns "
                    + String.join(", ", names) + ", or " + n + " values (and perhaps a label), found "
                    + cells.length + " fields");
        }
        int at = cells.length == n ? -1 : format.labelIndex(cells.length, p.toString());
        return around(n, at >= 0 ? at : n);
    }

    /** The first n column indexes other than {@code label}. */
    private static int[] around(int n, int label) {
        int[] columns = new int[n];
        for (int c = 0, k = 0; k < n; c++) {
            if (c != label) {
                columns[k++] = c;
            }
        }
        return columns;
    }

    private static void csv(Path p, int inputSize, Chunk items) {
        boolean[] first = {true};
        CsvFormat.of("label").forEachRecord(p, (cells, line) -> {
            if (cells.length == 1 && cells[0].isBlank()) {
                return; // a line of spaces
            }
            boolean header = first[0] && !CsvFormat.looksNumeric(cells[0]);
            first[0] = false;
            if (header) {
                return; // a header row ("NaN" is a number, and refused below, not a header)
            }
            int skip = cells.length - inputSize;
            if (skip != 0 && skip != 1) {
                throw new InvalidInputException(p + " line " + line + ": expected " + inputSize
                        + " values (or a label and " + inputSize + " values), found " + cells.length);
            }
            float[] x = new float[inputSize];
            for (int k = 0; k < inputSize; k++) {
                x[k] = CsvFormat.number(cells[k + skip], p + " line " + line + ", column " + (k + skip + 1));
            }
            items.add(new Item(p + ":" + line, x));
        });
    }

    /**
     * Prints each answer as it comes: text rounded for people; JSON and CSV with every output at full
     * float precision (the shortest decimal that reads back to the same float) and the label beside the
     * class index.
     */
    private final class Printer {
        private final PrintWriter out;
        private final List<String> labels;
        /** A regression model's target names (its outputs are values in their units), else null. */
        private final List<String> targets;

        private int count;

        Printer(PrintWriter out, Model m) {
            this.out = out;
            this.labels = m.isRegression() ? null : m.classNames();
            this.targets = m.isRegression() ? m.targetNames() : null;
            if (format.equals("json")) {
                out.println("[");
            } else if (format.equals("csv")) {
                StringBuilder h = new StringBuilder(targets != null ? "input" : "input,class_index,label");
                for (int j = 0; j < m.outputSize(); j++) {
                    h.append(',').append(targets != null ? TextOutput.csvCell(targets.get(j)) : "output_" + j);
                }
                out.println(h);
            }
        }

        /** A regression's values, each named by its target. */
        private void values(String name, float[] o) {
            StringBuilder v = new StringBuilder();
            for (int j = 0; j < o.length; j++) {
                String t = targets.get(j);
                switch (format) {
                    case "json" ->
                        v.append(j == 0 ? "" : ", ")
                                .append(Json.quote(t))
                                .append(": ")
                                .append(o[j]);
                    case "csv" -> v.append(',').append(o[j]);
                    default ->
                        v.append(j == 0 ? "" : ", ")
                                .append(TextOutput.safe(t))
                                .append(' ')
                                .append(String.format(Locale.ROOT, "%.6g", o[j]));
                }
            }
            switch (format) {
                case "json" ->
                    out.print((count == 0 ? "" : ",\n") + "  {\"input\": " + Json.quote(name) + ", \"values\": {" + v
                            + "}}");
                case "csv" -> out.println(TextOutput.csvCell(name) + v);
                default -> out.println(TextOutput.safe(name) + ": " + v);
            }
            count++;
        }

        void item(String name, float[] o) {
            if (targets != null) {
                values(name, o);
                return;
            }
            Prediction p = Prediction.of(o, labels);
            int c = p.index();
            String label = p.label();
            StringBuilder values = new StringBuilder();
            for (int j = 0; j < o.length; j++) {
                values.append(j == 0 ? "" : format.equals("text") ? " " : ",");
                if (format.equals("text")) {
                    values.append(String.format(Locale.ROOT, "%.4f", o[j]));
                } else if (Float.isFinite(o[j])) {
                    values.append(o[j]);
                } else {
                    values.append(format.equals("json") ? "null" : ""); // JSON has no NaN
                }
            }
            switch (format) {
                case "json" ->
                    out.print((count == 0 ? "" : ",\n") + "  {\"input\": " + Json.quote(name) + ", \"class_index\": "
                            + c + ", \"label\": " + Json.quote(label) + ", \"outputs\": [" + values + "]}");
                case "csv" ->
                    out.println(TextOutput.csvCell(name) + "," + c + "," + TextOutput.csvCell(label) + "," + values);
                default ->
                    out.println(TextOutput.safe(name) + ": class " + c
                            + (label.equals(Integer.toString(c)) ? "" : " (" + TextOutput.safe(label) + ")")
                            + "   outputs " + values);
            }
            count++;
        }

        void end() {
            if (format.equals("json")) {
                out.println(count == 0 ? "]" : "\n]");
            }
            out.flush();
        }
    }
}
