package org.mlp4j.kernels;

/**
 * The float32 inner loops of training and inference, one output row at a time. Callers split rows
 * over threads; each row's arithmetic is the same whichever thread runs it, so results do not depend
 * on the thread count.
 *
 * <p>All matrices are row-major. A weight matrix W is (k × n): row r is {@code w[r*n .. r*n+n)}.
 * The loops skip zero coefficients: the result is the same, and 81% of MNIST pixels (and every
 * inactive ReLU) are zero.
 *
 * <p>Two implementations: {@link VectorKernels} (the {@code jdk.incubator.vector} module, chosen when
 * the JVM was started with {@code --add-modules jdk.incubator.vector}) and {@link ScalarKernels}
 * (plain loops, always available). {@link #best()} picks one.
 */
public interface Kernels {

    /**
     * Name for logs and benchmarks: "vector" or "scalar".
     *
     * @return the implementation's name
     */
    String name();

    /**
     * Forward, dense input: z[zOff..zOff+n) = bias + Σ_r a[aOff + r] · W[r, :] for r &lt; k. The article's
     * z = W a + b for one example, in mlp4j's transposed layout.
     *
     * @param a the input activations
     * @param aOff where this example's row starts in {@code a}
     * @param k inputs (rows of W)
     * @param w weights, (k × n) row-major
     * @param bias n biases
     * @param z receives the weighted inputs
     * @param zOff where to write in {@code z}
     * @param n outputs (columns of W)
     */
    void affineRow(float[] a, int aOff, int k, float[] w, float[] bias, float[] z, int zOff, int n);

    /**
     * Forward for the rows r in [rFrom, rTo): z[r·n ..) = bias + a[r·aStride ..) · W. With
     * {@code skipZeros} an input that is zero contributes nothing and is skipped (the results are the
     * same as {@link #affineRow}'s, row by row); without it every input is multiplied, which benchmarks
     * use to show what skipping saves.
     *
     * @param a input activations, one row per example
     * @param aStride values per row of {@code a}
     * @param rFrom first row
     * @param rTo end of the rows (exclusive)
     * @param k inputs (rows of W)
     * @param w weights, (k × n) row-major
     * @param bias n biases
     * @param z receives the weighted inputs, n per row
     * @param n outputs (columns of W)
     * @param skipZeros skip inputs that are zero (sparse data such as MNIST)
     */
    void affineRows(
            float[] a,
            int aStride,
            int rFrom,
            int rTo,
            int k,
            float[] w,
            float[] bias,
            float[] z,
            int n,
            boolean skipZeros);

