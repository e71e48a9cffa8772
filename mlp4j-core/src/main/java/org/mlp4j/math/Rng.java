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

    /**
     * A generator whose whole sequence follows from {@code seed}.
     *
     * @param seed the seed
     */
    public Rng(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /**
     * The seed this generator was created with; unchanged by drawing or {@link #restore}.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /** The generator's whole state, for checkpoints. */
    public record State(long state, boolean hasSpareGaussian, double spareGaussian) {}

    /**
     * A snapshot of the state; {@link #restore} returns the generator to it.
     *
     * @return the state
     */
    public State save() {
        return new State(state, hasSpareGaussian, spareGaussian);
    }

    /**
     * Returns the generator to a state that {@link #save} took.
     *
     * @param s the state
     */
    public void restore(State s) {
        this.state = s.state();
        this.hasSpareGaussian = s.hasSpareGaussian();
        this.spareGaussian = s.spareGaussian();
    }

    /**
     * Next 64 uniformly distributed bits.
     *
     * @return the bits
     */
    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** 2^64 / φ, SplitMix64's increment: consecutive multiples of it are far apart. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /*
     * Every seed mlp4j derives from a run's seed is derived here, so that the streams of different
     * purposes (shuffles, dropout, distortions, CSV rows) are visibly distinct and never silently reused.
     */

    /**
     * The SplitMix64 finaliser: a well-mixed 64-bit value from any 64-bit input (a bijection).
     *
     * @param x the input
     * @return the mixed value
     */
    public static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /**
     * A seed for item {@code index} of a stream whose key is {@code key}: for example the distortion of
     * one example in one epoch. Equal keys and indexes give equal seeds, on every run.
     *
     * @param key   the stream's key
     * @param index the item's index
     * @return the item's seed
     */
    public static long seedFor(long key, long index) {
        return mix(key * GOLDEN + index);
    }

    /**
     * The key of a run's dropout masks and distortions, from its seed: a resumed run has the same seed,
     * so its masks do not depend on where it was interrupted.
     *
     * @param runSeed the run's seed
     * @return the key
     */
    public static long regularizationKey(long runSeed) {
        return runSeed * GOLDEN + 0x632BE59BD9B4E019L;
    }

    /**
     * The seed of the one shuffle of a CSV file's rows before it is split (files are often sorted by
     * class), from the run's seed.
     *
     * @param runSeed the run's seed
     * @return the seed
     */
    public static long rowShuffleSeed(long runSeed) {
        return runSeed ^ 0x5DEECE66DL;
    }

    /**
     * Uniform double in [0, 1) with 53 random bits.
     *
     * @return the number
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform int in [0, bound), without modulo bias.
     *
     * @param bound the end of the range, positive
     * @return the number
     */
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

    /**
     * Standard normal N(0, 1) sample (Marsaglia polar method).
     *
     * @return the sample
     */
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

    /**
     * Fisher-Yates shuffle of {@code a} in place: the article's {@code np.random.permutation}.
     *
     * @param a the array to shuffle
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * A permutation of 0..n-1.
     *
     * @param n the length
     * @return a new array holding 0 to n − 1 in random order
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }
}
