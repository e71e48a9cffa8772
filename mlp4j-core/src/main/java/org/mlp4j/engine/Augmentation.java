package org.mlp4j.engine;

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
 * <p>With shifts alone, the shift is rounded to whole pixels: the image is copied, not resampled, so it
 * stays as sparse as the original (the first layer skips zero inputs, and resampling smears edges).
 *
 * <p>Everything is a function of the seed passed to {@link #apply}: the training loop derives it from
 * (run seed, epoch, example), so a run is reproducible whichever thread converts which row.
 *
 * @param side        image width and height in pixels (28 for MNIST)
 * @param maxShift    largest shift in pixels, uniform in [−maxShift, maxShift] on each axis
 * @param maxRotation largest rotation in degrees, uniform in [−maxRotation, maxRotation]
 * @param maxScale    largest relative scale change, uniform in [1 − maxScale, 1 + maxScale]
 * @param elastic     α, the standard deviation in pixels of the elastic control-point displacements (0: off)
 * @param flip        mirror left-right with probability ½ (for images whose classes are symmetric, such as
 *                    clothes; not for digits)
 */
public record Augmentation(
        int side, double maxShift, double maxRotation, double maxScale, double elastic, boolean flip) {
    private static final int GRID = 4;
    private static final ThreadLocal<float[][]> SCRATCH = new ThreadLocal<>();

    /**
     * Checks each distortion's range.
     *
     * @param side the images' side in pixels
     * @param maxShift the largest shift in pixels
     * @param maxRotation the largest rotation in degrees
     * @param maxScale the largest relative scale change
     * @param elastic the elastic field's strength in pixels
     * @param flip mirror left-right at random
     */
    public Augmentation {
        if (side <= 1) {
            throw new InvalidInputException(
                    "augmentation",
                    "augmentation: expected square images of at least 2 x 2 pixels, found side " + side);
        }
        check("shift", maxShift, side / 2.0);
        check("rotate", maxRotation, 180);
        check("scale", maxScale, 0.9);
        check("elastic", elastic, side / 2.0);
    }

    /**
     * Shifts, rotations, scaling and elastic distortion, without mirroring.
     *
     * @param side the images' side in pixels
     * @param maxShift the largest shift in pixels
     * @param maxRotation the largest rotation in degrees
     * @param maxScale the largest relative scale change
     * @param elastic the elastic field's strength in pixels
     */
    public Augmentation(int side, double maxShift, double maxRotation, double maxScale, double elastic) {
        this(side, maxShift, maxRotation, maxScale, elastic, false);
    }

    /**
     * Random shifts of up to {@code maxShift} pixels (whole pixels when a whole number), nothing else.
     *
     * @param side the images' side in pixels
     * @param maxShift the largest shift in pixels
     * @return the augmentation
     */
    public static Augmentation shifts(int side, double maxShift) {
        return new Augmentation(side, maxShift, 0, 0, 0, false);
    }

    /**
     * The same distortions plus rotations of up to {@code degrees}.
     *
     * @param degrees the largest rotation
     * @return a new augmentation
     */
    public Augmentation withRotation(double degrees) {
        return new Augmentation(side, maxShift, degrees, maxScale, elastic, flip);
    }

    /**
     * The same distortions plus scaling by up to ±{@code fraction}.
     *
     * @param fraction the largest relative scale change
     * @return a new augmentation
     */
    public Augmentation withScale(double fraction) {
        return new Augmentation(side, maxShift, maxRotation, fraction, elastic, flip);
    }

    /**
     * The same distortions plus an elastic displacement field of strength {@code alpha} pixels.
     *
     * @param alpha the field's strength in pixels
     * @return a new augmentation
     */
    public Augmentation withElastic(double alpha) {
        return new Augmentation(side, maxShift, maxRotation, maxScale, alpha, flip);
    }

    /**
     * The same distortions plus left-right mirroring at random (for clothes, not digits).
     *
     * @return a new augmentation
     */
    public Augmentation withFlip() {
        return new Augmentation(side, maxShift, maxRotation, maxScale, elastic, true);
    }

    private static void check(String key, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new InvalidInputException(
                    "augment-" + key, "augment-" + key + ": expected a number in [0, " + max + "], found " + v);
        }
    }

    /**
     * Distorts the image x[off .. off + side²) in place, as drawn from {@code seed}.
     *
     * @param x the images
     * @param off where this image starts
     * @param seed draws this image's distortion
     */
    public void apply(float[] x, int off, long seed) {
        int n = side * side;
        float[][] scratch = SCRATCH.get();
        if (scratch == null || scratch[0].length < n) {
            scratch = new float[][] {new float[n], new float[2 * (GRID + 1) * (GRID + 1)]};
            SCRATCH.set(scratch);
        }
        float[] src = scratch[0];
        float[] field = scratch[1];
        Rng rng = new Rng(seed);
        if (flip && rng.nextDouble() < 0.5) {
            for (int v = 0; v < side; v++) {
                for (int u = 0; u < side; u++) {
                    src[v * side + u] = x[off + v * side + side - 1 - u];
                }
            }
        } else {
            System.arraycopy(x, off, src, 0, n);
        }
        if (maxRotation == 0 && maxScale == 0 && elastic == 0) {
            // shifts alone move by whole pixels: an exact copy, no blur, zeros stay zeros
            int tx = (int) Math.round((2 * rng.nextDouble() - 1) * maxShift);
            int ty = (int) Math.round((2 * rng.nextDouble() - 1) * maxShift);
            shift(src, x, off, tx, ty);
            return;
        }
        warp(src, field, x, off, rng);
    }

    /**
     * x = src rotated, scaled, shifted and displaced by an elastic field, each drawn from {@code rng} in
     * this order, sampled bilinearly.
     */
    private void warp(float[] src, float[] field, float[] x, int off, Rng rng) {
        double angle = Math.toRadians((2 * rng.nextDouble() - 1) * maxRotation);
        double scale = 1 + (2 * rng.nextDouble() - 1) * maxScale;
        double tx = (2 * rng.nextDouble() - 1) * maxShift;
        double ty = (2 * rng.nextDouble() - 1) * maxShift;
        int points = (GRID + 1) * (GRID + 1);
        for (int p = 0; p < 2 * points; p++) {
            field[p] = elastic > 0 ? (float) (rng.nextGaussian() * elastic) : 0f;
        }
        // Output pixel q maps back to source point R(−θ)(q − c − t)/s + c (+ the elastic displacement).
        float c = (side - 1) / 2f;
        float cos = (float) (StrictMath.cos(angle) / scale);
        float sin = (float) (StrictMath.sin(angle) / scale);
        float cell = (side - 1) / (float) GRID;
        int stride = GRID + 1;
        for (int v = 0; v < side; v++) {
            float gy = v / cell;
            int gj = Math.min((int) gy, GRID - 1);
            float fy = gy - gj;
            float dv = v - c - (float) ty;
            for (int u = 0; u < side; u++) {
                float du = u - c - (float) tx;
                float sx = cos * du + sin * dv + c;
                float sy = -sin * du + cos * dv + c;
                if (elastic > 0) {
                    float gx = u / cell;
                    int gi = Math.min((int) gx, GRID - 1);
                    float fx = gx - gi;
                    int p00 = gj * stride + gi;
                    sx += bilinear(field, p00, stride, fx, fy);
                    sy += bilinear(field, points + p00, stride, fx, fy);
                }
                x[off + v * side + u] = sample(src, sx, sy);
            }
        }
    }

    /** dst = src moved by (tx, ty) whole pixels, zeros coming in at the edges. */
    private void shift(float[] src, float[] dst, int off, int tx, int ty) {
        java.util.Arrays.fill(dst, off, off + side * side, 0f);
        for (int v = Math.max(0, ty); v < Math.min(side, side + ty); v++) {
            int u0 = Math.max(0, tx);
            int u1 = Math.min(side, side + tx);
            if (u1 > u0) {
                System.arraycopy(src, (v - ty) * side + u0 - tx, dst, off + v * side + u0, u1 - u0);
            }
        }
    }

    private static float bilinear(float[] g, int p00, int stride, float fx, float fy) {
        float top = g[p00] + (g[p00 + 1] - g[p00]) * fx;
        float bottom = g[p00 + stride] + (g[p00 + stride + 1] - g[p00 + stride]) * fx;
        return top + (bottom - top) * fy;
    }

    /** Bilinear interpolation of the image at (sx, sy); 0 outside it. */
    private float sample(float[] img, float sx, float sy) {
        if (sx <= -1 || sy <= -1 || sx >= side || sy >= side) {
            return 0f;
        }
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = sx - x0;
        float fy = sy - y0;
        float top = pixel(img, x0, y0) * (1 - fx) + pixel(img, x0 + 1, y0) * fx;
        float bottom = pixel(img, x0, y0 + 1) * (1 - fx) + pixel(img, x0 + 1, y0 + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private float pixel(float[] img, int px, int py) {
        return px < 0 || py < 0 || px >= side || py >= side ? 0f : img[py * side + px];
    }

    /**
     * A seed for example i in the epoch whose key is {@code epochKey}.
     *
     * @param epochKey the epoch's key
     * @param example the example's index in the dataset
     * @return the seed
     */
    public static long seed(long epochKey, int example) {
        return org.mlp4j.math.Rng.seedFor(epochKey, example);
    }
}
