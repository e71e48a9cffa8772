package org.mlp4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(123);
        Rng b = new Rng(123);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextGaussian()).isEqualTo(b.nextGaussian());
            assertThat(a.nextInt(17)).isEqualTo(b.nextInt(17));
        }
    }

    /** Pins the stream: a change to the generator would silently change every seeded run. */
    @Test
    void streamIsPinned() {
        Rng r = new Rng(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL); // SplitMix64's published first output for seed 0
    }

    @Test
    void gaussiansHaveUnitVariance() {
        Rng r = new Rng(5);
        double s = 0;
        double s2 = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            s2 += g * g;
        }
        assertThat(s / n).isCloseTo(0, within(0.01));
        assertThat(s2 / n).isCloseTo(1, within(0.01));
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(8).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(p).isNotEqualTo(sorted);
    }
}
