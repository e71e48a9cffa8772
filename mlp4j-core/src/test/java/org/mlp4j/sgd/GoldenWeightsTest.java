package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.sgd.optim.OptimizerSettings;

/**
 * Golden checks (issue 15): the SHA-256 of the weights after fixed short trainings, kept in
 * {@code golden-weights.properties}. They must not change with the JDK, the kernels (vector or scalar),
 * the number of threads or the machine: CI runs this class on every JDK it has, with each kind of kernel.
 * A change that alters a single bit fails here; a deliberate numeric change updates the hashes in its own
 * commit (the failure prints the new ones).
 */
class GoldenWeightsTest {
    /** 600 MNIST-like images: about 80% zero pixels, the rest grey levels; ten classes from their sums. */
    static TabularDataset images() {
        Rng rng = new Rng(2026);
        float[][] x = new float[600][784];
        int[] y = new int[600];
        for (int i = 0; i < x.length; i++) {
            int c = i % 10;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                boolean ink = rng.nextDouble() < 0.12 + 0.15 * ((row + c) % 3 == 0 ? 1 : 0) * (p % 28 > 6 ? 1 : 0);
                x[i][p] = ink ? (float) Math.round(rng.nextDouble() * 255) / 255f : 0f;
            }
            y[i] = c;
        }
        return TabularDataset.of(x, y, 10);
    }

    static String hash(Network net) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int l = 0; l < net.layerCount(); l++) {
            for (float[] t : new float[][] {net.weights(l), net.biases(l)}) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t);
                md.update(b.array());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The four runs: name → how to train a fresh network with {@code threads} threads. */
    static Map<String, Function<Integer, Network>> runs() {
        TabularDataset data = images();
        Map<String, Function<Integer, Network>> runs = new LinkedHashMap<>();
        runs.put(
                "article",
                threads -> train(
                        threads,
                        new int[] {784, 64, 10},
                        StandardActivation.SIGMOID,
                        StandardActivation.SIGMOID,
                        StandardCost.QUADRATIC,
                        Init.ARTICLE,
                        data,
                        new TrainingSettings(2, 32, 0.5)));
        runs.put(
                "default-recipe",
                threads -> train(
                        threads,
                        new int[] {784, 128, 10},
                        StandardActivation.RELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        Init.HE,
                        data,
                        TrainingSettings.of(3, 32, 0.05, 100)
                                .withOptimizer(OptimizerSettings.nesterov(0.9))
                                .withSchedule(Schedule.oneCycle(0))
                                .withRegularization(Regularization.dropout(0.2, 0.5))
                                .withAugmentation(Augmentation.shifts(28, 1))));
        runs.put(
                "adamw-tanh",
                threads -> train(
                        threads,
                        new int[] {784, 48, 10},
                        StandardActivation.TANH,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        Init.GLOROT,
                        data,
                        TrainingSettings.of(2, 32, 1e-3, 100)
                                .withOptimizer(OptimizerSettings.adamW(0.05))
                                .withSchedule(Schedule.cosine(1))));
        runs.put(
                "gelu-softmax",
                threads -> train(
                        threads,
                        new int[] {784, 64, 32, 10},
                        StandardActivation.GELU,
                        StandardActivation.SOFTMAX,
                        StandardCost.CROSS_ENTROPY,
                        Init.HE,
                        data,
                        TrainingSettings.of(2, 32, 0.05, 100)
                                .withOptimizer(OptimizerSettings.momentum(0.9, false))
                                .withAugmentation(Augmentation.shifts(28, 2)
                                        .withRotation(10)
                                        .withElastic(1))));
        return runs;
    }

    static Network train(
            int threads,
            int[] sizes,
            StandardActivation hidden,
            StandardActivation output,
            StandardCost cost,
            Init init,
            TabularDataset data,
            TrainingSettings settings) {
        Rng rng = new Rng(7);
        Network net = sizes[0] == 784 && init == Init.ARTICLE
                ? Network.articleInit(sizes, hidden, cost, rng)
                : Network.init(sizes, hidden, output, cost, init, rng);
        try (WorkerPool pool = new WorkerPool(threads)) {
            new MinibatchSgd(Kernels.best(), pool).fit(net, data, settings, rng, null);
        }
        return net;
    }

    /**
     * The functions themselves: a single-ulp change in a rarely hit case seldom shows in float32 weights,
     * so the bits of every transcendental function training uses are hashed over 200,000 seeded arguments.
     */
    static String functionsHash() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Rng rng = new Rng(15);
        ByteBuffer b = ByteBuffer.allocate(8 * 9).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * (i % 4 == 0 ? 0.5 : i % 4 == 1 ? 20 : i % 4 == 2 ? 90 : 700);
            float f = (float) Math.max(-100, Math.min(100, x));
            b.clear();
            b.putDouble(org.mlp4j.internal.ExactMath.exp(x))
                    .putDouble(org.mlp4j.internal.ExactMath.expm1(x))
                    .putDouble(org.mlp4j.internal.ExactMath.tanh(x))
                    .putFloat(org.mlp4j.internal.ExactMath.expFloat(f))
                    .putFloat(org.mlp4j.internal.ExactMath.sigmoidFloat(f))
                    .putDouble(StrictMath.log(Math.abs(x) + 1e-300))
                    .putDouble(StrictMath.log1p(Math.abs(x)))
                    .putDouble(StrictMath.pow(0.999, Math.abs(x)))
                    .putDouble(StrictMath.cos(x))
                    .putDouble(StrictMath.sin(x));
            md.update(b.array(), 0, b.position());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void weightsAfterFixedTrainingsHaveTheirGoldenHashes() throws Exception {
        Properties golden = new Properties();
        try (InputStream in = GoldenWeightsTest.class.getResourceAsStream("/golden-weights.properties")) {
            golden.load(in);
        }
        StringBuilder now = new StringBuilder();
        StringBuilder changed = new StringBuilder();
        for (Map.Entry<String, Function<Integer, Network>> run : runs().entrySet()) {
            String one = hash(run.getValue().apply(1));
            String two = hash(run.getValue().apply(2));
            assertThat(two).as(run.getKey() + ": 2 threads against 1").isEqualTo(one);
            now.append(run.getKey()).append('=').append(one).append('\n');
            if (!one.equals(golden.getProperty(run.getKey()))) {
                changed.append("  ")
                        .append(run.getKey())
                        .append(": expected ")
                        .append(golden.getProperty(run.getKey()))
                        .append(", found ")
                        .append(one)
                        .append('\n');
            }
        }
        String functions = functionsHash();
        now.append("functions=").append(functions).append('\n');
        if (!functions.equals(golden.getProperty("functions"))) {
            changed.append("  functions: expected ")
                    .append(golden.getProperty("functions"))
                    .append(", found ")
                    .append(functions)
                    .append('\n');
        }
        System.out.printf(
                "golden weights on Java %s (%s), %s kernels:%n%s",
                System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"),
                Kernels.best().name(),
                now);
        assertThat(changed.toString())
                .as("A change altered the training numerics: these runs no longer end with the"
                        + " same weights, bit for bit, on Java " + System.getProperty("java.version") + " with the "
                        + Kernels.best().name() + " kernels. If the change is deliberate, put these lines in"
                        + " mlp4j-core/src/test/resources/golden-weights.properties, in a commit of their own:\n" + now)
                .isEmpty();
    }
}
