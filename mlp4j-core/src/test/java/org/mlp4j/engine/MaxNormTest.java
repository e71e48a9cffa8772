package org.mlp4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Max-norm: each unit's incoming weights scaled down to norm c when longer, left alone otherwise. */
class MaxNormTest {
    @Test
    void everyColumnOverTheLimitIsScaled() {
        // 2 inputs × 3 units, row-major (in × out); every column's norm is over 1
        float[] w = {3, 0, 1, 4, 2, 1};
        MaxNorm.apply(w, 2, 3, 1f, new float[3]);
        double[] norms = new double[3];
        for (int j = 0; j < 3; j++) {
            norms[j] = Math.hypot(w[j], w[3 + j]);
            assertThat(norms[j]).as("column %d", j).isCloseTo(1.0, Offset.offset(1e-6));
        }
        assertThat((double) w[0] / w[3]).isCloseTo(3.0 / 4, Offset.offset(1e-6)); // the direction is kept
    }

    @Test
    void columnsWithinTheLimitAreLeftBitForBit() {
        float[] w = {0.3f, 3f, 0.4f, 4f};
        MaxNorm.apply(w, 2, 2, 1f, new float[2]);
        assertThat(w[0]).isEqualTo(0.3f);
        assertThat(w[2]).isEqualTo(0.4f);
        assertThat(Math.hypot(w[1], w[3])).isCloseTo(1.0, Offset.offset(1e-6));
    }
}
