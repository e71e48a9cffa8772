package org.mlp4j.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.internal.ExactMath;

/**
 * {@link VectorKernels}' element-wise kernels: the sigmoid, dropout masks and the two σ′ products, each the
 * scalar loop's operations lane by lane (so the same bits). Loaded only with {@link VectorKernels}, when the
 * Vector API module is present.
 */
final class VectorElementwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles in vectors of the same width as {@link #S}'s, for {@link #sigmoidDelta}. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Integers in vectors of the same width as {@link #S}'s, for the dropout draws. */
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** k · 0x9E3779B9 for the lanes k of one integer vector. */
    private static final int[] LANE_STEPS = laneSteps();

    private VectorElementwise() {}

    private static int[] laneSteps() {
        int[] s = new int[I.length()];
        for (int k = 0; k < s.length; k++) {
            s[k] = k * 0x9E3779B9;
        }
        return s;
    }

    /**
     * The sigmoid with a vectorised exponential. The Vector API's own {@code EXP} was 20 times faster
     * than {@link Math#exp} here but is not reproducible: compiled code calls an intrinsic while the
     * interpreter computes lane by lane, and they differ in the last bit, so results depended on which
     * thread's code was compiled first. This exponential uses only additions, multiplications, FMAs and
     * exponent-bit arithmetic, which are exact in every execution mode: e^x = 2^n · e^r with
     * n = round(x / ln 2), r = x − n ln 2 (in two parts), and e^r by its Taylor polynomial to degree 7
     * (relative error below 2e-7 for |r| ≤ ln 2 / 2).
     */
    static void sigmoid(float[] z, float[] a, int off, int len) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            FloatVector x =
                    FloatVector.fromArray(S, z, i).neg().max(ExactMath.EXP_MIN).min(ExactMath.EXP_MAX);
            FloatVector n =
                    x.mul(ExactMath.LOG2E_F).add(ExactMath.ROUND).sub(ExactMath.ROUND); // round to nearest integer
            FloatVector r =
                    n.fma(FloatVector.broadcast(S, -ExactMath.LN2_HI_F), x).add(n.mul(-ExactMath.LN2_LO_F));
            FloatVector p = FloatVector.broadcast(S, ExactMath.C7);
            p = p.fma(r, FloatVector.broadcast(S, ExactMath.C6));
            p = p.fma(r, FloatVector.broadcast(S, ExactMath.C5));
            p = p.fma(r, FloatVector.broadcast(S, ExactMath.C4));
            p = p.fma(r, FloatVector.broadcast(S, ExactMath.C3));
            p = p.fma(r, FloatVector.broadcast(S, ExactMath.C2));
            p = p.fma(r, one);
            p = p.fma(r, one);
            // 2^n from the bits: n + 1.5·2^23 + 127 holds n + 127 in its low mantissa bits; shifted left by 23
            // they become the exponent field. (A lane conversion F2I is not intrinsified on JDK 17.)
            FloatVector pow2 = n.add(ExactMath.ROUND + 127f)
                    .reinterpretAsInts()
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = p.mul(pow2);
            one.div(e.add(one)).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = ExactMath.sigmoidFloat(z[i]); // the same operations as the lanes above
        }
    }

    /**
     * The draws of {@link Kernels#dropoutMask} a vector of units at a time: integer multiplies, shifts and
     * xors are exact, so the lanes give the scalar loop's bits. A dropped lane is -1 after the arithmetic
     * shift of (draw − threshold), and the kept value's bits are masked with its complement (no vector
     * masks: JDK 17 does not compile them well).
     */
    static void dropoutMask(int seed, int threshold, float keep, float[] m, int off, int len) {
        if (I.length() != L) {
            ScalarKernels.INSTANCE.dropoutMask(seed, threshold, keep, m, off, len);
            return;
        }
        IntVector steps = IntVector.fromArray(I, LANE_STEPS, 0);
        int keepBits = Float.floatToRawIntBits(keep);
        int k = 0;
        for (; k + L <= len; k += L) {
            IntVector x = steps.add(seed + k * 0x9E3779B9);
            x = x.lanewise(VectorOperators.LSHR, 16).lanewise(VectorOperators.XOR, x);
            x = x.mul(0x7feb352d);
            x = x.lanewise(VectorOperators.LSHR, 15).lanewise(VectorOperators.XOR, x);
            x = x.mul(0x846ca68b);
            x = x.lanewise(VectorOperators.LSHR, 16).lanewise(VectorOperators.XOR, x);
            IntVector dropped =
                    x.lanewise(VectorOperators.LSHR, 8).sub(threshold).lanewise(VectorOperators.ASHR, 31);
            dropped.lanewise(VectorOperators.NOT)
                    .and(keepBits)
                    .reinterpretAsFloats()
                    .intoArray(m, off + k);
        }
        // unit k's draw depends on seed + k · 0x9E3779B9 alone, so the rest is the scalar loop from there
        ScalarKernels.INSTANCE.dropoutMask(seed + k * 0x9E3779B9, threshold, keep, m, off + k, len - k);
    }

    static void reluDelta(float[] d, float[] z, float[] m, int off, int len) {
        FloatVector zero = FloatVector.zero(S);
        int p = off;
        int end = off + len;
        if (m == null) {
            for (; p + L <= end; p += L) {
                VectorMask<Float> active = FloatVector.fromArray(S, z, p).compare(VectorOperators.GT, 0f);
                zero.blend(FloatVector.fromArray(S, d, p), active).intoArray(d, p);
            }
        } else {
            for (; p + L <= end; p += L) {
                FloatVector mv = FloatVector.fromArray(S, m, p);
                VectorMask<Float> active = FloatVector.fromArray(S, z, p)
                        .compare(VectorOperators.GT, 0f)
                        .and(mv.compare(VectorOperators.NE, 0f));
                zero.blend(FloatVector.fromArray(S, d, p).mul(mv), active).intoArray(d, p);
            }
        }
        ScalarKernels.INSTANCE.reluDelta(d, z, m, p, end - p);
    }

    /**
     * Without a mask, in double-precision vectors: each float lane widened, the product taken in double and
     * narrowed, exact conversions around the scalar loop's operations, so the same bits. On JDK 17 the scalar
     * loop is not vectorised and each widening waits on the previous one (a false dependency on its
     * register): 2 ns a unit, a sixth of an epoch of the article's network.
     */
    static void sigmoidDelta(float[] d, float[] a, float[] m, int off, int len) {
        int p = off;
        int end = off + len;
        if (m == null && D.length() * 2 == L) {
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            for (; p + L <= end; p += L) {
                FloatVector av = FloatVector.fromArray(S, a, p);
                FloatVector dv = FloatVector.fromArray(S, d, p);
                DoubleVector a0 = (DoubleVector) av.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector a1 = (DoubleVector) av.convertShape(VectorOperators.F2D, D, 1);
                DoubleVector r0 = ((DoubleVector) dv.convertShape(VectorOperators.F2D, D, 0)).mul(a0.mul(one.sub(a0)));
                DoubleVector r1 = ((DoubleVector) dv.convertShape(VectorOperators.F2D, D, 1)).mul(a1.mul(one.sub(a1)));
                // the two narrowed halves fill the low and the high lanes, zero bits elsewhere: or joins them
                IntVector low = ((FloatVector) r0.convertShape(VectorOperators.D2F, S, 0)).reinterpretAsInts();
                IntVector high = ((FloatVector) r1.convertShape(VectorOperators.D2F, S, -1)).reinterpretAsInts();
                low.or(high).reinterpretAsFloats().intoArray(d, p);
            }
        }
        ScalarKernels.INSTANCE.sigmoidDelta(d, a, m, p, end - p);
    }
}
