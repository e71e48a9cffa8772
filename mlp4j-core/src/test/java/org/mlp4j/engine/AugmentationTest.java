package org.mlp4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** A 28×28 image with a 6×4 bar of ones at rows 10..15, columns 12..15. */
    private static float[] bar() {
        float[] img = new float[28 * 28];
        for (int v = 10; v < 16; v++) {
            for (int u = 12; u < 16; u++) {
                img[v * 28 + u] = 1f;
            }
        }
        return img;
    }

    private static double mass(float[] img) {
        double m = 0;
        for (float v : img) {
            m += v;
        }
        return m;
    }

    @Test
    void noDistortionLeavesTheImageUnchanged() {
        float[] img = bar();
        new Augmentation(28, 0, 0, 0, 0).apply(img, 0, 5);
        assertThat(img).containsExactly(bar());
    }

    @Test
    void shiftsMoveByWholePixelsAndKeepEveryValue() {
        Augmentation a = new Augmentation(28, 3, 0, 0, 0);
        boolean moved = false;
        for (long seed = 0; seed < 20; seed++) {
            float[] img = bar();
            a.apply(img, 0, seed);
            assertThat(mass(img)).isEqualTo(24.0); // the bar stays whole: 3 pixels from an edge it cannot leave
            for (float v : img) {
                assertThat(v).isIn(0f, 1f);
            }
            moved |= !java.util.Arrays.equals(img, bar());
        }
        assertThat(moved).isTrue();
    }

    @Test
    void sameSeedSameImageAndRotationAboutTheCentreKeepsTheMass() {
        Augmentation a = new Augmentation(28, 1.5, 15, 0.1, 2);
        float[] one = bar();
        float[] two = bar();
        a.apply(one, 0, 42);
        a.apply(two, 0, 42);
        assertThat(one).containsExactly(two);
        float[] other = bar();
        a.apply(other, 0, 43);
        assertThat(other).isNotEqualTo(one);
        float[] rotated = bar();
        new Augmentation(28, 0, 90, 0, 0).apply(rotated, 0, 7);
        assertThat(mass(rotated)).isCloseTo(24.0, org.assertj.core.data.Offset.offset(2.5));
    }

    @Test
    void ninetyDegreesTurnsTheBar() {
        // with maxRotation 90 the angle is uniform in [-90, 90]; find a seed near ±90 and check the bar is now wide
        Augmentation a = new Augmentation(28, 0, 90, 0, 0);
        for (long seed = 0; seed < 200; seed++) {
            double angle = (2 * new org.mlp4j.math.Rng(seed).nextDouble() - 1) * 90;
            if (Math.abs(Math.abs(angle) - 90) < 1) {
                float[] img = bar();
                a.apply(img, 0, seed);
                float[] wide = img;
                long tall = java.util.stream.IntStream.range(0, 28)
                        .filter(v -> wide[v * 28 + 13] > 0.5f)
                        .count();
                long across = java.util.stream.IntStream.range(0, 28)
                        .filter(u -> wide[12 * 28 + u] > 0.5f)
                        .count();
                assertThat(across).isGreaterThan(tall); // 6 tall × 4 wide became about 4 tall × 6 wide
                return;
            }
        }
        throw new AssertionError("no seed drew an angle near 90 degrees");
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> new Augmentation(28, -1, 0, 0, 0)).hasMessageStartingWith("augment-shift");
        assertThatThrownBy(() -> new Augmentation(28, 0, 0, 2, 0)).hasMessageStartingWith("augment-scale");
    }
}
