package org.mlp4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ObjIntConsumer;
import org.mlp4j.InvalidInputException;

/**
 * MNIST-style images (MNIST, Fashion-MNIST: 28×28 grey images, 10 classes): a labelled set loaded from its IDX
 * files, the images of an IDX file streamed one at a time, and a picture of a digit made an MNIST input. Finding
 * and fetching the files is the {@code mlp4j-datasets} module's {@code Datasets.load}.
 */
public final class Mnist {
    /** The side of an MNIST image in pixels. */
    public static final int SIDE = DigitPreprocessor.SIDE;

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

    /**
     * Streams the images of an IDX file (raw or gzip-compressed) one at a time, without holding them all.
     *
     * @param file   the IDX images file
     * @param pixels the pixels an image must have (a model's inputs)
     * @param action called with each image's raw grey levels (0 to 255) and its index in the file
     * @throws InvalidInputException when the file is not IDX, or its images do not have {@code pixels} pixels
     */
    public static void forEachImage(Path file, int pixels, ObjIntConsumer<float[]> action) {
        try (IdxFile.Items idx = IdxFile.open(file)) {
            if (idx.dims().length < 2 || idx.itemSize() != pixels) {
                throw new InvalidInputException(file + ": expected IDX images of " + pixels
                        + " pixels, found dimensions " + Arrays.toString(idx.dims()));
            }
            byte[] item = new byte[pixels];
            for (int i = 0; idx.next(item); i++) {
                float[] x = new float[pixels];
                for (int k = 0; k < pixels; k++) {
                    x[k] = item[k] & 0xff;
                }
                action.accept(x, i);
            }
        }
    }

    /**
     * A picture of a handwritten digit as an MNIST input, made the way MNIST's own digits were: light ink on a
     * dark background (inverted when the background is light), cropped to the ink, scaled to fit a 20 × 20 box
     * keeping its aspect ratio, and placed in the 28 × 28 field so that its centre of mass is the field's centre.
     *
     * @param grey intensities in [0, 1], grey[y][x], 0 black and 1 white
     * @param name names the picture in messages
     * @return {@code SIDE * SIDE} values in [0, 1], row-major, ink bright on black as in MNIST (all zeros for a
     *     picture without ink)
     * @throws InvalidInputException when the picture has no pixels
     */
    public static float[] digitFromPicture(double[][] grey, String name) {
        return DigitPreprocessor.toMnist(grey, name);
    }
}
