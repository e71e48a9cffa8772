package org.mlp4j.bench;

import java.util.concurrent.TimeUnit;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.Inference;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-image inference in-process, 784-512-10: one example's forward pass through a reused
 * workspace, on the calling thread. Sample mode reports p50 and p99 latency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class InferenceBenchmark {
    WorkerPool pool;
    Inference engine;
    Batch batch;
    TabularDataset images;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(3);
        Network net =
                Network.articleInit(new int[] {784, 512, 10}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, rng);
        float[][] x = new float[256][784];
        float[][] y = new float[256][10];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 784; k++) {
                x[i][k] = rng.nextDouble() < 0.19 ? (float) rng.nextDouble() : 0f;
            }
            y[i][i % 10] = 1f;
        }
        images = TabularDataset.of(x, y);
        pool = new WorkerPool(1);
        engine = new Inference(net, 1, Kernels.best(), pool);
        batch = new Batch(1, 784, 10);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float predictOne() {
        int i = next++ & 255;
        batch.assign(images, null, i, i + 1);
        engine.forward(batch);
        return engine.outputs()[0];
    }
}
