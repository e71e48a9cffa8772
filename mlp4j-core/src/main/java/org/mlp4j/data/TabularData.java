package org.mlp4j.data;

import java.nio.file.Path;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * A CSV file made ready for training, as {@code mlp4j train --dataset csv} does it: the rows shuffled
 * once with the run's seed (files are often sorted by class), a test set (a second file, or the last 20%
 * of the shuffled rows), and a {@link Standardizer} fitted on the training rows only, leaving out those
 * held for validation, so that no statistic of a row used for evaluation leaks into training.
 *
 * @param train        the training rows, raw
 * @param test         the test rows, raw
 * @param standardizer fitted on the training rows before the validation hold-out; save it with the model
 */
public record TabularData(TabularDataset train, TabularDataset test, Standardizer standardizer) {
    /** The share of the shuffled rows kept for training when there is no test file. */
    public static final double TRAIN_SHARE = 0.8;

    /**
     * Reads and prepares a CSV file.
     *
     * @param trainFile   the CSV file of training rows (with a header or without)
     * @param testFile    a CSV file of test rows, or null to hold out the last 20% of the shuffled rows
     * @param labelColumn the label column's name, used when the file has a header
     * @param seed        the run's seed: the shuffle follows from it
     * @param heldOut     rows at the end of the training set that will be held out for validation (the
     *                    standardiser does not see them)
     * @return the prepared data
     * @throws InvalidInputException naming the file, line and column of a malformed value, or when the
     *                               files disagree
     */
    public static TabularData read(Path trainFile, Path testFile, String labelColumn, long seed, int heldOut) {
        return read(trainFile, testFile, labelColumn, seed, trainRows -> heldOut);
    }

    /**
     * {@link #read(Path, Path, String, long, int)} for a validation hold-out that depends on the size of
     * the training set (a fraction of it).
     *
     * @param trainFile   the CSV file of training rows (with a header or without)
     * @param testFile    a CSV file of test rows, or null to hold out the last 20% of the shuffled rows
     * @param labelColumn the label column's name, used when the file has a header
     * @param seed        the run's seed: the shuffle follows from it
     * @param heldOut     the number of training rows held out for validation, given the training set's size
     * @return the prepared data
     * @throws InvalidInputException naming the file, line and column of a malformed value, or when the
     *                               files disagree
     */
    public static TabularData read(
            Path trainFile, Path testFile, String labelColumn, long seed, java.util.function.IntUnaryOperator heldOut) {
        return read(trainFile, testFile, CsvFormat.of(labelColumn), seed, heldOut);
    }

    /**
     * {@link #read(Path, Path, String, long, java.util.function.IntUnaryOperator)} for files of another
     * layout (delimiter, header, label column by position); the test file has the training file's.
     *
     * @param trainFile the CSV file of training rows
     * @param testFile  a CSV file of test rows, or null to hold out the last 20% of the shuffled rows
     * @param format    both files' delimiter, header and label column
     * @param seed      the run's seed: the shuffle follows from it
     * @param heldOut   the number of training rows held out for validation, given the training set's size
     * @return the prepared data
     * @throws InvalidInputException naming the file, line and column of a malformed value, or when the
     *                               files disagree
     */
    public static TabularData read(
            Path trainFile, Path testFile, CsvFormat format, long seed, java.util.function.IntUnaryOperator heldOut) {
        TabularDataset all = TabularDataset.read(trainFile, format, null, null).shuffle(Rng.rowShuffleSeed(seed));
        TabularDataset train;
        TabularDataset test;
        if (testFile != null) {
            train = all;
            // the test file's columns by the training header's names, in any order (by position they
            // silently scored 0.50 when reordered)
            test = TabularDataset.read(testFile, format, all.classNames(), all.featureNames());
        } else {
            int cut = (int) Math.round(all.size() * TRAIN_SHARE);
            if (cut < 2 || cut >= all.size()) {
                throw new InvalidInputException(
                        trainFile + ": expected enough rows to hold out 20% as a test set, found " + all.size());
            }
            train = all.rows(0, cut);
            test = all.rows(cut, all.size());
        }
        if (test.features() != train.features()) {
            throw new InvalidInputException(testFile + ": expected " + train.features() + " feature columns like "
                    + trainFile + ", found " + test.features());
        }
        int held = Math.max(0, heldOut.applyAsInt(train.size()));
        Standardizer s =
                Standardizer.fit(train.rows(0, Math.max(1, train.size() - held)).rows());
        return new TabularData(train, test, s);
    }

    /**
     * The training rows standardised, ready for {@code fit}.
     *
     * @return a new dataset
     */
    public TabularDataset standardizedTrain() {
        return train.standardized(standardizer);
    }

    /**
     * The test rows standardised with the training rows' statistics.
     *
     * @return a new dataset
     */
    public TabularDataset standardizedTest() {
        return test.standardized(standardizer);
    }
}
