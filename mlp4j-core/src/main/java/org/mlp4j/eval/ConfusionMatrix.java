package org.mlp4j.eval;

import java.util.List;
import java.util.Locale;
import org.mlp4j.data.Dataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/** Counts of (true class, predicted class) pairs, with accuracy and per-class precision, recall and F1. */
public final class ConfusionMatrix {
    private final long[][] counts;

    /**
     * An empty matrix.
     *
     * @param classes the number of classes
     */
    public ConfusionMatrix(int classes) {
        this.counts = new long[classes][classes];
    }

    /**
     * The network's confusion matrix on a dataset, evaluated in large batches.
     *
     * @param net the network
     * @param data a labelled dataset
     * @param threads the threads to use; the matrix does not depend on it
     * @return the matrix
     */
    public static ConfusionMatrix of(Network net, Dataset data, int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return of(net, data, Kernels.best(), pool);
        }
    }

    /** {@link #of(Network, Dataset, int)} on these kernels and threads. */
    static ConfusionMatrix of(Network net, Dataset data, Kernels kernels, WorkerPool pool) {
        int classes = data.classes();
        if (net.outputSize() != classes || net.inputSize() != data.features()) {
            // test labels beyond the model's outputs scored 0.36 with no word
            throw new org.mlp4j.InvalidInputException(data.description() + ": expected " + net.inputSize()
                    + " features and " + net.outputSize() + " classes for this model, found " + data.features()
                    + " features and " + classes + " classes");
        }
        if (data.regression()) {
            throw new org.mlp4j.InvalidInputException(
                    data.description() + ": expected classes for a confusion matrix, found regression targets");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        ForwardPasses.run(net, data, kernels, pool, (batch, out) -> {
            for (int i = 0; i < batch.size(); i++) {
                m.add(batch.labels[i], Evaluation.argmax(out, i * classes, classes));
            }
        });
        return m;
    }

    /**
     * Counts one example.
     *
     * @param actual its true class
     * @param predicted the class predicted
     */
    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    /**
     * The number of classes.
     *
     * @return the count
     */
    public int classes() {
        return counts.length;
    }

    /**
     * The examples of class {@code actual} predicted as {@code predicted}.
     *
     * @param actual a true class
     * @param predicted a predicted class
     * @return the count
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /**
     * The number of examples counted.
     *
     * @return the count
     */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /**
     * The share of examples predicted right (0 when there are none).
     *
     * @return the accuracy, from 0 to 1
     */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        return total() == 0 ? 0 : (double) right / total();
    }

    /**
     * Of the examples predicted as c, the share that are c (0 when none is predicted c).
     *
     * @param c a class
     * @return the precision, from 0 to 1
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /**
     * Of the examples of class c, the share predicted as c (0 when there are none).
     *
     * @param c a class
     * @return the recall, from 0 to 1
     */
    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /**
     * Harmonic mean of precision and recall (0 when both are 0).
     *
     * @param c a class
     * @return F1, from 0 to 1
     */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Accuracy, a per-class table and the matrix itself (rows: true class, columns: predicted), as text.
     *
     * @param names one name per class, or null for the indexes
     * @return the report, several lines
     */
    public String report(List<String> names) {
        StringBuilder sb = new StringBuilder();
        int width = 8;
        for (String n : names) {
            width = Math.max(width, n.length() + 1);
        }
        String nameColumn = "%-" + width + "s";
        sb.append(String.format(Locale.ROOT, "accuracy %.4f (%d examples)%n%n", accuracy(), total()));
        sb.append(String.format(
                Locale.ROOT, nameColumn + " %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < counts.length; c++) {
            long support = 0;
            for (long v : counts[c]) {
                support += v;
            }
            sb.append(String.format(
                    Locale.ROOT,
                    nameColumn + " %9.4f %9.4f %9.4f %9d%n",
                    names.get(c),
                    precision(c),
                    recall(c),
                    f1(c),
                    support));
        }
        sb.append(String.format(
                Locale.ROOT,
                "%nconfusion matrix (rows: true class, columns: predicted class number)%n" + nameColumn,
                ""));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, "%7d", c));
        }
        sb.append(System.lineSeparator());
        for (int a = 0; a < counts.length; a++) {
            sb.append(String.format(Locale.ROOT, nameColumn, names.get(a)));
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format(Locale.ROOT, "%7d", counts[a][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
