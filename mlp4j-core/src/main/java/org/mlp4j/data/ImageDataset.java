package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/**
 * Grey-scale images stored as unsigned bytes (one byte per pixel, as in the IDX files), with integer
 * labels. Pixels are scaled to [0, 1] (value / 255) when an example is copied out.
 */
public final class ImageDataset implements Dataset {
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = v / 255f;
        }
    }

    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final int classes;
    private final String description;

    /**
     * A dataset of grey-level images, checked: the pixel count matches, every label is in range.
     *
     * @param pixels  images one after another, {@code rows * cols} bytes each
     * @param labels  one label per image, each in [0, classes)
     * @param rows the images' height
     * @param cols the images' width
     * @param classes the number of classes
     * @param description names the data in messages
     */
    public ImageDataset(byte[] pixels, int[] labels, int rows, int cols, int classes, String description) {
        long perImage = (long) rows * cols;
        if (rows <= 0 || cols <= 0 || pixels.length != perImage * labels.length) {
            throw new InvalidInputException(description + ": expected " + labels.length + " images of " + rows + "x"
                    + cols + " = " + perImage * labels.length + " bytes, found " + pixels.length + " bytes");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException(description + ": expected labels in [0, " + (classes - 1) + "], found "
                        + labels[i] + " at example " + i);
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.description = description;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int features() {
        return rows * cols;
    }

    @Override
    public int classes() {
        return classes;
    }

    /**
     * The images' height in pixels.
     *
     * @return the height
     */
    public int rows() {
        return rows;
    }

    /**
     * The images' width in pixels.
     *
     * @return the width
     */
    public int cols() {
        return cols;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /**
     * The raw byte of pixel p of image i.
     *
     * @param i the image
     * @param p the pixel, row-major
     * @return its grey level, 0 to 255
     */
    public int pixel(int i, int p) {
        return pixels[i * features() + p] & 0xff;
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        int f = features();
        int src = i * f;
        for (int p = 0; p < f; p++) {
            dst[off + p] = SCALE[pixels[src + p] & 0xff];
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** Grey levels are stored and divided by 255 when read. */
    @Override
    public String inputScaling() {
        return "pixel/255";
    }
}
