package org.mlp4j.data;

import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * A regression CSV file (and optionally a test file) read for training: the rows shuffled, 80/20 split
 * as {@link TabularData} splits a classification file, and both the features and the targets
 * standardised with statistics of the training rows before the held-out validation split only.
 *
 * @param train   the training rows, raw
 * @param test    the test rows, raw
 * @param inputs  the features' standardisation
 * @param targets the targets' standardisation, which the model keeps to answer in the targets' units
 */
public record RegressionData(
        RegressionDataset train, RegressionDataset test, Standardizer inputs, Standardizer targets) {

    /**
     * Reads and splits a regression CSV file.
     *
     * @param trainFile the training file
     * @param testFile  a test file whose columns are found by the training file's names, or null to test
     *                  on the last 20% of the shuffled training file
     * @param format    the files' delimiter, header and target column
     * @param seed      shuffles the rows
     * @param heldOut   how many of the training rows the validation split will hold out, from their number
     * @return the data
     */
    public static RegressionData read(
            Path trainFile, Path testFile, CsvFormat format, long seed, IntUnaryOperator heldOut) {
        RegressionDataset all = RegressionDataset.read(trainFile, format, null).shuffle(Rng.rowShuffleSeed(seed));
        RegressionDataset train;
        RegressionDataset test;
        if (testFile != null) {
            train = all;
            test = RegressionDataset.read(testFile, format, all.featureNames());
        } else {
            int cut = (int) Math.round(all.size() * TabularData.TRAIN_SHARE);
            if (cut < 2 || cut >= all.size()) {
                throw new InvalidInputException(
                        trainFile + ": expected enough rows to hold out 20% as a test set, found " + all.size());
            }
            train = all.rows(0, cut);
            test = all.rows(cut, all.size());
        }
        RegressionDataset fitted =
                train.rows(0, Math.max(1, train.size() - Math.max(0, heldOut.applyAsInt(train.size()))));
        return new RegressionData(train, test, Standardizer.fit(fitted.rows()), Standardizer.fit(fitted.targetRows()));
    }

    /**
     * The training rows as the network learns them: features and targets standardised.
     *
     * @return the dataset
     */
    public RegressionDataset standardizedTrain() {
        return train.standardized(inputs).withTargetScaling(targets);
    }

    /**
     * The test rows, standardised as the training rows are.
     *
     * @return the dataset
     */
    public RegressionDataset standardizedTest() {
        return test.standardized(inputs).withTargetScaling(targets);
    }
}
