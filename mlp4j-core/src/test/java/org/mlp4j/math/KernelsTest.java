package org.mlp4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar ones, on shapes with and without vector-width tails. */
class KernelsTest {
    private static final int[] WIDTHS = {1, 3, 10, 16, 17, 63, 64, 65, 130, 512};

    private final Kernels vector = Kernels.best();
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

    private static void assertClose(float[] got, float[] want) {
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("element %d", i).isCloseTo(want[i],
                    org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(want[i]))));
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
            assertClose(zv, zs);
            // the sparse form of the same input
            int[] idx = new int[k];
            float[] val = new float[k];
            int nnz = 0;
            for (int r = 0; r < k; r++) {
                if (a[k + r] != 0f) {
                    idx[nnz] = r;
                    val[nnz++] = a[k + r];
                }
            }
            float[] zsp = new float[n + 3];
            vector.affineSparseRow(idx, val, 0, nnz, w, bias, zsp, 3, n);
            assertClose(zsp, zs);
            float[] zsps = new float[n + 3];
            scalar.affineSparseRow(idx, val, 0, nnz, w, bias, zsps, 3, n);
            assertThat(zsps).containsExactly(zs);
        }
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
                assertThat((double) av[i]).as("vector at z=%f", z[i]).isCloseTo(exact,
                        org.assertj.core.data.Offset.offset(1e-6 * Math.max(exact, 1e-30) + 1e-38));
                assertThat((double) as[i]).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-7 * exact + 1e-38));
            }
            assertThat(av[0]).isZero();
        }
    }

    /** The multi-row forms do the same arithmetic as the single-row ones, in another loop order: same bits. */
    @Test
    void multiRowSparseKernelsEqualTheSingleRowOnes() {
        Rng rng = new Rng(6);
        for (Kernels k : new Kernels[] {vector, scalar}) {
            for (int n : WIDTHS) {
                int rowsCount = 5;
                int features = 30;
                int[] idx = new int[rowsCount * features];
                float[] val = new float[rowsCount * features];
                int[] rowEnd = new int[rowsCount];
                for (int r = 0; r < rowsCount; r++) {
                    int p = r * features;
                    for (int f = 0; f < features; f++) {
                        if (rng.nextDouble() < 0.4) {
                            idx[p] = f;
                            val[p++] = (float) rng.nextGaussian();
                        }
                    }
                    rowEnd[r] = p;
                }
                float[] w = random(rng, features * n, 0);
                float[] bias = random(rng, n, 0);
                float[] many = new float[rowsCount * n];
                float[] one = new float[rowsCount * n];
                k.affineSparseRows(idx, val, rowEnd, features, 1, rowsCount, w, bias, many, n);
                for (int r = 1; r < rowsCount; r++) {
                    k.affineSparseRow(idx, val, r * features, rowEnd[r], w, bias, one, r * n, n);
                }
                assertThat(many).containsExactly(one);

                // CSC columns over 'features' weight rows, coefficients from 'rowsCount' examples
                int[] colStart = new int[features + 1];
                int[] rows = new int[rowsCount * features];
                float[] coef = new float[rowsCount * features];
                int q = 0;
                for (int f = 0; f < features; f++) {
                    colStart[f] = q;
                    for (int r = 0; r < rowsCount; r++) {
                        if (rng.nextDouble() < 0.3) {
                            rows[q] = r;
                            coef[q++] = (float) rng.nextGaussian();
                        }
                    }
                }
                colStart[features] = q;
                float[] d = random(rng, rowsCount * n, 0);
                float[] wMany = w.clone();
                float[] wOne = w.clone();
                k.descendRowsSparse(wMany, 2, features, n, 0.3f, colStart, rows, coef, d);
                for (int f = 2; f < features; f++) {
                    k.descendRowSparse(wOne, f * n, n, 0.3f, rows, coef, colStart[f], colStart[f + 1], d);
                }
                assertThat(wMany).containsExactly(wOne);
            }
        }
    }

    @Test
    void blockedDenseKernelsAgreeWithScalar() {
        Rng rng = new Rng(12);
        for (int n : WIDTHS) {
            for (int rows : new int[] {1, 4, 7}) {
                int k = 23;
                float[] a = random(rng, rows * k, 0.3);
                float[] w = random(rng, k * n, 0);
                float[] bias = random(rng, n, 0);
                float[] zv = new float[rows * n];
                float[] zs = new float[rows * n];
                vector.affineRows(a, k, 0, rows, k, w, bias, zv, n);
                scalar.affineRows(a, k, 0, rows, k, w, bias, zs, n);
                assertClose(zv, zs);
                // a row computed inside a block of four equals the same row computed alone
                float[] alone = new float[rows * n];
                vector.affineRows(a, k, rows - 1, rows, k, w, bias, alone, n);
                for (int j = 0; j < n; j++) {
                    assertThat(alone[(rows - 1) * n + j]).isEqualTo(zv[(rows - 1) * n + j]);
                }

                float[] d = random(rng, rows * n, 0);
                float[] wv = w.clone();
                float[] ws = w.clone();
                vector.descendRows(wv, 1, k, n, 0.2f, a, k, rows, d);
                scalar.descendRows(ws, 1, k, n, 0.2f, a, k, rows, d);
                assertClose(wv, ws);
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
            assertThat(vector.dot(x, 5, y, 2, n)).isCloseTo(scalar.dot(x, 5, y, 2, n),
                    org.assertj.core.data.Offset.offset(1e-4f * n));
        }
    }

    @Test
    void descendRowsAgree() {
        Rng rng = new Rng(3);
        for (int n : WIDTHS) {
            int m = 21;
            float[] d = random(rng, m * n, 0);
            float[] coef = random(rng, m * 4, 0.6);
            float[] wv = random(rng, 2 * n, 0);
            float[] ws = wv.clone();
            vector.descendRow(wv, n, n, 0.1f, coef, 1, 4, m, d);
            scalar.descendRow(ws, n, n, 0.1f, coef, 1, 4, m, d);
            assertClose(wv, ws);

            int[] rows = new int[m];
            float[] vals = new float[m];
            int nnz = 0;
            for (int i = 0; i < m; i++) {
                if (coef[1 + 4 * i] != 0f) {
                    rows[nnz] = i;
                    vals[nnz++] = coef[1 + 4 * i];
                }
            }
            float[] wsp = random(new Rng(n), 2 * n, 0);
            float[] wsps = wsp.clone();
            float[] wref = wsp.clone();
            vector.descendRowSparse(wsp, n, n, 0.1f, rows, vals, 0, nnz, d);
            scalar.descendRowSparse(wsps, n, n, 0.1f, rows, vals, 0, nnz, d);
            scalar.descendRow(wref, n, n, 0.1f, coef, 1, 4, m, d);
            assertClose(wsp, wref);
            assertThat(wsps).containsExactly(wref);
        }
    }
}
