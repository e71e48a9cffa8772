package org.mlp4j;

import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.engine.Inference;
import org.mlp4j.eval.Evaluation;
import org.mlp4j.io.ModelFile;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/**
 * A trained model for embedding in an application: load it once, then call {@link #predict} from as
 * many threads as you like. The parameters are never modified after loading, every call works in its
 * own buffers on the calling thread, and there is no global state.
 *
 * <p><b>Raw examples.</b> Every method here takes the user's data as it is in their files, and applies
 * the preprocessing stored in the model file, and nothing else: grey levels 0 to 255 for an image model
 * (divided by 255 here), a CSV row's values (or a DataFrame's) for a tabular one (standardised here with the
 * training set's mean and deviation), the features as given for a model whose scaling is {@code none}.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("model.safetensors"));
 * int digit = model.predictClass(greyLevels);      // a raw example: 784 grey levels 0..255
 * float[] outputs = model.predict(greyLevels);     // the 10 output activations
 * Prediction p = model.classify(greyLevels);       // the class, its name and the probabilities
 * String label = p.label();                        // the class name; p.probabilities() sums to 1
 * }</pre>
 *
 * <p><b>Regression models</b> ({@link #isRegression()}) answer {@link #predict} and {@link #predictBatch}
 * in the targets' own units (the network's standardised outputs times the stored deviation, plus the
 * mean); they have no classes, so {@link #classify}, {@link #predictClass} and {@link #evaluate} refuse
 * them, and {@link #evaluateRegression} scores them.
 */
public final class Model {
    private final Network net;
    private final Map<String, String> metadata;
    private final Kernels kernels = Kernels.best();
    /** Standardisation of raw tabular inputs stored with the model, or null. */
    private final org.mlp4j.data.Standardizer standardizer;

    /** Whether raw inputs are the network's inputs as they are ({@code input_scaling} "none"). */
    private final boolean unscaled;

    /** A regression's target scaling (outputs are z · std + mean), or null for a classifier. */
    private final org.mlp4j.data.Standardizer targets;

    private Model(
            Network net,
            Map<String, String> metadata,
            org.mlp4j.data.Standardizer standardizer,
            org.mlp4j.data.Standardizer targets) {
        this.net = net;
        this.metadata = metadata;
        this.standardizer = standardizer;
        this.unscaled = standardizer == null && "none".equals(metadata.get("input_scaling"));
        this.targets = targets;
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
        float[] targetMean = loaded.extraTensors().get("target.mean");
        float[] targetStd = loaded.extraTensors().get("target.std");
        return new Model(
                loaded.network(),
                loaded.metadata(),
                mean != null && std != null ? new org.mlp4j.data.Standardizer(mean, std) : null,
                targetMean != null && targetStd != null
                        ? new org.mlp4j.data.Standardizer(targetMean, targetStd)
                        : null);
    }

