package org.mlp4j.math;

/** Plain loops: the fallback when the Vector API is absent, and the baseline the vector kernels are tested against. */
public final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void affineRow(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n) {
        System.arraycopy(bias, 0, z, zOff, n);
        for (int r = 0; r < k; r++) {
            float c = a[aOff + r];
            if (c != 0f) {
                axpy(c, w, r * n, z, zOff, n);
            }
        }
    }

    @Override
    public void affineRows(float[] a, int aStride, int rFrom, int rTo, int k, float[] w, float[] bias, float[] z, int n) {
        for (int r = rFrom; r < rTo; r++) {
            System.arraycopy(bias, 0, z, r * n, n);
            for (int q = 0; q < k; q++) {
                axpy(a[r * aStride + q], w, q * n, z, r * n, n);
            }
        }
    }

    @Override
    public void affineSparseRow(int[] idx, float[] val, int from, int to, float[] w, float[] bias, float[] z, int zOff, int n) {
        System.arraycopy(bias, 0, z, zOff, n);
        for (int p = from; p < to; p++) {
            axpy(val[p], w, idx[p] * n, z, zOff, n);
        }
    }

    @Override
    public void affineSparseRows(int[] idx, float[] val, int[] rowEnd, int rowStride, int rFrom, int rTo, float[] w,
            float[] bias, float[] z, int n) {
        for (int r = rFrom; r < rTo; r++) {
            affineSparseRow(idx, val, r * rowStride, rowEnd[r], w, bias, z, r * n, n);
        }
    }

    @Override
    public void descendRowsSparse(float[] w, int kFrom, int kTo, int n, float scale, int[] colStart, int[] rows,
            float[] coef, float[] d) {
        for (int k = kFrom; k < kTo; k++) {
            descendRowSparse(w, k * n, n, scale, rows, coef, colStart[k], colStart[k + 1], d);
        }
    }

    private static void axpy(float c, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += c * x[xOff + j];
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        float s = 0f;
        for (int i = 0; i < len; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    // The gradient loops walk one column at a time, so they need no scratch row (no allocation per
    // step); the sum over the minibatch runs in ascending example order, as in the vector kernels.
    @Override
    public void descendRow(float[] w, int wOff, int n, float scale, float[] coef, int coefOff, int coefStride, int m, float[] d) {
        for (int j = 0; j < n; j++) {
            float g = 0f;
            for (int i = 0; i < m; i++) {
                g += coef[coefOff + i * coefStride] * d[i * n + j];
            }
            w[wOff + j] -= scale * g;
        }
    }

    @Override
    public void descendRows(float[] w, int kFrom, int kTo, int n, float scale, float[] coef, int coefStride, int m, float[] d) {
        for (int k = kFrom; k < kTo; k++) {
            for (int j = 0; j < n; j++) {
                float g = 0f;
                for (int i = 0; i < m; i++) {
                    g += coef[i * coefStride + k] * d[i * n + j];
                }
                w[k * n + j] -= scale * g;
            }
        }
    }

    @Override
    public void descendRowSparse(float[] w, int wOff, int n, float scale, int[] rows, float[] coef, int from, int to, float[] d) {
        for (int j = 0; j < n; j++) {
            float g = 0f;
            for (int p = from; p < to; p++) {
                g += coef[p] * d[rows[p] * n + j];
            }
            w[wOff + j] -= scale * g;
        }
    }
}
