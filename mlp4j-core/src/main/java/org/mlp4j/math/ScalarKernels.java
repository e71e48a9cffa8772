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
    public void affineRows(float[] a, int aStride, int rFrom, int rTo, int k, float[] w, float[] bias, float[] z, int n,
            boolean skipZeros) {
        for (int r = rFrom; r < rTo; r++) {
            affineRow(a, r * aStride, k, w, bias, z, r * n, n);
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
    public void descendRows(float[] w, int kFrom, int kTo, int n, float scale, float[] coef, int coefStride, int m, float[] d,
            boolean skipZeros) {
        for (int k = kFrom; k < kTo; k++) {
            descendRow(w, k * n, n, scale, coef, k, coefStride, m, d);
        }
    }
}
