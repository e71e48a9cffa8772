package org.mlp4j.math;

/**
 * The transcendental functions training needs, as functions of their inputs alone: the same bits on every
 * JDK, every machine and in every execution mode (interpreted, C1, C2).
 *
 * <p>{@link Math#exp}, {@code log}, {@code tanh} and {@code pow} may differ by an ulp from one JDK release to
 * the next (their intrinsics change), and the Vector API's {@code EXP} differs between compiled and
 * interpreted code. These use only operations Java specifies exactly (+, −, ×, ÷, {@link Math#fma},
 * {@link Math#rint}, {@link Math#scalb}, comparisons, bit manipulation), so a seed gives the same weights
 * after a JDK upgrade. Where a call is rare (a schedule's cosine, Adam's bias correction, a reported loss's
 * logarithm) {@link StrictMath}, whose results are fixed to fdlibm's, is used instead.
 */
public final class ExactMath {
    private ExactMath() {
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts: the high part has zeros in its low 32 bits, so n · LN2_HI is exact for |n| ≤ 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** e^x overflows above this and is 0 below the next. */
    private static final double EXP_OVERFLOW = 709.782712893384;
    private static final double EXP_UNDERFLOW = -745.1332191019412;

    /**
     * e^x, within 1 ulp: e^x = 2^n · e^r with n = rint(x / ln 2) and r = x − n ln 2 (Cody and Waite's
     * two-part reduction, |r| ≤ ln 2 / 2), and e^r by its Taylor polynomial to degree 13 in Horner form
     * (the first omitted term is below 2^−60 relative).
     */
    public static double exp(double x) {
        if (!(x < EXP_OVERFLOW)) {
            return x != x ? x : Double.POSITIVE_INFINITY; // NaN stays NaN
        }
        if (x < EXP_UNDERFLOW) {
            return 0.0;
        }
        double n = Math.rint(x * LOG2E);
        double r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x));
        double p = 1.0 / 6227020800.0;     // 1/13!
        p = Math.fma(p, r, 1.0 / 479001600.0);
        p = Math.fma(p, r, 1.0 / 39916800.0);
        p = Math.fma(p, r, 1.0 / 3628800.0);
        p = Math.fma(p, r, 1.0 / 362880.0);
        p = Math.fma(p, r, 1.0 / 40320.0);
        p = Math.fma(p, r, 1.0 / 5040.0);
        p = Math.fma(p, r, 1.0 / 720.0);
        p = Math.fma(p, r, 1.0 / 120.0);
        p = Math.fma(p, r, 1.0 / 24.0);
        p = Math.fma(p, r, 1.0 / 6.0);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        return Math.scalb(p, (int) n);
    }

    /**
     * e^x − 1 without the cancellation near 0: for |x| &lt; ln 2 / 2 the Taylor series of e^x without its
     * constant term (to degree 13, as in {@link #exp}), elsewhere {@code exp(x) − 1}, which then loses at
     * most a couple of bits.
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

    /** tanh u = e / (e + 2) with e = e^{2|u|} − 1 ({@link #expm1}), the sign of u; ±1 beyond |u| = 20. */
    public static double tanh(double u) {
        if (u > 20) {
            return 1.0;
        }
        if (u < -20) {
            return -1.0;
        }
        double e = expm1(2 * Math.abs(u));
        double t = e / (e + 2.0);
        return u < 0 ? -t : t;
    }

    private static final float EXP_MIN = -87f;
    private static final float EXP_MAX = 88f;
    private static final float LOG2E_F = 1.44269504f;
    /** 1.5 · 2^23: x + ROUND − ROUND rounds x to an integer. */
    static final float ROUND = 12582912f;
    private static final float LN2_HI_F = 0.693145752f;
    private static final float LN2_LO_F = 1.42860677e-6f;

    /**
     * e^x in float32 for the sigmoid kernels, the same bits lane by lane in {@code VectorKernels}: e^x =
     * 2^n · e^r, n = round(x / ln 2), r = x − n ln 2 in two parts, e^r by its Taylor polynomial to degree 7
     * (relative error below 2e-7 for |r| ≤ ln 2 / 2); x is clamped to [−87, 88].
     */
    public static float expFloat(float v) {
        float x = Math.min(Math.max(v, EXP_MIN), EXP_MAX);
        float n = x * LOG2E_F + ROUND - ROUND;
        float r = Math.fma(n, -LN2_HI_F, x) + n * -LN2_LO_F;
        float p = 1f / 5040;
        p = Math.fma(p, r, 1f / 720);
        p = Math.fma(p, r, 1f / 120);
        p = Math.fma(p, r, 1f / 24);
        p = Math.fma(p, r, 1f / 6);
        p = Math.fma(p, r, 1f / 2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /** σ(z) = 1 / (1 + e^−z) in float32, as the kernels compute it. */
    public static float sigmoidFloat(float z) {
        return 1f / (1f + expFloat(-z));
    }
}