    /**
     * Σ_i x[xOff + i] · y[yOff + i] for i &lt; len.
     *
     * @param x first vector
     * @param xOff its first index
     * @param y second vector
     * @param yOff its first index
     * @param len number of terms
     * @return the dot product, summed in a fixed order (the same bits on every JVM)
     */
    float dot(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * The forward pass of a narrow layer for one example, on its transposed weights: out[outOff + j] =
     * bias[j] + {@link #dot}(x[xOff ..), y[j·len ..), len) for j &lt; rows, each dot in {@link #dot}'s order
     * (so the same bits), several at a time where the vector width allows.
     *
     * @param x the example's inputs
     * @param xOff where they start
     * @param y the transposed weights, rows × len row-major
     * @param rows output units
     * @param len inputs
     * @param bias one bias per output unit
     * @param out receives the weighted inputs
     * @param outOff where to write them
     */
    void dotRows(float[] x, int xOff, float[] y, int rows, int len, float[] bias, float[] out, int outOff);

    /**
     * Gradient step for one weight row, equation (3) summed over a minibatch and fused with the update:
     * w[wOff..wOff+n) −= scale · Σ_i coef[coefOff + i·coefStride] · d[i·n .. i·n+n) for i &lt; m.
     *
     * @param w the weights (or a gradient buffer, with the sign folded into {@code scale})
     * @param wOff the row's first index
     * @param n the row's length
     * @param scale the step, learning rate over batch size
     * @param coef the coefficients, one per example
     * @param coefOff the first coefficient
     * @param coefStride the distance between coefficients
     * @param m examples in the minibatch
     * @param d the δ rows, m × n
     */
    void rankUpdateRow(
            float[] w, int wOff, int n, float scale, float[] coef, int coefOff, int coefStride, int m, float[] d);

    /**
     * {@link #rankUpdateRow} for the weight rows k in [kFrom, kTo), row k taking its coefficients from
     * column k of A (coef[i·coefStride + k]): W −= scale · Aᵀ Δ for those rows, equation (3) summed over
     * the minibatch and fused with the update. {@code skipZeros} as in {@link #affineRows}.
     *
     * @param w the weights, (rows × n) row-major (or a gradient buffer)
     * @param kFrom first row
     * @param kTo end of the rows (exclusive)
     * @param n row length
     * @param scale the step, learning rate over batch size
     * @param coef the matrix A, m rows of {@code coefStride}
     * @param coefStride values per row of A
     * @param m examples in the minibatch
     * @param d the δ rows, m × n
     * @param skipZeros skip coefficients that are zero
     */
    void rankUpdateRows(
            float[] w,
            int kFrom,
            int kTo,
            int n,
            float scale,
            float[] coef,
            int coefStride,
            int m,
            float[] d,
            boolean skipZeros);

    /**
     * The logistic sigmoid a[i] = 1 / (1 + e^−z[i]) for i in [off, off + len).
     *
     * @param z the weighted inputs
     * @param a receives σ(z)
     * @param off the first index
     * @param len number of values
     */
    void sigmoid(float[] z, float[] a, int off, int len);

    /**
     * An inverted-dropout mask of {@code len} units: m[off + k] = 0 when unit k is dropped, else
     * {@code keep}. Unit k is dropped when the top 24 bits of {@link #dropoutHash dropoutHash}(seed + k ·
     * 0x9E3779B9) are below {@code threshold} (p · 2^24 for a drop probability p). Each unit's draw is a
     * pure function of (seed, k), so a row's mask is computed in wide vectors, and every implementation
     * gives the same bits.
     *
     * @param seed the row's seed
     * @param threshold drop when the 24-bit draw is below this, in [0, 2^24]
     * @param keep the value of a kept unit, 1 / (1 − p)
     * @param m receives the mask
     * @param off the first index
     * @param len number of units
     */
    void dropoutMask(int seed, int threshold, float keep, float[] m, int off, int len);

    /**
     * A 32-bit integer hash with full avalanche (two multiply–xorshift rounds): the draw behind
     * {@link #dropoutMask}.
     *
     * @param x the value to hash
     * @return its hash
     */
    static int dropoutHash(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        return x ^ (x >>> 16);
    }

    /**
     * Equation (2)'s "⊙ σ′(z)" for ReLU, with the dropout mask of the layer above: d[p] = d[p] · m[p]
     * where z[p] &gt; 0 and m[p] ≠ 0, else 0, for p in [off, off + len). ReLU's σ′ is 1 or 0, so no
     * derivative is computed, and the product is the float product the general path rounds to.
     *
     * @param d the back-propagated Δ, replaced by Δ ⊙ σ′(z) (⊙ m)
     * @param z the layer's weighted inputs
     * @param m the dropout mask applied to this layer's output, or null without dropout
     * @param off the first index
     * @param len number of values
     */
    void reluDelta(float[] d, float[] z, float[] m, int off, int len);

    /**
     * Equation (2)'s "⊙ σ′(z)" for the sigmoid, σ′ = σ(1 − σ) from the activations: d[p] = d[p] · a[p] ·
     * (1 − a[p]) computed in double precision and rounded once to float, as the general path
     * ({@code Activation.derivativeRows}) does; with a dropout mask m (a holding σ(z) · m), d[p] = d[p] · m[p]
     * · s(1 − s) with s = a[p] / m[p], or 0 where m[p] = 0.
     *
     * @param d the back-propagated Δ, replaced by Δ ⊙ σ′(z) (⊙ m)
     * @param a the layer's activations as the layer above saw them
     * @param m the dropout mask applied to this layer's output, or null without dropout
     * @param off the first index
     * @param len number of values
     */
    void sigmoidDelta(float[] d, float[] a, float[] m, int off, int len);

    /**
     * The fastest implementation this JVM can run, unless {@code -Dmlp4j.kernels=scalar} asks otherwise.
     *
     * @return the kernels to use
     */
    static Kernels best() {
        return KernelChoice.BEST;
    }

    /**
     * The plain-loop implementation.
     *
     * @return the scalar kernels
     */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * Whether the Vector API module is present in this JVM.
     *
     * @return true when {@code jdk.incubator.vector} is in the boot layer
     */
    static boolean vectorAvailable() {
        return KernelChoice.vectorModulePresent();
    }
}
