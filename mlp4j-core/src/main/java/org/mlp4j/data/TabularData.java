package org.mlp4j.data;

import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * A CSV file made ready for training, as {@code mlp4j train --dataset csv} does it, for classes
 * ({@link TabularDataset}) or numeric targets ({@link RegressionDataset}) alike: the rows shuffled once with the
 * run's seed (files are often sorted by class), a test set (a second file, whose columns are found by the
 * training file's names, or the last 20% of the shuffled rows), and {@link Standardizer}s fitted on the
 * training rows only, leaving out those held for validation, so that no statistic of a row used for
 * evaluation leaks into training.
 *
 * @param <D>          the kind of rows: {@link TabularDataset} or {@link RegressionDataset}
 * @param train        the training rows, raw
 * @param test         the test rows, raw
 * @param standardizer the features' standardisation, fitted on the training rows before the validation
 *                     hold-out; save it with the model
 * @param targets      a regression's targets' standardisation, fitted on the same rows, which the model keeps
 *                     to answer in the targets' units; null for classes
 */
public record TabularData<D extends Dataset>(D train, D test, Standardizer standardizer, Standardizer targets) {
    /** The share of the shuffled rows kept for training when there is no test file. */
    public static final double TRAIN_SHARE = 0.8;

    /**
     * Prepared data of one of the two kinds, each with its standardisers.
     *
     * @param train        the training rows, raw
     * @param test         the test rows, raw, of the training rows' kind
     * @param standardizer the features' standardisation
     * @param targets      a regression's targets' standardisation; null for classes
     * @throws IllegalArgumentException when the rows are of another kind, or the two sets of different kinds,
     *                                  or a regression lacks its targets' standardiser (or classes have one)
     */
    public TabularData {
        boolean regression = train instanceof RegressionDataset;
        if (!(regression || train instanceof TabularDataset)
                || test.getClass() != train.getClass()
                || standardizer == null
                || (targets != null) != regression) {
            throw new IllegalArgumentException("expected TabularDataset rows, or RegressionDataset rows with their"
                    + " targets' standardiser, for both sets, found "
                    + train.getClass().getSimpleName() + " and "
                    + test.getClass().getSimpleName() + (targets == null ? " without" : " with")
                    + " a targets' standardiser");
        }
    }

    /**
     * Reads and prepares a CSV file of classes.
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
    public static TabularData<TabularDataset> read(
            Path trainFile, Path testFile, String labelColumn, long seed, int heldOut) {
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
    public static TabularData<TabularDataset> read(
            Path trainFile, Path testFile, String labelColumn, long seed, IntUnaryOperator heldOut) {
        return read(trainFile, testFile, CsvFormat.of(labelColumn), seed, heldOut);
    }

    /**
     * {@link #read(Path, Path, String, long, IntUnaryOperator)} for files of another layout (delimiter,
     * header, label column by position); the test file has the training file's.
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
    public static TabularData<TabularDataset> read(
            Path trainFile, Path testFile, CsvFormat format, long seed, IntUnaryOperator heldOut) {
        TabularDataset all = TabularDataset.read(trainFile, format, null, null).shuffle(Rng.rowShuffleSeed(seed));
        // the test file's columns by the training header's names, in any order (by position they
        // silently scored 0.50 when reordered)
        TabularDataset given =
                testFile == null ? null : TabularDataset.read(testFile, format, all.classNames(), all.featureNames());
        Split<TabularDataset> split = split(all, given, trainFile, testFile, TabularDataset::rows);
        TabularDataset fitted = split.train().rows(0, fittedRows(split.train(), heldOut));
        return new TabularData<>(split.train(), split.test(), Standardizer.fit(fitted.rows()), null);
    }

    /**
     * Reads and prepares a regression CSV file: as {@link #read(Path, Path, CsvFormat, long, IntUnaryOperator)},
     * and the targets standardised too.
     *
     * @param trainFile the CSV file of training rows
     * @param testFile  a CSV file of test rows, or null to hold out the last 20% of the shuffled rows
     * @param format    both files' delimiter, header and target column
     * @param seed      the run's seed: the shuffle follows from it
     * @param heldOut   the number of training rows held out for validation, given the training set's size
     * @return the prepared data, with both standardisations
     * @throws InvalidInputException naming the file, line and column of a malformed value, or when the
     *                               files disagree
     */
    public static TabularData<RegressionDataset> readRegression(
            Path trainFile, Path testFile, CsvFormat format, long seed, IntUnaryOperator heldOut) {
        RegressionDataset all = RegressionDataset.read(trainFile, format, null).shuffle(Rng.rowShuffleSeed(seed));
        RegressionDataset given =
                testFile == null ? null : RegressionDataset.read(testFile, format, all.featureNames());
        Split<RegressionDataset> split = split(all, given, trainFile, testFile, RegressionDataset::rows);
        RegressionDataset fitted = split.train().rows(0, fittedRows(split.train(), heldOut));
        return new TabularData<>(
                split.train(), split.test(), Standardizer.fit(fitted.rows()), Standardizer.fit(fitted.targetRows()));
    }

    /** The rows for a range of another dataset's rows. */
    private interface Rows<D> {
        D rows(D of, int from, int to);
    }

    /** Training and test rows. */
    private record Split<D>(D train, D test) {}

    /** The training and test rows: the given test file's, or the last 20% of the shuffled training file. */
    private static <D extends Dataset> Split<D> split(D all, D given, Path trainFile, Path testFile, Rows<D> rows) {
        D train = all;
        D test = given;
        if (given == null) {
            int cut = (int) Math.round(all.size() * TRAIN_SHARE);
            if (cut < 2 || cut >= all.size()) {
                throw new InvalidInputException(
                        trainFile + ": expected enough rows to hold out 20% as a test set, found " + all.size());
            }
            train = rows.rows(all, 0, cut);
            test = rows.rows(all, cut, all.size());
        } else if (given.features() != all.features()) {
            throw new InvalidInputException(testFile + ": expected " + all.features() + " feature columns like "
                    + trainFile + ", found " + given.features());
        }
        return new Split<>(train, test);
    }

    /** The training rows the standardisers see: all but those the validation split will hold out. */
    private static int fittedRows(Dataset train, IntUnaryOperator heldOut) {
        return Math.max(1, train.size() - Math.max(0, heldOut.applyAsInt(train.size())));
    }

    /**
     * The training rows as the network learns them: the features standardised (and a regression's targets).
     *
     * @return a new dataset
     */
    public D standardizedTrain() {
        return standardized(train);
    }

    /**
     * The test rows, standardised with the training rows' statistics.
     *
     * @return a new dataset
     */
    public D standardizedTest() {
        return standardized(test);
    }

    @SuppressWarnings("unchecked") // D is one of the two kinds the factories make, and each keeps its kind
    private D standardized(D rows) {
        if (rows instanceof RegressionDataset r) {
            return (D) r.standardized(standardizer).withTargetScaling(targets);
        }
        return (D) ((TabularDataset) rows).standardized(standardizer);
    }
}
