package org.mlp4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularData;
import org.mlp4j.data.TabularDataset;

/**
 * A CSV file, or a folder of them, read by Spark's executors where it lies (hdfs://, s3a://, file://…) and
 * never whole at the driver. Each task parses its split's lines as {@code mlp4j train} parses a file (the
 * same header rule, columns by name, numbers and labels); the driver agrees on what must be the same
 * everywhere from small summaries: the header (each file's first line, read by the driver), the feature
 * columns, the classes (every part's distinct labels, ordered as one machine orders them) and the
 * standardiser (each part's count, means and squared deviations, merged exactly as one pass would).
 *
 * <p>Two things differ from one machine, both because no machine sees every row: a record must fit on one
 * line (a quoted line break is refused, naming the line), and without a test file a row is held out for
 * testing by a seeded hash of its file and byte offset (20% of the rows, the same ones for any number of
 * partitions) rather than as the last fifth of a shuffle.
 */
final class ExecutorCsv {
    private ExecutorCsv() {}

    /** Distinct labels a part may have before the column is taken for something other than classes. */
    static final int MAX_CLASSES = 10_000;

    /**
     * The prepared data.
     *
     * @param train        standardised training rows: {@code features} (a vector), {@code label} (a class
     *                     index, with the class names in its metadata)
     * @param test         the test rows, standardised alike
     * @param classes      the class names, in index order
     * @param features     the feature columns' names
     * @param standardizer fitted on the training rows
     * @param trainRows    how many training rows
     */
    record Table(
            Dataset<Row> train,
            Dataset<Row> test,
            List<String> classes,
            List<String> features,
            Standardizer standardizer,
            long trainRows) {}

    /**
     * Reads a training file and its test file (or holds out a share of its rows).
     *
     * @param spark         the session
     * @param location      the training CSV file or folder, a path or URI
     * @param testLocation  the test CSV file or folder, or null to hold out rows
     * @param format        the files' delimiter, header and label column
     * @param seed          which rows are held out
     * @param minPartitions at least this many parts
     * @return the data
     * @throws InvalidInputException naming the file, part, line and column of a malformed value
     */
    static Table read(
            SparkSession spark, String location, String testLocation, CsvFormat format, long seed, int minPartitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Layout layout = Layout.of(hadoop, location, format, "--data");
        JavaRDD<Part> parts = parts(sc, layout, testLocation == null ? seed : null, minPartitions);
        Format spec = Format.of(format);
        String header = layout.header();
        Summary s = summarize(parts, header, spec, null, null);
        if (s.features == null) {
            throw new InvalidInputException(
                    "--data", location + ": expected rows of numbers and a label, found no rows");
        }
        List<String> classes = TabularDataset.classOrder(s.labels);
        if (classes.size() < 2) {
            throw new InvalidInputException(
                    location + ": expected at least 2 classes in the label column, found " + classes.size());
        }
        if (s.rows < 1 || (testLocation == null && s.heldOut < 1)) {
            throw new InvalidInputException(location + ": expected rows for training and for a test set (20% held"
                    + " out without --test-data), found " + s.rows + " and " + s.heldOut);
        }
        Standardizer standardizer = s.standardizer();
        List<String> features = s.features;
        Dataset<Row> all = frame(spark, parts, layout.header(), format, classes, features, standardizer);
        Dataset<Row> test;
        if (testLocation == null) {
            test = all.filter("held").select("features", "label");
        } else {
            Layout testLayout = Layout.of(hadoop, testLocation, format, "--test-data");
            JavaRDD<Part> testParts = parts(sc, testLayout, null, minPartitions);
            String testHeader = testLayout.header();
            // checked before training, as the training file is: a bad test row ends the run before it starts
            if (summarize(testParts, testHeader, spec, classes, features).features == null) {
                throw new InvalidInputException("--test-data", testLocation + ": expected test rows, found none");
            }
            test = frame(spark, testParts, testHeader, format, classes, features, standardizer);
        }
        return new Table(
                all.filter("NOT held").select("features", "label"),
                test.select("features", "label"),
                classes,
                features,
                standardizer,
                s.rows);
    }

