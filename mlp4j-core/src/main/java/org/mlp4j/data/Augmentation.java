package org.mlp4j.data;

import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * Random distortions of a square grey image, drawn afresh for every example in every epoch: a random
 * affine map (shift, rotation, scale) and an elastic distortion, then bilinear resampling.
 *
 * <p>The elastic part follows the idea of Simard et al. (2003), a smooth random displacement field, but
 * draws the field on a coarse grid of 4 × 4 cells (5 × 5 control points, each displaced by N(0, α²)
 * pixels) and interpolates it bilinearly instead of blurring a per-pixel random field with a Gaussian:
 * a similar smooth field at a fraction of the cost, so distortion keeps up with training.
 *
 * <p>Everything is a function of the seed passed to {@link #apply}: the training loop derives it from
 * (run seed, epoch, example), so a run is reproducible whichever thread converts which row.
 *
 * @param side        image width and height in pixels (28 for MNIST)
 * @param maxShift    largest shift in pixels, uniform in [−maxShift, maxShift] on each axis
 * @param maxRotation largest rotation in degrees, uniform in [−maxRotation, maxRotation]
 * @param maxScale    largest relative scale change, uniform in [1 − maxScale, 1 + maxScale]
 * @param elastic     α, the standard deviation in pixels of the elastic control-point displacements (0: off)
 */
public record Augmentation(int side, double maxShift, double maxRotation, double maxScale, double elastic) {
    private static final int GRID = 4;
    private static final ThreadLocal<float[][]> SCRATCH = new ThreadLocal<>();

    public Augmentation {
        if (side <= 1) {
            throw new InvalidInputException("augmentation: expected square images of at least 2 x 2 pixels, found side " + side);
        }
        check("shift", maxShift, side / 2.0);
        check("rotate", maxRotation, 180);
        check("scale", maxScale, 0.9);
        check("elastic", elastic, side / 2.0);
    }

    private static void check(String key, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new InvalidInputException("augment." + key + ": expected a number in [0, " + max + "], found " + v);
        }
    }

    /** Distorts the image x[off .. off + side²) in place, as drawn from {@code seed}. */
    public void apply(float[] x, int off, long seed) {
        int n = side * side;
        float[][] scratch = SCRATCH.get();
        if (scratch == null || scratch[0].length < n) {
            scratch = new float[][] {new float[n], new float[2 * (GRID + 1) * (GRID + 1)]};
            SCRATCH.set(scratch);
        }
        float[] src = scratch[0];
        float[] field = scratch[1];
        System.arraycopy(x, off, src, 0, n);
        Rng rng = new Rng(seed);
        double angle = Math.toRadians((2 * rng.nextDouble() - 1) * maxRotation);
        double scale = 1 + (2 * rng.nextDouble() - 1) * maxScale;
        double tx = (2 * rng.nextDouble() - 1) * maxShift;
        double ty = (2 * rng.nextDouble() - 1) * maxShift;
        int points = (GRID + 1) * (GRID + 1);
        for (int p = 0; p < 2 * points; p++) {
            field[p] = elastic > 0 ? (float) (rng.nextGaussian() * elastic) : 0f;
        }
        // Output pixel q maps back to source point R(−θ)(q − c − t)/s + c (+ the elastic displacement).
        double c = (side - 1) / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double cell = (side - 1) / (double) GRID;
        for (int v = 0; v < side; v++) {
            for (int u = 0; u < side; u++) {
                double du = u - c - tx;
                double dv = v - c - ty;
                double sx = cos * du + sin * dv + c;
                double sy = -sin * du + cos * dv + c;
                if (elastic > 0) {
                    double gx = u / cell;
                    double gy = v / cell;
                    int gi = Math.min((int) gx, GRID - 1);
                    int gj = Math.min((int) gy, GRID - 1);
                    double fx = gx - gi;
                    double fy = gy - gj;
                    int p00 = gj * (GRID + 1) + gi;
                    sx += bilinear(field, p00, GRID + 1, fx, fy);
                    sy += bilinear(field, points + p00, GRID + 1, fx, fy);
                }
                x[off + v * side + u] = sample(src, sx, sy);
            }
        }
    }

    private static double bilinear(float[] g, int p00, int stride, double fx, double fy) {
        double top = g[p00] * (1 - fx) + g[p00 + 1] * fx;
        double bottom = g[p00 + stride] * (1 - fx) + g[p00 + stride + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** Bilinear interpolation of the image at (sx, sy); 0 outside it. */
    private float sample(float[] img, double sx, double sy) {
        double fx0 = Math.floor(sx);
        double fy0 = Math.floor(sy);
        int x0 = (int) fx0;
        int y0 = (int) fy0;
        double fx = sx - fx0;
        double fy = sy - fy0;
        double v = pixel(img, x0, y0) * (1 - fx) * (1 - fy) + pixel(img, x0 + 1, y0) * fx * (1 - fy)
                + pixel(img, x0, y0 + 1) * (1 - fx) * fy + pixel(img, x0 + 1, y0 + 1) * fx * fy;
        return (float) v;
    }

    private float pixel(float[] img, int px, int py) {
        return px < 0 || py < 0 || px >= side || py >= side ? 0f : img[py * side + px];
    }

    /** A seed for example i in the epoch whose key is {@code epochKey}. */
    public static long seed(long epochKey, int example) {
        long x = epochKey * 0x9E3779B97F4A7C15L + example;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }
}
