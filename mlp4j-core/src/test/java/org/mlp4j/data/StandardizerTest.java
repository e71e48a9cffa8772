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
