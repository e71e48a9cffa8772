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
import org.mlp4j.data.Mnist;

/**
 * Image files and bodies to the network's 28 × 28 input, for {@code predict} and {@code serve}, in bounded
 * memory whatever the image declares.
 *
 * <p>Only PNG is decoded, recognised by its first eight bytes whatever the file's name or the request's
 * Content-Type says: other formats' readers in the JDK decode the whole image whatever subsampling asks
 * (a 995 KB TIFF grew the server by 2 GB, a 376 KB progressive JPEG by 300 MB).
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

    /**
     * A file's image as a raw example, grey levels 0 to 255 as MNIST's files hold them (the model divides by
     * 255, as for every entry point); every problem is an {@link InvalidInputException} naming the file.
     */
    static float[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": could not read: " + e.getMessage());
        }
    }

    /** Bytes of an image (a request body) as a raw example, as {@link #read(Path)}; {@code name} names it. */
    static float[] read(byte[] bytes, String name) {
        try {
            return read(new ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": could not read: " + e.getMessage());
        }
    }

    private static float[] read(InputStream in, String name) throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        buffered.mark(PNG_SIGNATURE.length);
        byte[] head = buffered.readNBytes(PNG_SIGNATURE.length);
        if (!java.util.Arrays.equals(head, PNG_SIGNATURE)) {
            throw new InvalidInputException(name + ": expected a PNG image, found " + sniff(head)
                    + " (only PNG is decoded, in bounded memory; convert the image to PNG)");
        }
        buffered.reset();
        try (ImageInputStream iis = ImageIO.createImageInputStream(buffered)) {
            // the PNG reader by name: ImageIO's own sniffing would hand TIFF or JPEG bytes to their readers,
            // which decode whole images (a 995 KB TIFF took 2 GB)
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            if (iis == null || !readers.hasNext()) {
                throw new IllegalStateException("the JDK's PNG reader is missing");
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
                    throw new InvalidInputException(name + ": could not decode the PNG image: " + reason(e));
                }
                return greyLevels(toMnist(img, name));
            } finally {
                reader.dispose();
            }
        }
    }

    /** The eight bytes every PNG file starts with. */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** What the first bytes of a file that is not a PNG say it is, for the message. */
    static String sniff(byte[] head) {
        if (head.length == 0) {
            return "an empty file";
        }
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "a JPEG image";
        }
        if (ascii.startsWith("II*\0") || ascii.startsWith("MM\0*")) {
            return "a TIFF image";
        }
        if (ascii.startsWith("GIF8")) {
            return "a GIF image";
        }
        if (ascii.startsWith("BM")) {
            return "a BMP image";
        }
        if (ascii.startsWith("RIFF")) {
            return "a RIFF file (WebP?)";
        }
        return "data that is not an image format mlp4j reads";
    }

    /**
     * A preprocessed image (the network's input, 0 to 1) as the raw grey levels a model takes (0 to 255):
     * the model divides by 255 again, as for MNIST's own bytes.
     */
    private static float[] greyLevels(float[] networkInput) {
        float[] raw = new float[networkInput.length];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = networkInput[k] * 255f;
        }
        return raw;
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
        return Mnist.digitFromPicture(grey, name);
    }
}
