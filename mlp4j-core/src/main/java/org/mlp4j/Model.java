package org.mlp4j;

import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.internal.Inference;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;

/**
 * A trained model for embedding in an application: load it once, then call {@link #predict} from as
 * many threads as you like. The parameters are never modified after loading, every call works in its
 * own buffers on the calling thread, and there is no global state.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("model.safetensors"));
 * int digit = model.predictClass(pixels);          // pixels: 784 floats in [0, 1]
 * float[] outputs = model.predict(pixels);         // the 10 output activations
 * Prediction p = model.classify(greyLevels);       // 784 raw grey levels 0..255 (or a CSV row's raw values)
 * String label = p.label();                        // the class name; p.probabilities() sums to 1
 * }</pre>
 */
public final class Model {
    private final Network net;
    private final Map<String, String> metadata;
    private final Kernels kernels = Kernels.best();
    /** Standardisation of raw tabular inputs stored with the model, or null. */
    private final org.mlp4j.data.Standardizer standardizer;

    /** Whether raw inputs are the network's inputs as they are ({@code input_scaling} "none"). */
    private final boolean unscaled;

    private Model(Network net, Map<String, String> metadata, org.mlp4j.data.Standardizer standardizer) {
        this.net = net;
        this.metadata = metadata;
        this.standardizer = standardizer;
        this.unscaled = standardizer == null && "none".equals(metadata.get("input_scaling"));
    }

    /**
     * Loads a model file written by {@code mlp4j train --save} (or {@link ModelFile#save}).
     *
     * @param file the model file
     * @return the model
     * @throws InvalidInputException when the file is missing, truncated or not a model file
     */
    public static Model load(Path file) {
        return of(ModelFile.load(file));
    }

    /**
     * A model from the bytes of a model file (kept in a database, sent over a network, broadcast by
     * Spark), checked as {@link #load} checks a file.
     *
     * @param bytes the model file's content
     * @param name  names the bytes in messages
     * @return the model
     * @throws InvalidInputException when the bytes are not a valid model file
     */
    public static Model fromBytes(byte[] bytes, String name) {
        return of(ModelFile.decode(bytes, name));
    }

    private static Model of(ModelFile.Loaded loaded) {
        float[] mean = loaded.extraTensors().get("input.mean");
        float[] std = loaded.extraTensors().get("input.std");
        return new Model(
                loaded.network(),
                loaded.metadata(),
                mean != null && std != null ? new org.mlp4j.data.Standardizer(mean, std) : null);
    }

    /**
     * A model around a copy of the network's current parameters.
     *
     * @param net the network
     * @param metadata what a model file would hold (class names, input scaling, …)
     * @return the model
     */
    public static Model of(Network net, Map<String, String> metadata) {
        return new Model(net.copy(), Map.copyOf(metadata), null);
    }

    /**
     * The file's metadata: architecture, input scaling, class names, recipe, metrics.
     *
     * @return the metadata, unmodifiable
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The number of inputs a raw example has.
     *
     * @return the count
     */
    public int inputSize() {
        return net.inputSize();
    }

    /**
     * The number of outputs (classes).
     *
     * @return the count
     */
    public int outputSize() {
        return net.outputSize();
    }

    /**
     * The class names, one per output, as stored in the model file ("0" to "9" for MNIST digits).
     *
     * @return one name per output
     */
    public java.util.List<String> classNames() {
        String stored = metadata.get("class_names");
        java.util.List<String> names = stored == null ? java.util.List.of() : java.util.List.of(stored.split(",", -1));
        if (names.size() != net.outputSize()) {
            return java.util.stream.IntStream.range(0, net.outputSize())
                    .mapToObj(Integer::toString)
                    .toList();
        }
        return names;
    }

    /**
     * How raw inputs become the network's inputs: {@code "pixel/255"} (grey levels 0 to 255, divided by
     * 255), {@code "standardize"} (tabular values, standardised with the training set's mean and
     * deviation stored in the file) or {@code "none"} (taken as they are, for a network trained on
     * features its caller prepared, as Spark pipelines do).
     *
     * @return the scaling's name
     */
    public String inputScaling() {
        return standardizer != null ? "standardize" : metadata.getOrDefault("input_scaling", "pixel/255");
    }

    /**
     * Classifies one raw example, applying the model's stored input scaling whatever the model: grey
     * levels 0 to 255 for an image model (MNIST's bytes as they are), raw feature values for a tabular one.
     *
     * @throws InvalidInputException when {@code raw} does not have {@link #inputSize()} finite values
     * @param raw one example's raw values
     * @return the class, its label and the probabilities
     */
    public Prediction classify(float[] raw) {
        return classifyAll(new float[][] {raw})[0];
    }

