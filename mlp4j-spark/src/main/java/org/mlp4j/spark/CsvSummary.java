package org.mlp4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.CsvFormat;
import org.mlp4j.data.Standardizer;
import org.mlp4j.data.TabularDataset;

/**
 * What the driver needs of the parts: the feature columns, the labels seen, and the training rows'
 * count, means and sums of squared deviations (merged as Chan, Golub and LeVeque do, so a split file
 * gives the statistics of one pass up to rounding).
 */
final class CsvSummary implements Serializable {
    /** Distinct labels a part may have before the column is taken for something other than classes. */
    static final int MAX_CLASSES = 10_000;

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

    static CsvSummary of(CsvPart p, String header, CsvFormat format, List<String> classes, List<String> features) {
        CsvSummary s = new CsvSummary();
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

    private CsvSummary failed(String message, String file, long from) {
        problem = message;
        problemFile = file;
        problemFrom = from;
        return this;
    }

    private static String tooMany(String where) {
        return where + ": expected classes in the label column, found more than " + MAX_CLASSES
                + " distinct values (a measurement or an ID?)";
    }

    static CsvSummary merge(CsvSummary a, CsvSummary b) {
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
        CsvSummary s = new CsvSummary();
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
