package org.mlp4j.data;

import java.nio.file.Path;
import org.mlp4j.InvalidInputException;

/**
 * Loads MNIST-style IDX datasets (MNIST, Fashion-MNIST): 28×28 grey images, 10 classes. Finding and
 * fetching the files is the {@code mlp4j-datasets} module's {@code Datasets.load}.
 */
public final class Mnist {
    private Mnist() {}

    /**
     * The training and test sets.
     *
     * @param train the training set
     * @param test  the test set
     */
    public record Split(ImageDataset train, ImageDataset test) {}

    /**
     * Loads one set from an image file and a label file, checking that they agree.
     *
     * @param imagesFile the IDX images file
     * @param labelsFile the IDX labels file
     * @param classes the number of classes
     * @return the set
     */
    public static ImageDataset load(Path imagesFile, Path labelsFile, int classes) {
        IdxFile images = IdxFile.read(imagesFile);
        IdxFile labels = IdxFile.read(labelsFile);
        if (images.dims().length != 3) {
            throw new InvalidInputException(
                    imagesFile + ": expected an image file with 3 dimensions (count, rows, cols)," + " found "
                            + images.dims().length);
        }
        if (labels.dims().length != 1) {
            throw new InvalidInputException(
                    labelsFile + ": expected a label file with 1 dimension, found " + labels.dims().length);
        }
        if (images.count() != labels.count()) {
            throw new InvalidInputException(labelsFile + ": expected " + images.count() + " labels, one per image in "
                    + imagesFile + ", found " + labels.count());
        }
        int[] y = new int[labels.count()];
        byte[] raw = labels.data();
        for (int i = 0; i < y.length; i++) {
            y[i] = raw[i] & 0xff;
            if (y[i] >= classes) {
                throw new InvalidInputException(
                        labelsFile + ": expected labels 0 to " + (classes - 1) + ", found " + y[i] + " at item " + i);
            }
        }
        return new ImageDataset(images.data(), y, images.dims()[1], images.dims()[2], classes, imagesFile.toString());
    }
}
