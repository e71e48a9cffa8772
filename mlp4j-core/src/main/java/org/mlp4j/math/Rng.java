package org.mlp4j.math;

/**
 * A small, fully specified pseudo-random generator (SplitMix64) whose whole state is one {@code long}
 * plus a cached Gaussian, so a run is reproducible bit for bit on any JVM and its state can be saved.
 *
 * <p>{@link java.util.Random} would do for reproducibility, but its state cannot be read back, which a
 * checkpoint needs. Gaussians use the Marsaglia polar method with {@link StrictMath}, so they too are
 * identical on every platform.
 */
public final class Rng {
    private final long seed;
    private long state;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    public Rng(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /** The seed this generator was created with; unchanged by drawing or {@link #restore}. */
    public long seed() {
        return seed;
    }

    /** The generator's whole state, for checkpoints. */
    public record State(long state, boolean hasSpareGaussian, double spareGaussian) {
    }

    /** A snapshot of the state; {@link #restore} returns the generator to it. */
    public State save() {
        return new State(state, hasSpareGaussian, spareGaussian);
    }

    public void restore(State s) {
        this.state = s.state();
        this.hasSpareGaussian = s.hasSpareGaussian();
        this.spareGaussian = s.spareGaussian();
    }

    /** Next 64 uniformly distributed bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform int in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        // Rejection sampling on 31-bit values: the accepted range is a multiple of bound.
        int limit = Integer.MAX_VALUE - (Integer.MAX_VALUE % bound);
        while (true) {
            int r = (int) (nextLong() >>> 33);
            if (r < limit) {
                return r % bound;
            }
        }
    }

    /** Standard normal N(0, 1) sample (Marsaglia polar method). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * m;
        hasSpareGaussian = true;
        return u * m;
    }

    /** Fisher-Yates shuffle of {@code a} in place: the article's {@code np.random.permutation}. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }
}
