package org.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.math.Rng;

/** mlp4j's own exponential and tanh against fdlibm's (StrictMath), over their whole useful range. */
class ExactMathTest {
    private static double ulps(double got, double want) {
        return Math.abs(got - want) / Math.ulp(want);
    }

    @Test
    void expIsWithinTwoUlpsOfFdlibm() {
        Rng rng = new Rng(1);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * 708; // where e^x and its ulp are finite and normal
            if (i % 2 == 0) {
                x /= 700; // many small arguments too
            }
            worst = Math.max(worst, ulps(ExactMath.exp(x), StrictMath.exp(x)));
        }
        assertThat(worst).as("largest difference from StrictMath.exp, in ulps").isLessThanOrEqualTo(2.0);
        assertThat(ExactMath.exp(0)).isEqualTo(1.0);
        assertThat(ExactMath.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ExactMath.exp(-746)).isZero();
        assertThat(ExactMath.exp(Double.NaN)).isNaN();
        assertThat(ExactMath.exp(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void tanhIsWithinAFewUlpsOfFdlibmIncludingNearZero() {
        Rng rng = new Rng(2);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double u = (rng.nextDouble() * 2 - 1) * (i % 3 == 0 ? 0.2 : i % 3 == 1 ? 3 : 25);
            worst = Math.max(worst, ulps(ExactMath.tanh(u), StrictMath.tanh(u)));
        }
        assertThat(worst).as("largest difference from StrictMath.tanh, in ulps").isLessThanOrEqualTo(8.0);
        assertThat(ExactMath.tanh(1e-300)).isEqualTo(1e-300);
        assertThat(ExactMath.tanh(0.0)).isZero();
        assertThat(ExactMath.tanh(-0.7)).isEqualTo(-ExactMath.tanh(0.7));
    }

    @Test
    void expm1IsAccurateNearZero() {
        Rng rng = new Rng(3);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * (i % 2 == 0 ? 1e-3 : 2);
            worst = Math.max(worst, ulps(ExactMath.expm1(x), StrictMath.expm1(x)));
        }
        assertThat(worst)
                .as("largest difference from StrictMath.expm1, in ulps")
                .isLessThanOrEqualTo(8.0);
    }

    @Test
    void theFloatExponentialIsAccurateForTheSigmoid() {
        for (float z = -87f; z <= 88f; z += 0.0137f) {
            double want = StrictMath.exp(z);
            assertThat((double) ExactMath.expFloat(z))
                    .as("e^%f", z)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(3e-7 * want));
        }
    }
}
