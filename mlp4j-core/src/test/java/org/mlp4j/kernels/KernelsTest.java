package org.mlp4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.internal.ExactMath;
import org.mlp4j.math.Rng;

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
    void sparseInputsUpdateTheSameAsDenseOnes() {
        // MNIST-like inputs: most 16-wide runs of a row are zero, so the vector gather passes over them
        Rng rng = new Rng(13);
        int k = 70;
        for (int n : new int[] {64, 80, 130}) {
            for (int rows : new int[] {1, 5, 32}) {
                float[] a = random(rng, rows * k, 0.93);
                java.util.Arrays.fill(a, 0, Math.min(k, a.length), 0f); // a row with no input at all
                float[] w = random(rng, k * n, 0);
                float[] d = random(rng, rows * n, 0);
                float[] wv = w.clone();
                float[] ws = w.clone();
                float[] wDense = w.clone();
                vector.rankUpdateRows(wv, 1, k, n, 0.2f, a, k, rows, d, true);
                scalar.rankUpdateRows(ws, 1, k, n, 0.2f, a, k, rows, d, true);
                vector.rankUpdateRows(wDense, 1, k, n, 0.2f, a, k, rows, d, false);
                assertSameBits(wv, ws, "sparse rankUpdateRows n=" + n + " rows=" + rows);
                assertSameBits(wv, wDense, "sparse against dense rankUpdateRows n=" + n + " rows=" + rows);
                // one row, all zero: nothing may change; more rows: something must
                assertThat(java.util.Arrays.equals(wv, w))
                        .as("unchanged, rows=" + rows)
                        .isEqualTo(rows == 1);
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

    @Test
    void dropoutMasksAgreeAndDropTheRequestedShare() {
        for (double p : new double[] {0.0, 0.2, 0.5, 0.9}) {
            int threshold = (int) Math.round(p * (1 << 24));
            float keep = (float) (1 / (1 - p));
            int dropped = 0;
            int units = 0;
            for (int n : WIDTHS) {
                for (int seed : new int[] {0, 1, -7, 123456789}) {
                    float[] mv = new float[n + 3];
                    float[] ms = new float[n + 3];
                    vector.dropoutMask(seed, threshold, keep, mv, 2, n);
                    scalar.dropoutMask(seed, threshold, keep, ms, 2, n);
                    assertThat(ms[0]).isZero();
                    assertThat(ms[n + 2]).as("nothing written past the row").isZero();
                    for (int k = 2; k < n + 2; k++) {
                        assertThat(ms[k]).isIn(0f, keep);
                        dropped += ms[k] == 0f ? 1 : 0;
                        units++;
                    }
                    assertSameBits(mv, ms, "dropoutMask p=" + p + " n=" + n + " seed=" + seed);
                }
            }
            // a large row for the share: 200,000 draws, standard error about 0.001
            float[] big = new float[200_000];
            scalar.dropoutMask(99, threshold, keep, big, 0, big.length);
            int bigDropped = 0;
            for (float v : big) {
                bigDropped += v == 0f ? 1 : 0;
            }
            assertThat(bigDropped / (double) big.length)
                    .as("dropped share at p=" + p)
                    .isCloseTo(p, within(0.005));
            assertThat(units).isPositive();
            if (p == 0.0) {
                assertThat(dropped).isZero();
            }
        }
    }

    @Test
    void neighbouringSeedsGiveUnrelatedMasks() {
        // rows are seeded with neighbouring values in tests and hashes of them in training; either way two
        // rows' masks must not be copies or shifts of each other
        float[] a = new float[4096];
        float[] b = new float[4096];
        scalar.dropoutMask(1000, 1 << 23, 2f, a, 0, a.length);
        scalar.dropoutMask(1001, 1 << 23, 2f, b, 0, b.length);
        for (int shift = 0; shift < 4; shift++) {
            int same = 0;
            for (int k = 0; k + shift < a.length; k++) {
                same += a[k + shift] == b[k] ? 1 : 0;
            }
            assertThat(same / (double) (a.length - shift))
                    .as("agreement at shift " + shift)
                    .isBetween(0.45, 0.55);
        }
    }

    @Test
    void reluDeltaIsTheGeneralFormulaWithoutDerivatives() {
        Rng rng = new Rng(6);
        for (int n : WIDTHS) {
            float[] z = random(rng, n + 1, 0.1); // exact zeros too: σ′(0) = 0
            float[] d0 = random(rng, n + 1, 0.05);
            float[] mask = new float[n + 1];
            scalar.dropoutMask(n, 1 << 23, 2f, mask, 0, n + 1);
            for (float[] m : new float[][] {null, mask}) {
                float[] dv = d0.clone();
                float[] ds = d0.clone();
                vector.reluDelta(dv, z, m, 1, n);
                scalar.reluDelta(ds, z, m, 1, n);
                assertThat(ds[0]).isEqualTo(d0[0]);
                for (int p = 1; p <= n; p++) {
                    double derivative = z[p] > 0 ? 1 : 0;
                    double mp = m == null ? 1 : m[p];
                    float general = mp == 0 ? 0f : (float) (d0[p] * mp * derivative);
                    assertThat(ds[p]).as("p=%d z=%f m=%f", p, z[p], mp).isEqualTo(general);
                }
                assertSameBits(dv, ds, "reluDelta n=" + n + (m == null ? "" : " masked"));
            }
        }
    }

    @Test
    void sigmoidDeltaIsTheGeneralFormulaInDouble() {
        Rng rng = new Rng(7);
        for (int n : WIDTHS) {
            float[] a = new float[n + 1];
            for (int p = 0; p <= n; p++) {
                a[p] = ExactMath.sigmoidFloat((float) (rng.nextGaussian() * 6));
            }
            a[n / 2] = 1f; // σ′ = 0 exactly
            float[] d0 = random(rng, n + 1, 0.05);
            d0[n / 3] = -0f;
            float[] mask = new float[n + 1];
            scalar.dropoutMask(n, 1 << 23, 2f, mask, 0, n + 1);
            for (float[] m : new float[][] {null, mask}) {
                float[] dv = d0.clone();
                float[] ds = d0.clone();
                vector.sigmoidDelta(dv, a, m, 1, n);
                scalar.sigmoidDelta(ds, a, m, 1, n);
                assertThat(ds[0]).isEqualTo(d0[0]);
                for (int p = 1; p <= n; p++) {
                    // Activation.derivativeRows' expressions, with SIGMOID's derivative(z, a) = a (1 − a)
                    float mp = m == null ? 1f : m[p];
                    double s = m == null ? a[p] : a[p] / mp;
                    float general = mp == 0f ? 0f : (float) ((m == null ? d0[p] : d0[p] * mp) * (s * (1.0 - s)));
                    assertThat(Float.floatToRawIntBits(ds[p]))
                            .as("p=%d a=%s m=%s", p, a[p], mp)
                            .isEqualTo(Float.floatToRawIntBits(general));
                }
                assertSameBits(dv, ds, "sigmoidDelta n=" + n + (m == null ? "" : " masked"));
            }
        }
    }

    @Test
    void dotRowsEqualOneDotPerRow() {
        Rng rng = new Rng(8);
        for (int len : WIDTHS) {
            for (int rows : new int[] {1, 3, 4, 5, 10}) {
                float[] x = random(rng, len + 2, 0.5);
                float[] y = random(rng, rows * len, 0);
                float[] bias = random(rng, rows, 0);
                float[] got = new float[rows + 1];
                float[] want = new float[rows + 1];
                vector.dotRows(x, 2, y, rows, len, bias, got, 1);
                scalar.dotRows(x, 2, y, rows, len, bias, want, 1);
                for (int j = 0; j < rows; j++) {
                    assertThat(want[1 + j]).isEqualTo(bias[j] + scalar.dot(x, 2, y, j * len, len));
                }
                assertSameBits(got, want, "dotRows len=" + len + " rows=" + rows);
            }
        }
    }
}
