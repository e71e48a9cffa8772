package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The standardiser's arithmetic, near float32's limits too (issue 24, item 11). */
class StandardizerTest {
    @Test
    void ordinaryValuesAreCentredAndScaled() {
        Standardizer s = Standardizer.fit(new float[][] {{1, 10}, {3, 10}, {5, 10}});
        assertThat(s.mean()).containsExactly(3f, 10f);
        assertThat(s.std()[0]).isEqualTo((float) Math.sqrt(8.0 / 3));
        assertThat(s.std()[1]).as("a constant column is left unscaled").isEqualTo(1f);
        float[] z = s.apply(new float[] {5, 12});
        assertThat(z[0]).isEqualTo((5f - 3f) / (float) Math.sqrt(8.0 / 3));
        assertThat(z[1]).isEqualTo(2f);
    }

    /**
     * A column with a large mean and a small spread (identifiers, counts in the millions): Σx²/n − mean²
     * cancelled and gave std 9.81 where it is 1.118, so the column was silently squeezed ninefold.
     */
    @Test
    void aLargeMeanWithASmallSpreadKeepsItsDeviation() {
        int n = 100_000;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {1e7f + i % 4, 1e8f + 8 * (i % 4)};
        }
        Standardizer s = Standardizer.fit(rows);
        assertThat(s.mean()).containsExactly(1e7f + 1.5f, 1e8f + 12f);
        assertThat(s.std()[0]).isEqualTo((float) Math.sqrt(1.25));
        assertThat(s.std()[1]).isEqualTo((float) Math.sqrt(80.0));
    }

    @Test
    void valuesNearTheFloatLimitDoNotOverflow() {
        // x − mean overflowed float32 here, and training then "diverged" at any learning rate
        float big = 3.3e38f;
        Standardizer s = Standardizer.fit(new float[][] {{big}, {-big}, {big}, {-big}, {big}});
        float[] high = s.apply(new float[] {big});
        float[] low = s.apply(new float[] {-big});
        assertThat(Float.isFinite(high[0])).isTrue();
        assertThat(Float.isFinite(low[0])).isTrue();
        assertThat(high[0]).isPositive().isCloseTo(0.8165f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(low[0]).isNegative().isCloseTo(-1.2247f, org.assertj.core.data.Offset.offset(1e-3f));
    }
}
