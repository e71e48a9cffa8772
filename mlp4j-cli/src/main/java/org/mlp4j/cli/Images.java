package org.mlp4j.cli;

import java.awt.image.BufferedImage;
import org.mlp4j.data.DigitPreprocessor;

/** Decoded images to the network's 28 × 28 input, for {@code predict} and {@code serve}. */
final class Images {
    private Images() {
    }

    /** Grey levels in [0, 1] (luma), transparent pixels counting as white paper, then MNIST-style framing. */
    static float[] toMnist(BufferedImage img, String name) {
        double[][] grey = new double[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                double a = ((argb >>> 24) & 0xff) / 255.0;
                double luma = (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff)) / 255.0;
                grey[y][x] = a * luma + (1 - a);
            }
        }
        return DigitPreprocessor.toMnist(grey, name);
    }
}
