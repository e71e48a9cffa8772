package org.mlp4j.internal;

/**
 * The transcendental functions training needs, as functions of their inputs alone: the same bits on every
 * JDK, every machine and in every execution mode (interpreted, C1, C2).
 *
 * <p>{@link Math#exp}, {@code log}, {@code tanh} and {@code pow} may differ by an ulp from one JDK release to
 * the next (their intrinsics change), and the Vector API's {@code EXP} differs between compiled and
 * interpreted code. These use only operations Java specifies exactly (+, −, ×, ÷, {@link Math#fma},
 * {@link Math#scalb}, comparisons, bit manipulation, and a table made once by {@link StrictMath#pow}), so a
 * seed gives the same weights
 * after a JDK upgrade. Where a call is rare (a schedule's cosine, Adam's bias correction, a reported loss's
 * logarithm) {@link StrictMath}, whose results are fixed to fdlibm's, is used instead.
 */
public final class ExactMath {
    private ExactMath() {}

    private static final double ROUND_D = 6755399441055744.0; // 1.5 · 2^52
    /** ln 2 in two parts: the high part has zeros in its low 32 bits, so n · LN2_HI is exact for |n| ≤ 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** e^x overflows above this and is 0 below the next. */
    private static final double EXP_OVERFLOW = 709.782712893384;

    private static final double EXP_UNDERFLOW = -745.1332191019412;

    /** 2^(j/32) for j = 0..31, from fdlibm's pow (StrictMath): the same table on every JDK. */
    private static final double[] TWO_TO_J32 = new double[32];

    static {
        for (int j = 0; j < 32; j++) {
            TWO_TO_J32[j] = StrictMath.pow(2.0, j / 32.0);
        }
    }

    private static final double INV_LN2_32 = 46.16624130844683; // 32 / ln 2
    private static final double LN2_32_HI = LN2_HI / 32; // exact: a power-of-two scaling
    private static final double LN2_32_LO = LN2_LO / 32;