    /**
     * Every part parsed and summarised; the first malformed part (by file and byte) said as the user's
     * mistake. A task returns its part's problem rather than throwing it: no executor trace, no retries.
     */
    private static Summary summarize(
            JavaRDD<Part> parts, String header, Format spec, List<String> classes, List<String> features) {
        Summary s =
                DistributedTrainer.unwrap(() -> parts.map(p -> Summary.of(p, header, spec.format(), classes, features))
                        .treeReduce(Summary::merge, 2));
        if (s.problem != null) {
            throw new InvalidInputException(s.problem);
        }
        return s;
    }

    /** Every row as {@code features}, {@code label} and {@code held} (a test row), standardised. */
    private static Dataset<Row> frame(
            SparkSession spark,
            JavaRDD<Part> parts,
            String header,
            CsvFormat format,
            List<String> classes,
            List<String> features,
            Standardizer standardizer) {
        Format spec = Format.of(format);
        float[] mean = standardizer.mean();
        float[] std = standardizer.std();
        Metadata labels = NominalAttribute.defaultAttr()
                .withName("label")
                .withValues(classes.toArray(String[]::new))
                .toMetadata();
        StructType schema = new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, labels),
            new StructField("held", DataTypes.BooleanType, false, Metadata.empty())
        });
        JavaRDD<Row> rows = parts.flatMap(p -> {
            if (p.rows() == 0) {
                return java.util.Collections.emptyIterator();
            }
            TabularDataset d = TabularDataset.parsePart(header, p.lines, p.where, spec.format(), classes, features);
            Standardizer scaling = new Standardizer(mean, std);
            List<Row> out = new ArrayList<>(d.size());
            float[][] x = d.rows();
            for (int i = 0; i < d.size(); i++) {
                float[] z = scaling.apply(x[i]);
                double[] v = new double[z.length];
                for (int k = 0; k < z.length; k++) {
                    v[k] = z[k];
                }
                out.add(RowFactory.create(Vectors.dense(v), (double) d.label(i), p.held[i]));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema);
    }

    /** A {@link CsvFormat} as a task carries it. */
    record Format(char delimiter, CsvFormat.Header header, String label) implements Serializable {
        static Format of(CsvFormat f) {
            return new Format(f.delimiter(), f.header(), f.label());
        }

        CsvFormat format() {
            return new CsvFormat(delimiter, header, label);
        }
    }

    /** The files' lines, a part a split; a row is held out when {@code holdOutSeed} is not null. */
    private static JavaRDD<Part> parts(JavaSparkContext sc, Layout layout, Long holdOutSeed, int minPartitions) {
        @SuppressWarnings("unchecked")
        JavaHadoopRDD<LongWritable, Text> raw = (JavaHadoopRDD<LongWritable, Text>)
                sc.hadoopFile(layout.location(), TextInputFormat.class, LongWritable.class, Text.class, minPartitions);
        Map<String, Long> headerAt = layout.headerAt();
        return raw.mapPartitionsWithInputSplit(
                (split, it) -> List.of(Part.of(((FileSplit) split).getPath(), it, headerAt, holdOutSeed))
                        .iterator(),
                true);
    }

    /**
     * Whether the row at {@code offset} in the file named {@code file} is held out for testing: a seeded hash,
     * so the same rows for any split of the file, and wherever the file or its folder is moved (the name, not
     * the path: a folder's part files differ by name).
     */
    static boolean heldOut(long seed, String file, long offset) {
        long h = seed * 0x9E3779B97F4A7C15L ^ file.hashCode() * 0xC2B2AE3D27D4EB4FL ^ offset;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53 >= TabularData.TRAIN_SHARE;
    }

    /** A file's path as both the driver and a split name it (no scheme, no host). */
    static String key(Path file) {
        return file.toUri().getPath();
    }

    /**
     * A set of CSV files as their first lines describe it.
     *
     * @param location the file or folder
     * @param header   the header line, or null when the files have none
     * @param headerAt each file's header's byte offset, by {@link #key}
     */
    record Layout(String location, String header, Map<String, Long> headerAt) implements Serializable {
        static Layout of(Configuration hadoop, String location, CsvFormat format, String field) {
            try {
                Path p = new Path(location);
                FileSystem fs = p.getFileSystem(hadoop);
                FileStatus st;
                try {
                    st = fs.getFileStatus(p);
                } catch (java.io.FileNotFoundException e) {
                    throw new InvalidInputException(field, field + " " + location + ": no such file or folder");
                }
                List<FileStatus> files = st.isDirectory()
                        ? Arrays.stream(fs.listStatus(p))
                                .filter(f -> f.isFile()
                                        && !f.getPath().getName().startsWith("_")
                                        && !f.getPath().getName().startsWith("."))
                                .sorted(java.util.Comparator.comparing(
                                        f -> f.getPath().getName()))
                                .toList()
                        : List.of(st);
                Map<String, Long> headerAt = new LinkedHashMap<>();
                String header = null;
                FirstLine first = null;
                org.apache.hadoop.io.compress.CompressionCodecFactory codecs =
                        new org.apache.hadoop.io.compress.CompressionCodecFactory(hadoop);
                for (FileStatus f : files) {
                    if (codecs.getCodec(f.getPath()) != null) {
                        // a compressed stream's line offsets are not the lines' own, so neither the header nor
                        // the held-out rows could be told apart
                        throw new InvalidInputException(
                                field,
                                f.getPath() + ": expected a CSV text file,"
                                        + " found a compressed one; decompress it for the executors to read it");
                    }
                    FirstLine line = FirstLine.of(fs, f.getPath());
                    if (line == null) {
                        continue; // an empty file adds no rows
                    }
                    if (first == null) {
                        first = line;
                        String[] fields = format.fields(line.text(), f.getPath() + ": line 1");
                        header = format.hasHeader(fields, f.getPath().toString()) ? line.text() : null;
                    }
                    if (header != null) {
                        if (!line.text().equals(header)) {
                            throw new InvalidInputException(
                                    field,
                                    f.getPath() + ": expected the header of "
                                            + files.get(0).getPath() + " ('" + header + "'), found '" + line.text()
                                            + "'");
                        }
                        headerAt.put(key(f.getPath()), line.offset());
                    }
                }
                if (first == null) {
                    throw new InvalidInputException(
                            field,
                            field + " " + location
                                    + ": expected a CSV file with rows of numbers and a label, found "
                                    + (files.isEmpty() ? "a folder with no data files" : "only empty files"));
                }
                return new Layout(location, header, headerAt);
            } catch (IOException e) {
                throw new UncheckedIOException(location + ": cannot read", e);
            }
        }
    }

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
                        if (line.size() > 1 << 20) {
                            throw new InvalidInputException(
                                    file + ": expected a line of at most a million bytes, found more");
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

    /**
     * One split's lines, the header left out, and which of its rows (lines that are not empty) are held out.
     */
    record Part(String file, long from, String where, List<String> lines, boolean[] held, String problem)
            implements Serializable {
        static Part of(
                Path file, Iterator<scala.Tuple2<LongWritable, Text>> it, Map<String, Long> headerAt, Long seed) {
            String key = key(file);
            Long header = headerAt.get(key);
            List<String> lines = new ArrayList<>();
            List<Boolean> held = new ArrayList<>();
            long from = -1;
            while (it.hasNext()) {
                scala.Tuple2<LongWritable, Text> t = it.next();
                long offset = t._1().get();
                if (header != null && offset <= header) {
                    continue; // the header, or empty lines before it
                }
                if (from < 0) {
                    from = offset;
                }
                Text text = t._2();
                String line;
                try {
                    line = Text.decode(text.getBytes(), 0, text.getLength(), false);
                } catch (CharacterCodingException e) {
                    return new Part(
                            key,
                            from,
                            file.toString(),
                            List.of(),
                            new boolean[0],
                            file + ": byte " + offset + ": expected a CSV text file (UTF-8), found other bytes");
                }
                if (offset == 0 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                lines.add(line);
                if (!line.isEmpty()) {
                    held.add(seed != null && heldOut(seed, file.getName(), offset));
                }
            }
            boolean[] h = new boolean[held.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = held.get(i);
            }
            long start = Math.max(0, from);
            return new Part(key, start, file + ", the part from byte " + start, lines, h, null);
        }

        int rows() {
            return held.length;
        }
    }

    /**
     * What the driver needs of the parts: the feature columns, the labels seen, and the training rows'
     * count, means and sums of squared deviations (merged as Chan, Golub and LeVeque do, so a split file
     * gives the statistics of one pass up to rounding).
     */
    static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;
        String where;
        /** The first malformed part's message, and where that part starts, to keep the first of several. */
        String problem;

        String problemFile;
        long problemFrom;
        List<String> features;
        TreeSet<String> labels = new TreeSet<>();
        long rows;
        long heldOut;
        double[] mean;
        double[] m2;

        static Summary of(Part p, String header, CsvFormat format, List<String> classes, List<String> features) {
            Summary s = new Summary();
            if (p.problem() != null) {
                return s.failed(p.problem(), p.file(), p.from());
            }
            if (p.rows() == 0) {
                return s;
            }
            TabularDataset d;
            try {
                d = TabularDataset.parsePart(header, p.lines(), p.where(), format, classes, features);
            } catch (InvalidInputException e) {
                return s.failed(e.getMessage(), p.file(), p.from());
            }
            s.where = p.where();
            s.features = d.featureNames();
            s.labels.addAll(d.classNames());
            if (s.labels.size() > MAX_CLASSES) {
                return s.failed(tooMany(p.where()), p.file(), p.from());
            }
            int f = d.features();
            s.mean = new double[f];
            s.m2 = new double[f];
            float[][] x = d.rows();
            for (int i = 0; i < x.length; i++) {
                if (p.held()[i]) {
                    s.heldOut++;
                    continue;
                }
                s.rows++;
                for (int k = 0; k < f; k++) {
                    s.mean[k] += x[i][k];
                }
            }
            for (int k = 0; k < f && s.rows > 0; k++) {
                s.mean[k] /= s.rows;
            }
            for (int i = 0; i < x.length; i++) {
                if (!p.held()[i]) {
                    for (int k = 0; k < f; k++) {
                        double dev = x[i][k] - s.mean[k];
                        s.m2[k] += dev * dev;
                    }
                }
            }
            return s;
        }

        private Summary failed(String message, String file, long from) {
            problem = message;
            problemFile = file;
            problemFrom = from;
            return this;
        }

        private static String tooMany(String where) {
            return where + ": expected classes in the label column, found more than " + MAX_CLASSES
                    + " distinct values (a measurement or an ID?)";
        }

        static Summary merge(Summary a, Summary b) {
            if (a.problem != null || b.problem != null) {
                if (b.problem == null) {
                    return a;
                }
                if (a.problem == null) {
                    return b;
                }
                int c = a.problemFile.compareTo(b.problemFile);
                return c < 0 || (c == 0 && a.problemFrom <= b.problemFrom) ? a : b;
            }
            if (a.features == null) {
                return b;
            }
            if (b.features == null) {
                return a;
            }
            Summary s = new Summary();
            if (!a.features.equals(b.features)) {
                return s.failed(
                        b.where + ": expected the feature columns of " + a.where + " (" + String.join(", ", a.features)
                                + "), found " + String.join(", ", b.features),
                        "",
                        0);
            }
            s.where = a.where;
            s.features = a.features;
            s.labels.addAll(a.labels);
            s.labels.addAll(b.labels);
            if (s.labels.size() > MAX_CLASSES) {
                return s.failed(tooMany(b.where), "", 0);
            }
            s.rows = a.rows + b.rows;
            s.heldOut = a.heldOut + b.heldOut;
            int f = a.mean.length;
            s.mean = new double[f];
            s.m2 = new double[f];
            for (int k = 0; k < f; k++) {
                if (s.rows == 0) {
                    continue;
                }
                double delta = b.mean[k] - a.mean[k];
                s.mean[k] = a.mean[k] + delta * b.rows / s.rows;
                s.m2[k] = a.m2[k] + b.m2[k] + delta * delta * ((double) a.rows * b.rows / s.rows);
            }
            return s;
        }

        /** Mean and population deviation a column, as {@link Standardizer#fit} gives them. */
        Standardizer standardizer() {
            float[] m = new float[mean.length];
            float[] sd = new float[mean.length];
            for (int k = 0; k < m.length; k++) {
                double var = m2[k] / rows;
                m[k] = (float) mean[k];
                sd[k] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
            }
            return new Standardizer(m, sd);
        }
    }
}
