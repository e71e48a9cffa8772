package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DigitPreprocessorTest {
    /** A dark 30 × 60 bar off-centre on a light 200 × 150 page. */
    @Test
    void cropsScalesInvertsAndCentres() {
        double[][] page = new double[150][200];
        for (double[] row : page) {
            java.util.Arrays.fill(row, 0.95);
        }
        for (int y = 10; y < 70; y++) {
            for (int x = 120; x < 150; x++) {
                page[y][x] = 0.05;
            }
        }
        float[] out = DigitPreprocessor.toMnist(page, "page");
        int top = 28;
        int bottom = -1;
        int left = 28;
        int right = -1;
        double mass = 0;
        double my = 0;
        double mx = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = out[y * 28 + x];
                if (v > 0.5f) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
                mass += v;
                my += y * v;
                mx += x * v;
            }
        }
        assertThat(bottom - top + 1).isEqualTo(20); // the long side fills the 20-pixel box
        assertThat(right - left + 1).isEqualTo(10); // aspect kept
        assertThat(my / mass).isCloseTo(13.5, within(0.6)); // centre of mass at the centre
        assertThat(mx / mass).isCloseTo(13.5, within(0.6));
        assertThat(out[0]).isZero(); // background is black after inversion
    }

    @Test
    void blankImageStaysBlank() {
        float[] out = DigitPreprocessor.toMnist(new double[10][10], "blank");
        for (float v : out) {
            assertThat(v).isZero();
        }
    }
}
