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

    /**
     * Against an independent oracle ({@link #oracle}): a texture scaled by 2/3 (output pixels straddling
     * source pixels), lines whose mass sits at one end (so the centred digit runs off the field and is
     * clipped at each of its four edges), and the stroke.
     */
    @Test
    void matchesAnIndependentOracleOnFractionalScalesAndClippedEdges() {
        double[][] texture = new double[8][30];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 30; x++) {
                texture[y][x] = 0.1 + 0.4 * ((7 * x + 3 * y) % 11) / 10.0; // all ink, a dark border: not inverted
            }
        }
        double[][] down = line(true);
        double[][] up = flip(down);
        double[][] right = transpose(down);
        double[][] left = transpose(up);
        java.util.List<double[][]> pictures = new java.util.ArrayList<>(
                java.util.List.of(texture, down, up, right, left, stroke(false), stroke(true)));
        pictures.addAll(java.util.List.of(borderPictures()));
        for (double[][] g : pictures) {
            float[] out = DigitPreprocessor.toMnist(g, "picture");
            double[] want = oracle(g);
            for (int k = 0; k < out.length; k++) {
                assertThat((double) out[k]).as("pixel " + k).isCloseTo(want[k], within(1e-6));
            }
        }
        assertThat(oracle(down)[14])
                .as("the clipped line reaches row 0 (column 14)")
                .isPositive();
        assertThat(oracle(up)[27 * 28 + 14]).as("and row 27").isPositive();
        assertThat(oracle(right)[14 * 28]).as("a row's line reaches column 0").isPositive();
    }

    /** The border's mean decides: top and bottom rows, and left and right columns, each count. */
    @Test
    void aPictureAndItsNegativeAreTheSameDigitWhicheverSideOfTheBorderIsLight() {
        for (double[][] g : borderPictures()) {
            float[] out = DigitPreprocessor.toMnist(g, "picture");
            assertThat(out).containsExactly(DigitPreprocessor.toMnist(negative(g), "negative"));
            assertThat(out).as("ink left").contains(1f);
        }
    }

    /** Brightness is relative: the brightest ink becomes 1, and a tenth of it (not less) is ink. */
    @Test
    void inkIsRelativeToTheBrightestPixel() {
        double[][] half = scaled(stroke(false), 0.5);
        assertThat(DigitPreprocessor.toMnist(half, "half"))
                .containsExactly(DigitPreprocessor.toMnist(stroke(false), "s"));
        double[][] tenth = scaled(stroke(false), 0.5);
        tenth[58][58] = 0.05; // a tenth of 0.5, exactly: not ink
        assertThat(DigitPreprocessor.toMnist(tenth, "tenth")).containsExactly(DigitPreprocessor.toMnist(half, "half"));
        double[][] more = scaled(stroke(false), 0.5);
        more[58][58] = 0.08; // more than a tenth: ink, so the crop reaches it
        assertThat(DigitPreprocessor.toMnist(more, "more")).isNotEqualTo(DigitPreprocessor.toMnist(half, "half"));
    }

    /**
     * Three pictures whose border alone decides inversion: light top and bottom rows with dark sides (a mean
     * of 0.84: inverted), light sides with dark top and bottom (0.84), and a grey border of 0.3 (not inverted).
     */
    private static double[][][] borderPictures() {
        double[][] rowsLight = new double[10][40];
        double[][] columnsLight = new double[40][10];
        double[][] greyBorder = new double[30][30];
        for (int x = 0; x < 40; x++) {
            rowsLight[0][x] = 1;
            rowsLight[9][x] = 1;
            columnsLight[x][0] = 1;
            columnsLight[x][9] = 1;
        }
        for (double[] row : greyBorder) {
            java.util.Arrays.fill(row, 0.3);
        }
        for (int k = 12; k < 18; k++) {
            rowsLight[k % 10][k] = 0.2;
            columnsLight[k][k % 10] = 0.2;
            greyBorder[k][k] = 1;
        }
        return new double[][][] {rowsLight, columnsLight, greyBorder};
    }

    /**
     * The preprocessing written again another way: inversion when the border's mean exceeds 0.5; the box of
     * pixels above a tenth of the brightest; the long side scaled to 20; each output pixel the mean of the
     * crop over its area, counted in cells of 1/nh by 1/nw of a pixel (so every edge falls on a cell edge);
     * the centre of mass moved to (13.5, 13.5), rounded; the brightest at 1; what falls outside dropped.
     */
    private static double[] oracle(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        double border = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1) {
                    border += grey[y][x];
                }
                if (x == 0 || x == w - 1) {
                    border += grey[y][x];
                }
            }
        }
        boolean invert = border / (2 * w + 2 * h) > 0.5;
        double[][] ink = new double[h][w];
        double max = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ink[y][x] = invert ? 1 - grey[y][x] : grey[y][x];
                max = Math.max(max, ink[y][x]);
            }
        }
        int top = h, bottom = -1, left = w, right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y][x] > 0.1 * max) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        int ch = bottom - top + 1;
        int cw = right - left + 1;
        int nh = Math.max(1, (int) Math.round(ch * 20.0 / Math.max(ch, cw)));
        int nw = Math.max(1, (int) Math.round(cw * 20.0 / Math.max(ch, cw)));
        double[][] small = new double[nh][nw];
        double mass = 0, my = 0, mx = 0, bright = 0;
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                double sum = 0;
                for (int r = y * ch; r < (y + 1) * ch; r++) { // cells of 1/nh of a row
                    for (int c = x * cw; c < (x + 1) * cw; c++) {
                        sum += ink[top + r / nh][left + c / nw];
                    }
                }
                small[y][x] = sum / ((double) ch * cw);
                mass += small[y][x];
                my += y * small[y][x];
                mx += x * small[y][x];
                bright = Math.max(bright, small[y][x]);
            }
        }
        int oy = (int) Math.round(13.5 - my / mass);
        int ox = (int) Math.round(13.5 - mx / mass);
        double[] out = new double[28 * 28];
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                if (y + oy >= 0 && y + oy < 28 && x + ox >= 0 && x + ox < 28) {
                    out[(y + oy) * 28 + x + ox] = small[y][x] / bright;
                }
            }
        }
        return out;
    }

    /**
     * A vertical line of 20 pixels, faint but its last six bright: its centre of mass is at 14.46, so centring
     * moves it up by 1 and its first pixel falls off the field (flipped, down by 9: its last falls off).
     */
    private static double[][] line(boolean heavyEnd) {
        double[][] g = new double[24][5];
        for (int y = 2; y < 22; y++) {
            g[y][2] = heavyEnd && y >= 16 ? 1.0 : 0.11;
        }
        return g;
    }

    private static double[][] flip(double[][] g) {
        double[][] f = new double[g.length][];
        for (int y = 0; y < g.length; y++) {
            f[y] = g[g.length - 1 - y].clone();
        }
        return f;
    }

    private static double[][] transpose(double[][] g) {
        double[][] t = new double[g[0].length][g.length];
        for (int y = 0; y < g.length; y++) {
            for (int x = 0; x < g[0].length; x++) {
                t[x][y] = g[y][x];
            }
        }
        return t;
    }

    private static double[][] negative(double[][] g) {
        return scaled(g, -1, 1);
    }

    private static double[][] scaled(double[][] g, double factor) {
        return scaled(g, factor, 0);
    }

    private static double[][] scaled(double[][] g, double factor, double offset) {
        double[][] s = new double[g.length][];
        for (int y = 0; y < g.length; y++) {
            s[y] = new double[g[y].length];
            for (int x = 0; x < g[y].length; x++) {
                s[y][x] = offset + factor * g[y][x];
            }
        }
        return s;
    }
}
