package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/**
 * Turns a grey image of any size into an MNIST-style input, the way MNIST's own digits were made: light
 * ink on a dark background (inverted when the background is light), cropped to the ink, scaled to fit a
 * 20 × 20 box keeping its aspect ratio, and placed in a 28 × 28 field so that its centre of mass is the
 * field's centre. Values are in [0, 1].
 */
final class DigitPreprocessor {
    /** The side of an MNIST image in pixels. */
    public static final int SIDE = 28;

    private static final int BOX = 20;
    /** Pixels darker than this share of the brightest one are not ink when cropping. */
    private static final double INK = 0.1;

    private DigitPreprocessor() {}

    /**
     * @param grey intensities in [0, 1], grey[y][x], 0 black and 1 white
     * @return 784 values, row-major, ink bright on black as in MNIST
     * @param name names the drawing in messages
     */
    public static float[] toMnist(double[][] grey, String name) {
        int h = grey.length;
        int w = h == 0 ? 0 : grey[0].length;
        if (h == 0 || w == 0) {
            throw new InvalidInputException(name + ": expected an image with pixels, found " + w + "x" + h);
        }
        double[][] ink = ink(grey);
        double max = 0;
        for (double[] row : ink) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        float[] out = new float[SIDE * SIDE];
        if (max <= 0) {
            return out; // a blank image stays blank
        }
        int[] box = inkBox(ink, max); // top, left, height, width
        double scale = (double) BOX / Math.max(box[2], box[3]);
        int nh = Math.max(1, (int) Math.round(box[2] * scale));
        int nw = Math.max(1, (int) Math.round(box[3] * scale));
        centre(resize(ink, box[0], box[1], box[2], box[3], nh, nw), out);
        return out;
    }

    /** The ink: the grey levels as they are (light on dark), or inverted on a light background (dark ink on paper). */
    private static double[][] ink(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        double[][] ink = new double[h][w];
        boolean invert = borderMean(grey) > 0.5;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ink[y][x] = invert ? 1 - grey[y][x] : grey[y][x];
            }
        }
        return ink;
    }

    /** The smallest box holding every pixel that is ink: {top, left, height, width}. */
    private static int[] inkBox(double[][] ink, double max) {
        int top = ink.length;
        int bottom = -1;
        int left = ink[0].length;
        int right = -1;
        for (int y = 0; y < ink.length; y++) {
            for (int x = 0; x < ink[y].length; x++) {
                if (ink[y][x] > INK * max) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[] {top, left, bottom - top + 1, right - left + 1};
    }

    /** Writes the scaled digit into the 28x28 {@code out} with its centre of mass at the centre, brightest at 1. */
    private static void centre(double[][] small, float[] out) {
        int nh = small.length;
        int nw = small[0].length;
        double mass = 0;
        double my = 0;
        double mx = 0;
        double norm = 0;
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                mass += small[y][x];
                my += y * small[y][x];
                mx += x * small[y][x];
                norm = Math.max(norm, small[y][x]);
            }
        }
        // the crop holds ink, so its scaled copy has mass: every output pixel averages a non-empty area
        double cy = my / mass;
        double cx = mx / mass;
        int oy = (int) Math.round((SIDE - 1) / 2.0 - cy);
        int ox = (int) Math.round((SIDE - 1) / 2.0 - cx);
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                int ty = y + oy;
                int tx = x + ox;
                if (ty >= 0 && ty < SIDE && tx >= 0 && tx < SIDE) {
                    out[ty * SIDE + tx] = (float) Math.min(1.0, small[y][x] / norm);
                }
            }
        }
    }

    private static double borderMean(double[][] g) {
        int h = g.length;
        int w = g[0].length;
        double s = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            s += g[0][x] + g[h - 1][x];
            n += 2;
        }
        for (int y = 0; y < h; y++) {
            s += g[y][0] + g[y][w - 1];
            n += 2;
        }
        return s / n;
    }

    /** Area-averaging resize of the crop (top, left, ch × cw) to nh × nw. */
    private static double[][] resize(double[][] src, int top, int left, int ch, int cw, int nh, int nw) {
        double[][] dst = new double[nh][nw];
        double sy = (double) ch / nh;
        double sx = (double) cw / nw;
        for (int y = 0; y < nh; y++) {
            double y0 = y * sy;
            double y1 = y0 + sy;
            for (int x = 0; x < nw; x++) {
                double x0 = x * sx;
                double x1 = x0 + sx;
                double sum = 0;
                double area = 0;
                for (int yy = (int) Math.floor(y0); yy < Math.ceil(y1) && yy < ch; yy++) {
                    double fy = Math.min(y1, yy + 1) - Math.max(y0, yy);
                    for (int xx = (int) Math.floor(x0); xx < Math.ceil(x1) && xx < cw; xx++) {
                        double f = fy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
                        sum += f * src[top + yy][left + xx];
                        area += f;
                    }
                }
                dst[y][x] = sum / area; // area > 0: each output pixel overlaps at least one source pixel
            }
        }
        return dst;
    }
}
