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

    /**
     * A 40 × 10 stroke (bright left half, half as bright right half) on black, with a faint speck far from it:
     * worked out by hand. The speck (below a tenth of the brightest ink) is not ink, so the crop is the stroke;
     * its long side of 40 scales by 1/2 to 20 × 5, each output pixel the mean of a 2 × 2 block; the centre of
     * mass, (2, 117.5 / 15), moves to (13.5, 13.5) rounded: rows 12–16, columns 6–25.
     */
    @Test
    void aStrokeIsCroppedHalvedByAreaMeansAndCentredExactly() {
        float[] out = DigitPreprocessor.toMnist(stroke(false), "stroke");
        float[] expected = new float[28 * 28];
        for (int y = 12; y <= 16; y++) {
            for (int x = 6; x <= 25; x++) {
                expected[y * 28 + x] = x <= 15 ? 1f : 0.5f;
            }
        }
        assertThat(out).containsExactly(expected);
    }

    /** The same stroke as dark ink on a light page gives the same input: the page is inverted first. */
    @Test
    void darkInkOnALightPageIsTheSameDigit() {
        assertThat(DigitPreprocessor.toMnist(stroke(true), "page"))
                .containsExactly(DigitPreprocessor.toMnist(stroke(false), "stroke"));
    }

    @Test
    void anImageWithoutPixelsIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DigitPreprocessor.toMnist(new double[0][], "empty.png"))
                .isInstanceOf(org.mlp4j.InvalidInputException.class)
                .hasMessage("empty.png: expected an image with pixels, found 0x0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DigitPreprocessor.toMnist(new double[3][0], "thin.png"))
                .hasMessage("thin.png: expected an image with pixels, found 0x3");
    }

    /** A 60 × 60 picture: the stroke at rows 20–29, columns 5–44; a speck of 0.05 at (58, 58); inverted if asked. */
    private static double[][] stroke(boolean inverted) {
        double[][] g = new double[60][60];
        for (int y = 20; y < 30; y++) {
            for (int x = 5; x < 45; x++) {
                g[y][x] = x < 25 ? 1.0 : 0.5;
            }
        }
        g[58][58] = 0.05;
        if (inverted) {
            for (double[] row : g) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = 1 - row[x];
                }
            }
        }
        return g;
    }
}
