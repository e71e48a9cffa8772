package org.mlp4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;

/**
 * The vector kernels against the scalar ones, on shapes with and without vector-width tails: the same bits
 * (a run must not depend on which kernels ran, nor on the machine's vector width). Without the vector
 * module the comparisons are skipped, loudly, rather than comparing the scalar kernels with themselves.
 */
class KernelsTest {
    private static final int[] WIDTHS = {1, 3, 10, 16, 17, 63, 64, 65, 83, 100, 130, 512, 800};

    private final Kernels vector = Kernels.vectorAvailable() ? VectorKernels.INSTANCE : Kernels.scalar();
    private final Kernels scalar = Kernels.scalar();

    @Test
    void vectorKernelsAreInUseWhenTheModuleIsPresent() {
        assumeThat(Kernels.vectorAvailable()).as("jdk.incubator.vector present").isTrue();
        assertThat(vector.name()).isEqualTo("vector");
    }

    private static float[] random(Rng rng, int n, double zeroShare) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble() < zeroShare ? 0f : (float) rng.nextGaussian();
        }
        return a;
    }

    private void assertSameBits(float[] got, float[] want, String what) {
        assumeThat(Kernels.vectorAvailable())
                .as("jdk.incubator.vector present: without it there is nothing to compare" + " the scalar kernels with")
                .isTrue();
        assertThat(got)
                .as(what + ": vector kernels against scalar kernels, bit for bit")
                .containsExactly(want);
    }

    @Test
    void sigmoidsAgreeWithTheDefinition() {
        Rng rng = new Rng(4);
        for (int n : WIDTHS) {
            float[] z = new float[n + 2];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (rng.nextGaussian() * 10);
            }
            z[0] = -100f; // far into saturation: no NaN, no overflow
            float[] av = new float[n + 2];
            float[] as = new float[n + 2];
            vector.sigmoid(z, av, 1, n);
            scalar.sigmoid(z, as, 1, n);
            for (int i = 1; i <= n; i++) {
                double exact = 1 / (1 + Math.exp(-(double) z[i]));
                assertThat((double) as[i])
                        .as("scalar at z=%f", z[i])
                        .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-6 * Math.max(exact, 1e-30) + 1e-38));
            }
            assertThat(av[0]).isZero();
            assertSameBits(av, as, "sigmoid n=" + n);
        }
    }

    @Test
    void affineRowsAgree() {
        Rng rng = new Rng(1);
        for (int n : WIDTHS) {
            int k = 37;
            float[] a = random(rng, 2 * k, 0.5);
            float[] w = random(rng, k * n, 0);
            float[] bias = random(rng, n, 0);
            float[] zv = new float[n + 3];
            float[] zs = new float[n + 3];
            vector.affineRow(a, k, k, w, bias, zv, 3, n);
            scalar.affineRow(a, k, k, w, bias, zs, 3, n);
            assertSameBits(zv, zs, "affineRow n=" + n);
        }
    }

    /**
     * The four-row kernels against the one-row ones: skipping zeros or not, and whichever block a row
     * falls in, every output has the same bits (adding 0·w leaves an accumulator unchanged).
     */
    @Test
    void multiRowKernelsEqualTheOneRowKernelsBitForBit() {
        Rng rng = new Rng(6);
        for (Kernels kern : new Kernels[] {vector, scalar}) {
            for (int n : WIDTHS) {
                for (int rows : new int[] {1, 4, 7, 9}) {
                    int k = 30;
                    float[] a = random(rng, rows * k, 0.7);
                    float[] w = random(rng, k * n, 0);
                    float[] bias = random(rng, n, 0);
                    float[] one = new float[rows * n];
                    for (int r = 0; r < rows; r++) {
                        kern.affineRow(a, r * k, k, w, bias, one, r * n, n);
                    }
                    for (boolean skip : new boolean[] {true, false}) {
                        float[] many = new float[rows * n];
                        kern.affineRows(a, k, 0, rows, k, w, bias, many, n, skip);
                        assertThat(many)
                                .as("%s affineRows n=%d rows=%d skip=%b", kern.name(), n, rows, skip)
                                .containsExactly(one);
                    }

                    float[] d = random(rng, rows * n, 0);
                    float[] wOne = w.clone();
                    for (int q = 1; q < k; q++) {
                        kern.rankUpdateRow(wOne, q * n, n, 0.3f, a, q, k, rows, d);
                    }
                    for (boolean skip : new boolean[] {true, false}) {
                        float[] wMany = w.clone();
                        kern.rankUpdateRows(wMany, 1, k, n, 0.3f, a, k, rows, d, skip);
                        assertThat(wMany)
                                .as("%s rankUpdateRows n=%d rows=%d skip=%b", kern.name(), n, rows, skip)
                                .containsExactly(wOne);
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarProductsAgree() {
        Rng rng = new Rng(12);
        for (int n : WIDTHS) {
            for (int rows : new int[] {1, 4, 7}) {
                int k = 23;
                float[] a = random(rng, rows * k, 0.3);
                float[] w = random(rng, k * n, 0);
                float[] bias = random(rng, n, 0);
                float[] zv = new float[rows * n];
                float[] zs = new float[rows * n];
                vector.affineRows(a, k, 0, rows, k, w, bias, zv, n, true);
                scalar.affineRows(a, k, 0, rows, k, w, bias, zs, n, true);
                assertSameBits(zv, zs, "affineRows n=" + n + " rows=" + rows);

                float[] d = random(rng, rows * n, 0);
                float[] wv = w.clone();
                float[] ws = w.clone();
                vector.rankUpdateRows(wv, 1, k, n, 0.2f, a, k, rows, d, true);
                scalar.rankUpdateRows(ws, 1, k, n, 0.2f, a, k, rows, d, true);
                assertSameBits(wv, ws, "rankUpdateRows n=" + n + " rows=" + rows);
                assertThat(wv[0]).isEqualTo(w[0]); // row 0 is outside [1, k)
            }
        }
    }

    @Test
    void dotsAgree() {
        Rng rng = new Rng(2);
        for (int n : WIDTHS) {
            float[] x = random(rng, n + 5, 0);
            float[] y = random(rng, n + 2, 0);
            assertSameBits(
                    new float[] {vector.dot(x, 5, y, 2, n)}, new float[] {scalar.dot(x, 5, y, 2, n)}, "dot n=" + n);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) x[5 + i] * y[2 + i];
            }
            assertThat((double) scalar.dot(x, 5, y, 2, n))
                    .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * n));
        }
    }
}
