package org.mlp4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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
 * testing by a seeded hash of its file's name and byte offset (20% of the rows, the same ones for any number
 * of partitions and wherever the file is moved) rather than as the last fifth of a shuffle.
 */
final class ExecutorCsv {
    private ExecutorCsv() {}

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
        CsvLayout layout = CsvLayout.of(hadoop, location, format, "--data");
        JavaRDD<CsvPart> parts = parts(sc, layout, testLocation == null ? seed : null, minPartitions);
        Format spec = Format.of(format);
        String header = layout.header();
        CsvSummary s = summarize(parts, header, spec, null, null);
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
        Dataset<Row> all = frame(spark, parts, header, format, classes, features, standardizer);
        Dataset<Row> test;
        if (testLocation == null) {
            test = all.filter("held").select("features", "label");
        } else {
            CsvLayout testLayout = CsvLayout.of(hadoop, testLocation, format, "--test-data");
            JavaRDD<CsvPart> testParts = parts(sc, testLayout, null, minPartitions);
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
    private static CsvSummary summarize(
            JavaRDD<CsvPart> parts, String header, Format spec, List<String> classes, List<String> features) {
        CsvSummary s = DistributedTrainer.unwrap(
                () -> parts.map(p -> CsvSummary.of(p, header, spec.format(), classes, features))
                        .treeReduce(CsvSummary::merge, 2));
        if (s.problem != null) {
            throw new InvalidInputException(s.problem);
        }
        return s;
    }

    /** Every row as {@code features}, {@code label} and {@code held} (a test row), standardised. */
    private static Dataset<Row> frame(
            SparkSession spark,
            JavaRDD<CsvPart> parts,
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
            TabularDataset d = TabularDataset.parsePart(header, p.lines(), p.where(), spec.format(), classes, features);
            Standardizer scaling = new Standardizer(mean, std);
            List<Row> out = new ArrayList<>(d.size());
            float[][] x = d.rows();
            for (int i = 0; i < d.size(); i++) {
                float[] z = scaling.apply(x[i]);
                double[] v = new double[z.length];
                for (int k = 0; k < z.length; k++) {
                    v[k] = z[k];
                }
                out.add(RowFactory.create(Vectors.dense(v), (double) d.label(i), p.held()[i]));
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
    private static JavaRDD<CsvPart> parts(JavaSparkContext sc, CsvLayout layout, Long holdOutSeed, int minPartitions) {
        @SuppressWarnings("unchecked")
        JavaHadoopRDD<LongWritable, Text> raw = (JavaHadoopRDD<LongWritable, Text>)
                sc.hadoopFile(layout.location(), TextInputFormat.class, LongWritable.class, Text.class, minPartitions);
        Map<String, Long> headerAt = layout.headerAt();
        return raw.mapPartitionsWithInputSplit(
                (split, it) -> List.of(CsvPart.of(((FileSplit) split).getPath(), it, headerAt, holdOutSeed))
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
}
