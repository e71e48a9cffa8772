package org.mlp4j.bench;

import java.util.concurrent.TimeUnit;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of one training step of 784-512-10 at batch 128, as the engine calls them:
 * the forward product (128×784)(784×512) and the fused weight update W −= s·Xᵀ Δ, each multiplying
 * every input ("dense") and skipping zero inputs, on inputs 19% non-zero (scattered at random, which
 * is harder for skipping than MNIST, whose zeros are the shared border). Time per product; GFLOPS =
 * 2·128·784·512 / time (for the skipping variants, the effective rate).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    static final int M = 128;
    static final int K = 784;
    static final int N = 512;

    @Param({"1", "2"})
    int threads;

    @Param({"vector", "scalar"})
    String kernels;

    Kernels kern;
    WorkerPool pool;
    float[] a;
    float[] w;
    float[] bias;
    float[] z;
    float[] d;

    @Setup(Level.Trial)
    public void setUp() {
        kern = "scalar".equals(kernels) ? Kernels.scalar() : Kernels.best();
        pool = new WorkerPool(threads);
        Rng rng = new Rng(1);
        a = new float[M * K];
        for (int i = 0; i < M * K; i++) {
            a[i] = rng.nextDouble() < 0.19 ? (float) rng.nextDouble() : 0f;
        }
        w = new float[K * N];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * 0.03);
        }
        bias = new float[N];
        z = new float[M * N];
        d = new float[M * N];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextGaussian() * 1e-3);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** Forward product multiplying every input, rows split over the threads in chunks of 8 (as training does). */
    @Benchmark
    public float[] denseForward() {
        pool.parallelFor(M, 8, (from, to) -> kern.affineRows(a, K, from, to, K, w, bias, z, N, false));
        return z;
    }

    /** The same product skipping zero inputs (19% non-zero). */
    @Benchmark
    public float[] skipZerosForward() {
        pool.parallelFor(M, 8, (from, to) -> kern.affineRows(a, K, from, to, K, w, bias, z, N, true));
        return z;
    }

    /** Fused weight update W −= s·Aᵀ Δ multiplying every coefficient, weight rows in chunks of 16. */
    @Benchmark
    public float[] denseUpdate() {
        pool.parallelFor(K, 16, (from, to) -> kern.rankUpdateRows(w, from, to, N, 1e-9f, a, K, M, d, false));
        return w;
    }

    /** The same update skipping zero coefficients. */
    @Benchmark
    public float[] skipZerosUpdate() {
        pool.parallelFor(K, 16, (from, to) -> kern.rankUpdateRows(w, from, to, N, 1e-9f, a, K, M, d, true));
        return w;
    }
}