    /**
     * e^x, within 2 ulps: e^x = 2^m · 2^(j/32) · e^r with k = round(32 x / ln 2) = 32 m + j and
     * r = x − k ln 2 / 32 (Cody and Waite's two-part reduction, |r| ≤ ln 2 / 64), 2^(j/32) from a table,
     * and e^r by its Taylor polynomial to degree 6 (the first omitted term is below 2^−57 relative).
     *
     * @param x the exponent
     * @return e^x
     */
    public static double exp(double x) {
        if (!(x < EXP_OVERFLOW)) {
            return Double.isNaN(x) ? x : Double.POSITIVE_INFINITY; // NaN stays NaN
        }
        if (x < EXP_UNDERFLOW) {
            return 0.0;
        }
        // k rounded to nearest (even): adding and subtracting 1.5 · 2^52 leaves no fraction bits
        double kd = (x * INV_LN2_32 + ROUND_D) - ROUND_D;
        double r = Math.fma(kd, -LN2_32_LO, Math.fma(kd, -LN2_32_HI, x));
        double p = 1.0 / 720.0;
        p = Math.fma(p, r, 1.0 / 120.0);
        p = Math.fma(p, r, 1.0 / 24.0);
        p = Math.fma(p, r, 1.0 / 6.0);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p * r, r, r); // e^r − 1
        int k = (int) kd;
        int m = k >> 5; // floor(k / 32)
        double t = TWO_TO_J32[k & 31];
        double e = Math.fma(t, p, t); // 2^(j/32) · e^r
        if (m > -1022 && m < 1023) {
            return e * Double.longBitsToDouble((long) (m + 1023) << 52); // 2^m exactly, from its bits
        }
        return Math.scalb(e, m); // near overflow or into subnormals: scalb rounds as IEEE 754 says
    }

    /**
     * e^x − 1 without the cancellation near 0: for |x| &lt; ln 2 / 2 the Taylor series of e^x without its
     * constant term to degree 13 (the first omitted term is below 2^−57 relative), elsewhere
     * {@code exp(x) − 1}, which then loses at most a couple of bits.
     *
     * @param x the exponent
     * @return e^x − 1
     */
    public static double expm1(double x) {
        if (!(Math.abs(x) < 0.34657359027997264)) {
            return exp(x) - 1.0;
        }
        double p = 1.0 / 6227020800.0;
        p = Math.fma(p, x, 1.0 / 479001600.0);
        p = Math.fma(p, x, 1.0 / 39916800.0);
        p = Math.fma(p, x, 1.0 / 3628800.0);
        p = Math.fma(p, x, 1.0 / 362880.0);
        p = Math.fma(p, x, 1.0 / 40320.0);
        p = Math.fma(p, x, 1.0 / 5040.0);
        p = Math.fma(p, x, 1.0 / 720.0);
        p = Math.fma(p, x, 1.0 / 120.0);
        p = Math.fma(p, x, 1.0 / 24.0);
        p = Math.fma(p, x, 1.0 / 6.0);
        p = Math.fma(p, x, 0.5);
        return Math.fma(p * x, x, x);
    }

    /**
     * tanh u, within a few ulps: for |u| &lt; ln 2 / 4, e / (e + 2) with e = e^{2|u|} − 1 from the series of
     * {@link #expm1} (no cancellation near 0); beyond, 1 − 2 / (e^{2|u|} + 1), which loses at most a couple
     * of bits there and needs one {@link #exp}; ±1 beyond |u| = 20; the sign of u.
     *
     * @param u the argument
     * @return tanh u
     */
    public static double tanh(double u) {
        double a = Math.abs(u);
        if (!(a <= 20)) {
            return Double.isNaN(u) ? u : Math.copySign(1.0, u);
        }
        double t;
        if (a < 0.17328679513998632) {
            double e = expm1(2 * a);
            t = e / (e + 2.0);
        } else {
            t = 1.0 - 2.0 / (exp(2 * a) + 1.0);
        }
        return Math.copySign(t, u);
    }

    // The float exponential's constants, shared with VectorKernels' lanes so both compute the same bits.
    public static final float EXP_MIN = -87f;
    public static final float EXP_MAX = 88f;
    public static final float LOG2E_F = 1.44269504f;
    /** 1.5 · 2^23: x + ROUND − ROUND rounds x to an integer. */
    public static final float ROUND = 12582912f;

    public static final float LN2_HI_F = 0.693145752f;
    public static final float LN2_LO_F = 1.42860677e-6f;
    /** 1/k! for k = 2 … 7, the Taylor coefficients of e^r. */
    public static final float C2 = 1f / 2;

    public static final float C3 = 1f / 6;
    public static final float C4 = 1f / 24;
    public static final float C5 = 1f / 120;
    public static final float C6 = 1f / 720;
    public static final float C7 = 1f / 5040;

    /**
     * e^x in float32 for the sigmoid kernels, the same bits lane by lane in {@code VectorKernels}: e^x =
     * 2^n · e^r, n = round(x / ln 2), r = x − n ln 2 in two parts, e^r by its Taylor polynomial to degree 7
     * (relative error below 2e-7 for |r| ≤ ln 2 / 2); x is clamped to [−87, 88].
     *
     * @param v the exponent
     * @return e^v in float32
     */
    public static float expFloat(float v) {
        float x = Math.min(Math.max(v, EXP_MIN), EXP_MAX);
        float n = x * LOG2E_F + ROUND - ROUND;
        float r = Math.fma(n, -LN2_HI_F, x) + n * -LN2_LO_F;
        float p = C7;
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /**
     * σ(z) = 1 / (1 + e^−z) in float32, as the kernels compute it.
     *
     * @param z the argument
     * @return σ(z)
     */
    public static float sigmoidFloat(float z) {
        return 1f / (1f + expFloat(-z));
    }
}
