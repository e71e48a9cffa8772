package org.mlp4j;

import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.eval.Predictions;
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
 * }</pre>
 */
public final class Model {
    private final Network net;
    private final Map<String, String> metadata;
    private final Kernels kernels = Kernels.best();
    /** Standardisation of raw tabular inputs stored with the model, or null. */
    private final org.mlp4j.data.Standardizer standardizer;

    private Model(Network net, Map<String, String> metadata, org.mlp4j.data.Standardizer standardizer) {
        this.net = net;
        this.metadata = metadata;
        this.standardizer = standardizer;
    }

    /** Loads a model file written by {@code mlp4j train --save} (or {@link ModelFile#save}). */
    public static Model load(Path file) {
        ModelFile.Loaded loaded = ModelFile.load(file);
        float[] mean = loaded.extraTensors().get("input.mean");
        float[] std = loaded.extraTensors().get("input.std");
        return new Model(loaded.network(), loaded.metadata(),
                mean != null && std != null ? new org.mlp4j.data.Standardizer(mean, std) : null);
    }

    /** A model around a copy of the network's current parameters. */
    public static Model of(Network net, Map<String, String> metadata) {
        return new Model(net.copy(), Map.copyOf(metadata), null);
    }

    /** The file's metadata: architecture, input scaling, class names, recipe, metrics. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int inputSize() {
        return net.inputSize();
    }

    public int outputSize() {
        return net.outputSize();
    }

    /** The output layer's activations for one input of {@link #inputSize()} values. */
    public float[] predict(float[] x) {
        return predictBatch(new float[][] {x})[0];
    }

    /** The index of the largest output for one input. */
    public int predictClass(float[] x) {
        float[] out = predict(x);
        return Accuracy.argmax(out, 0, out.length);
    }

    /**
     * Outputs for many inputs, computed in batches on the calling thread. Inputs are raw: a model trained
     * on tabular data standardises them with the training set's mean and deviation first.
     */
    public float[][] predictBatch(float[][] xs) {
        if (standardizer != null) {
            float[][] z = new float[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                if (xs[i] == null || xs[i].length != net.inputSize()) {
                    throw new InvalidInputException("input " + i + ": expected " + net.inputSize() + " values, found "
                            + (xs[i] == null ? "null" : xs[i].length));
                }
                z[i] = standardizer.apply(xs[i]);
            }
            xs = z;
        }
        // A one-thread pool starts no thread: the work stays on the caller's thread.
        return Predictions.outputs(net, xs, kernels, new WorkerPool(1));
    }
}
