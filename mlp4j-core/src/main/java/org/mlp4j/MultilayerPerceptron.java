package org.mlp4j;

import java.util.List;
import org.mlp4j.data.ArrayDataset;
import org.mlp4j.data.Dataset;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.eval.Predictions;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Gradients;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.MinibatchSgd;
import org.mlp4j.train.SgdSettings;

/**
 * The article's {@code MultilayerPerceptron}, method for method: built from a list of layer sizes,
 * trained with {@link #fit} (minibatch SGD), queried with {@link #feedforward} / {@link #predict} and
 * scored with {@link #accuracy}; {@link #backprop} and {@link #updateParams} are the article's
 * per-example reference path.
 *
 * <pre>{@code
 * var mlp = new MultilayerPerceptron(new int[] {784, 512, 10}, StandardActivation.SIGMOID,
 *         StandardCost.QUADRATIC, 42);
 * mlp.fit(xTrain, yTrain, 10, 128, 0.5);
 * double acc = MultilayerPerceptron.accuracy(yTest, mlp.predict(xTest));
 * }</pre>
 *
 * <p>One random generator, seeded once, draws the initial parameters and then every epoch's shuffle,
 * as numpy's global generator does in the article: the same seed gives the same run, bit for bit.
 * An instance is not meant to be trained from two threads at once. It owns a pool of worker threads:
 * {@link #close()} it (try-with-resources) when done.
 */
public final class MultilayerPerceptron implements AutoCloseable {
    private final Network net;
    private final Rng rng;
    private final Kernels kernels;
    private final WorkerPool pool;

    /** The article's network: sigmoid activations, quadratic cost, seed 0, all processors. */
    public MultilayerPerceptron(int... layers) {
        this(layers, StandardActivation.SIGMOID, StandardCost.QUADRATIC, 0L);
    }

    public MultilayerPerceptron(int[] layers, Activation activation, Cost cost, long seed) {
        this(layers, activation, cost, seed, WorkerPool.defaultThreads());
    }

    /** @param threads threads for training and batched inference; the results do not depend on it */
    public MultilayerPerceptron(int[] layers, Activation activation, Cost cost, long seed, int threads) {
        this.rng = new Rng(seed);
        this.net = Network.articleInit(layers, activation, cost, rng);
        this.kernels = Kernels.best();
        this.pool = new WorkerPool(threads);
    }

    /**
     * A modern network: its own output activation (softmax) and cost (cross-entropy) and an
     * initialisation such as He's; train it with {@link SgdSettings#of} and its {@code with…} methods.
     */
    public MultilayerPerceptron(int[] layers, Activation hidden, Activation output, Cost cost,
            org.mlp4j.model.Init init, long seed) {
        this(layers, hidden, output, cost, init, seed, WorkerPool.defaultThreads());
    }

    /** The modern network with a thread count; the results do not depend on it. */
    public MultilayerPerceptron(int[] layers, Activation hidden, Activation output, Cost cost,
            org.mlp4j.model.Init init, long seed, int threads) {
        this.rng = new Rng(seed);
        this.net = Network.init(layers, hidden, output, cost, init, rng);
        this.kernels = Kernels.best();
        this.pool = new WorkerPool(threads);
    }

    /**
     * Saves the network as a model file that {@link Model#load} reads ({@code mlp4j predict} and
     * {@code evaluate} too), written atomically. {@code classNames} (one per output, or null for "0", "1",
     * …) go into the file, so {@link Model#classify} answers with labels.
     */
    public void save(java.nio.file.Path file, List<String> classNames) {
        save(file, classNames, null);
    }

    /**
     * {@link #save(java.nio.file.Path, List)} for a network trained on standardised tabular data: the
     * standardiser is stored too, so {@link Model#classify} (and {@code mlp4j predict}) take raw values.
     */
    public void save(java.nio.file.Path file, List<String> classNames, org.mlp4j.data.Standardizer inputs) {
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        java.util.Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        if (inputs != null) {
            if (inputs.mean().length != net.inputSize() || inputs.std().length != net.inputSize()) {
                throw new InvalidInputException("inputs: expected a standardiser of " + net.inputSize() + " features, found "
                        + inputs.mean().length);
            }
            meta.put("input_scaling", "standardize");
            tensors.put("input.mean", inputs.mean());
            tensors.put("input.std", inputs.std());
        }
        if (classNames != null) {
            if (classNames.size() != net.outputSize()) {
                throw new InvalidInputException("classNames: expected " + net.outputSize() + " names, found "
                        + classNames.size());
            }
            for (String name : classNames) {
                if (name == null || name.isEmpty() || name.contains(",")) {
                    throw new InvalidInputException("classNames: expected non-empty names without commas, found '" + name
                            + "'");
                }
            }
            meta.put("class_names", String.join(",", classNames));
        }
        org.mlp4j.io.ModelFile.save(file, net, meta, tensors);
    }

    /** Stops the worker threads; the instance cannot train or predict afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    /** The parameters, live. */
    public Network network() {
        return net;
    }

    /** The article's {@code feedforward}: the output layer's activations for each row of X. */
    public float[][] feedforward(float[][] x) {
        return Predictions.outputs(net, x, kernels, pool);
    }

    /** The article's {@code predict}: the same as {@link #feedforward}. */
    public float[][] predict(float[][] x) {
        return feedforward(x);
    }

    /** The predicted class of one example: the argmax of its output. */
    public int predictClass(float[] x) {
        float[] out = feedforward(new float[][] {x})[0];
        return Accuracy.argmax(out, 0, out.length);
    }

    /** The article's {@code accuracy}: share of rows whose argmax of y and of pred agree. */
    public static double accuracy(float[][] y, float[][] pred) {
        return Accuracy.of(y, pred);
    }

    /**
     * The article's {@code fit}: {@code epochs} epochs of minibatch SGD on (X, y), y one-hot. Returns the
     * validation accuracy of each epoch (on each epoch's held-out last minibatch).
     */
    public List<Double> fit(float[][] x, float[][] y, int epochs, int batchSize, double lr) {
        return fit(ArrayDataset.of(x, y), new SgdSettings(epochs, batchSize, lr), null);
    }

    /**
     * {@link #fit(float[][], float[][], int, int, double)} on any dataset, with a listener per epoch (which
     * can end training after any epoch: {@link EpochListener#stopRequested}).
     *
     * @throws org.mlp4j.train.TrainingStopped when the calling thread is interrupted (after the current
     *         minibatch; the interrupt flag stays set)
     */
    public List<Double> fit(Dataset data, SgdSettings settings, EpochListener listener) {
        return new MinibatchSgd(kernels, pool).fit(net, data, settings, rng, listener);
    }

    /** Accuracy, per-class precision, recall and F1, and the confusion matrix on a labelled dataset. */
    public org.mlp4j.eval.ConfusionMatrix evaluate(Dataset data) {
        return org.mlp4j.eval.ConfusionMatrix.of(net, data, kernels, pool);
    }

    /** The article's {@code backprop} for one example: ∂C/∂W and ∂C/∂b by equations (1)–(3). */
    public Gradients backprop(float[] x, float[] y) {
        return ReferenceNetwork.of(net).backprop(ReferenceNetwork.asDouble(x), ReferenceNetwork.asDouble(y));
    }

    /** The article's {@code update_params}: one SGD step on a minibatch, by the per-example path. */
    public void updateParams(float[][] xBatch, float[][] yBatch, double lr) {
        ReferenceNetwork.updateParams(net, xBatch, yBatch, lr);
    }
}