    /**
     * The output layer's activations for one raw example, the model's stored input scaling applied as
     * {@link #classify} applies it: the numbers a {@link Prediction} is made from.
     *
     * @param raw one example's raw values
     * @return one value per class
     * @throws InvalidInputException when {@code raw} does not have {@link #inputSize()} finite values
     */
    public float[] outputs(float[] raw) {
        return predictBatch(new float[][] {scaled(raw, 0)})[0];
    }

    /** A raw example as the network takes it: standardised later by predictBatch, or divided by 255. */
    private float[] scaled(float[] raw, int i) {
        checkRow(raw, i);
        if (standardizer != null || unscaled) {
            return raw; // predictBatch standardises tabular inputs
        }
        float[] x = new float[raw.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = raw[k] / 255f;
        }
        return x;
    }

    /**
     * {@link #classify} for many examples at once.
     *
     * @param raw raw examples, one per row
     * @return one prediction per example
     */
    public Prediction[] classifyAll(float[][] raw) {
        float[][] x = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            x[i] = scaled(raw[i], i);
        }
        float[][] outs = predictBatch(x);
        java.util.List<String> names = classNames();
        Prediction[] p = new Prediction[raw.length];
        for (int i = 0; i < raw.length; i++) {
            p[i] = Prediction.of(outs[i], names);
        }
        return p;
    }

    private void checkRow(float[] row, int i) {
        if (row == null || row.length != net.inputSize()) {
            throw new InvalidInputException("input " + i + ": expected " + net.inputSize() + " values, found "
                    + (row == null ? "null" : row.length));
        }
        for (int k = 0; k < row.length; k++) {
            if (!Float.isFinite(row[k])) {
                throw new InvalidInputException(
                        "input " + i + ", value " + k + ": expected a finite number, found " + row[k]);
            }
        }
    }

    /**
     * Accuracy, per-class precision, recall and F1, and the confusion matrix on a labelled dataset, whose
     * features are what {@link #predict} takes (for a tabular model, raw values: they are standardised
     * here as in {@link #predict}).
     *
     * @param data a labelled dataset of raw examples
     * @return the confusion matrix and the figures drawn from it
     */
    public org.mlp4j.eval.ConfusionMatrix evaluate(org.mlp4j.data.Dataset data) {
        if (data.features() != net.inputSize() || data.classes() != net.outputSize()) {
            throw new InvalidInputException(
                    "data",
                    "data: expected " + net.inputSize() + " features and " + net.outputSize()
                            + " classes for this model, found " + data.features() + " and " + data.classes());
        }
        org.mlp4j.data.Dataset input = standardizer == null ? data : new StandardizedView(data, standardizer);
        return org.mlp4j.eval.ConfusionMatrix.of(net, input, kernels, new WorkerPool(1));
    }

    /** A dataset seen through the model's standardisation (no copy of the data). */
    private record StandardizedView(org.mlp4j.data.Dataset data, org.mlp4j.data.Standardizer s)
            implements org.mlp4j.data.Dataset {
        @Override
        public int size() {
            return data.size();
        }

        @Override
        public int features() {
            return data.features();
        }

        @Override
        public int classes() {
            return data.classes();
        }

        @Override
        public int label(int i) {
            return data.label(i);
        }

        @Override
        public void copyFeatures(int i, float[] dst, int off) {
            float[] z = s.apply(data.features(i));
            System.arraycopy(z, 0, dst, off, z.length);
        }

        @Override
        public String description() {
            return data.description() + " (standardised)";
        }
    }

    /**
     * The output layer's activations for one input of {@link #inputSize()} values.
     *
     * @param x one raw input
     * @return the outputs
     */
    public float[] predict(float[] x) {
        return predictBatch(new float[][] {x})[0];
    }

    /**
     * The index of the largest output for one input.
     *
     * @param x one raw input
     * @return the index of the largest output
     */
    public int predictClass(float[] x) {
        float[] out = predict(x);
        return Accuracy.argmax(out, 0, out.length);
    }

    /**
     * Outputs for many inputs, computed in batches on the calling thread. Inputs are raw: a model trained
     * on tabular data standardises them with the training set's mean and deviation first.
     *
     * @param xs raw inputs, one per row
     * @return one output row per input
     */
    public float[][] predictBatch(float[][] xs) {
        if (standardizer != null) {
            float[][] z = new float[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                checkRow(xs[i], i);
                z[i] = standardizer.apply(xs[i]);
            }
            xs = z;
        }
        // A one-thread pool starts no thread: the work stays on the caller's thread.
        return Inference.outputs(net, xs, kernels, new WorkerPool(1));
    }
}
