package org.mlp4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.DigitPreprocessor;

/**
 * Image files and bodies to the network's 28 × 28 input, for {@code predict} and {@code serve}, in bounded
 * memory whatever the image declares.
 *
 * <p>The dimensions are read from the header before any pixel is decoded: an image larger than
 * {@value #MAX_SIDE} pixels on a side or {@value #MAX_PIXELS} pixels in all is refused (a 30000 × 30000 PNG
 * compresses to under 1 MB and would decode to 3.6 GB). What is allowed is decoded with subsampling, so at
 * most {@value #DECODED_SIDE} pixels on the long side are ever held: a digit needs 28, and MNIST's own
 * framing (a 20-pixel box) loses nothing at that size.
 */
final class Images {
    /** Largest side accepted: a 64-megapixel camera image is 9248 × 6936. */
    static final int MAX_SIDE = 10_000;
    /** Largest number of pixels accepted (as declared by the header). */
    static final long MAX_PIXELS = 64_000_000L;
    /** Longest side kept while decoding. */
    static final int DECODED_SIDE = 512;

    static {
        // Decode from memory: with the cache on, ImageIO copies every stream to a temporary file first.
        ImageIO.setUseCache(false);
    }

    private Images() {}

    /** A file's image as a network input; every problem is an {@link InvalidInputException} naming the file. */
    static float[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": could not read: " + e.getMessage());
        }
    }

    /** Bytes of an image (a request body) as a network input; {@code name} is used in messages. */
    static float[] read(byte[] bytes, String name) {
        try {
            return read(new ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": could not read: " + e.getMessage());
        }
    }

    private static float[] read(InputStream in, String name) throws IOException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException(
                        name + ": expected a PNG or JPEG image, found data no image reader accepts");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w;
                int h;
                BufferedImage img;
                try {
                    w = reader.getWidth(0);
                    h = reader.getHeight(0);
                    checkSize(w, h, name);
                    int step = (Math.max(w, h) + DECODED_SIDE - 1) / DECODED_SIDE;
                    ImageReadParam param = reader.getDefaultReadParam();
                    if (step > 1) {
                        param.setSourceSubsampling(step, step, 0, 0);
                    }
                    img = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof InvalidInputException) {
                        throw e;
                    }
                    throw new InvalidInputException(
                            name + ": could not decode the " + reader.getFormatName() + " image: " + reason(e));
                }
                return toMnist(img, name);
            } finally {
                reader.dispose();
            }
        }
    }

    static void checkSize(long w, long h, String name) {
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS) {
            throw new InvalidInputException(name + ": expected an image of at most " + MAX_SIDE
                    + " pixels on a side and " + MAX_PIXELS / 1_000_000 + " megapixels, found " + w + "x" + h);
        }
    }

    /** The deepest cause with a message: ImageIO wraps the real one ("Caught exception during read: "). */
    private static String reason(Throwable e) {
        String best = null;
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            deepest = t;
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("Caught exception during read")) {
                best = m.strip();
            }
        }
        return best != null ? best : deepest.getClass().getSimpleName();
    }

    /** Grey levels in [0, 1] (luma), transparent pixels counting as white paper, then MNIST-style framing. */
    static float[] toMnist(BufferedImage img, String name) {
        double[][] grey = new double[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                double a = ((argb >>> 24) & 0xff) / 255.0;
                double luma =
                        (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff)) / 255.0;
                grey[y][x] = a * luma + (1 - a);
            }
        }
        return DigitPreprocessor.toMnist(grey, name);
    }
}