    /**
     * A model around a copy of the network's current parameters.
     *
     * @param net the network
     * @param metadata what a model file would hold (class names, input scaling, …)
     * @return the model
     */
    public static Model of(Network net, Map<String, String> metadata) {
        return new Model(net.copy(), Map.copyOf(metadata), null, null);
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
     * Whether the model predicts real values (a regression) rather than classes.
     *
     * @return true for a regression model
     */
    public boolean isRegression() {
        return targets != null;
    }

    /**
     * A regression model's target names, one per output (empty for a classifier).
     *
     * @return the names
     */
    public java.util.List<String> targetNames() {
        String stored = metadata.get("target_names");
        return targets == null || stored == null ? java.util.List.of() : java.util.List.of(stored.split(",", -1));
    }

    private void requireClasses(String what) {
        if (targets != null) {
            throw new InvalidInputException("model: " + what + " needs a classifier; this is a regression model of "
                    + String.join(", ", targetNames()) + " (use predict for its values)");
        }
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
     * The output layer's activations for one raw example, the model's stored input scaling applied: the
     * numbers a {@link Prediction} is made from; the same as {@link #predict}.
     *
     * @param raw one raw example
     * @return one value per class
     * @throws InvalidInputException when {@code raw} does not have {@link #inputSize()} finite values
     */
    public float[] outputs(float[] raw) {
        return predictBatch(new float[][] {raw})[0];
    }

    /**
     * The margins for one raw example, the model's stored input scaling applied: the output layer's weighted
     * inputs z, from which {@link #outputs} are made by the output activation (a softmax's logits, a sigmoid
     * output's log-odds). They are what MLlib's classifiers call the raw prediction; a classifier's
     * largest margin is its largest output.
     *
     * @param raw one raw example
     * @return one value per output
     * @throws InvalidInputException for a regression model (its outputs are the prediction), or when {@code
     *     raw} does not have {@link #inputSize()} finite values
     */
    public float[] margins(float[] raw) {
        requireClasses("margins");
        return Inference.margins(net, networkInputs(new float[][] {raw}), kernels, new WorkerPool(1))[0];
    }

    /**
     * The output layer's activation applied to margins, in double precision: what {@link #outputs} makes
     * of {@link #margins} (a softmax over them, or each one's sigmoid).
     *
     * @param margins one value per output
     * @return the outputs, a new array
     * @throws InvalidInputException when {@code margins} does not have {@link #outputSize()} values
     */
    public double[] activate(double[] margins) {
        if (margins.length != net.outputSize()) {
            throw new InvalidInputException(
                    "margins: expected " + net.outputSize() + " values, found " + margins.length);
        }
        double[] a = new double[margins.length];
        net.outputActivation().apply(margins, a);
        return a;
    }

    /**
     * Raw examples as the network takes them: each checked, then scaled as the model file says.
     *
     * @param raw raw examples, one per row
     * @return the network's inputs (new arrays; {@code raw} is left alone)
     */
    private float[][] networkInputs(float[][] raw) {
        float[][] x = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            checkRow(raw[i], i);
            if (standardizer != null) {
                x[i] = standardizer.apply(raw[i]);
            } else if (unscaled) {
                x[i] = raw[i];
            } else {
                x[i] = pixels(raw[i]);
            }
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
        requireClasses("classify");
        float[][] outs = predictBatch(raw);
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
     * Accuracy, per-class precision, recall and F1, and the confusion matrix on a labelled dataset of raw
     * examples, scaled here as {@link #predict} scales them. An {@link org.mlp4j.data.ImageDataset} holds
     * grey levels and divides them by 255 itself, exactly as an image model's stored scaling says, so it is
     * taken as it is; any other dataset's features are raw values.
     *
     * @param data a labelled dataset of raw examples
     * @return the confusion matrix and the figures drawn from it
     */
    public org.mlp4j.eval.ConfusionMatrix evaluate(org.mlp4j.data.Dataset data) {
        requireClasses("a confusion matrix");
        if (data.features() != net.inputSize() || data.classes() != net.outputSize()) {
            throw new InvalidInputException(
                    "data",
                    "data: expected " + net.inputSize() + " features and " + net.outputSize()
                            + " classes for this model, found " + data.features() + " and " + data.classes());
        }
        org.mlp4j.data.Dataset input = standardizer != null
                ? new ScaledView(data, standardizer::apply)
                : unscaled || data instanceof org.mlp4j.data.ImageDataset ? data : new ScaledView(data, Model::pixels);
        return org.mlp4j.eval.ConfusionMatrix.of(net, input, 1);
    }

    /** Grey levels divided by 255: the same float division ImageDataset and the ONNX graph's Div make. */
    private static float[] pixels(float[] raw) {
        float[] x = new float[raw.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = raw[k] / 255f;
        }
        return x;
    }

    /** A dataset seen through the model's scaling (no copy of the data). */
    private record ScaledView(org.mlp4j.data.Dataset data, java.util.function.UnaryOperator<float[]> s)
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
            return data.description() + " (scaled as the model's input)";
        }
    }

    /**
     * The output layer's activations for one raw example (see the class comment), scaled as the model
     * file says.
     *
     * @param raw one raw example of {@link #inputSize()} values
     * @return the outputs
     * @throws InvalidInputException when {@code raw} does not have {@link #inputSize()} finite values
     */
    public float[] predict(float[] raw) {
        return predictBatch(new float[][] {raw})[0];
    }

    /**
     * The index of the largest output for one raw example.
     *
     * @param raw one raw example
     * @return the index of the largest output
     */
    public int predictClass(float[] raw) {
        requireClasses("predictClass");
        float[] out = predict(raw);
        return Evaluation.argmax(out, 0, out.length);
    }

    /**
     * Outputs for many raw examples, computed in batches on the calling thread, each scaled as the model
     * file says (grey levels divided by 255, table rows standardised).
     *
     * @param raw raw examples, one per row
     * @return one output row per example
     * @throws InvalidInputException when a row does not have {@link #inputSize()} finite values
     */
    public float[][] predictBatch(float[][] raw) {
        // A one-thread pool starts no thread: the work stays on the caller's thread.
        float[][] out = Inference.outputs(net, networkInputs(raw), kernels, new WorkerPool(1));
        if (targets != null) {
            float[] mean = targets.mean();
            float[] std = targets.std();
            for (float[] row : out) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j] * std[j] + mean[j]; // float32, two roundings: the ONNX graph's Mul and Add
                }
            }
        }
        return out;
    }

    /**
     * A regression model's RMSE, MAE and R² on raw rows and their targets (in the targets' units), the rows
     * scaled as {@link #predict} scales them.
     *
     * @param raw     raw examples, one per row
     * @param targets their targets, one row each, {@link #outputSize()} values a row
     * @return the figures
     * @throws InvalidInputException for a classifier, or rows of the wrong shape
     */
    public org.mlp4j.data.RegressionMetrics.Fit evaluateRegression(float[][] raw, float[][] targets) {
        if (this.targets == null) {
            throw new InvalidInputException(
                    "model: evaluateRegression needs a regression model; this is a classifier" + " (use evaluate)");
        }
        if (targets.length != raw.length) {
            throw new InvalidInputException(
                    "targets", "targets: expected one row per example (" + raw.length + "), found " + targets.length);
        }
        org.mlp4j.data.RegressionMetrics m = new org.mlp4j.data.RegressionMetrics(net.outputSize());
        for (int from = 0; from < raw.length; from += Evaluation.EVAL_BATCH) {
            int to = Math.min(raw.length, from + Evaluation.EVAL_BATCH);
            float[][] out = predictBatch(java.util.Arrays.copyOfRange(raw, from, to));
            for (int i = from; i < to; i++) {
                if (targets[i] == null || targets[i].length != net.outputSize()) {
                    throw new InvalidInputException(
                            "targets",
                            "targets: row " + i + ": expected " + net.outputSize() + " values, found "
                                    + (targets[i] == null ? "null" : targets[i].length));
                }
                for (int j = 0; j < net.outputSize(); j++) {
                    m.add(j, out[i - from][j], targets[i][j]);
                }
            }
        }
        return m.fit();
    }
}
