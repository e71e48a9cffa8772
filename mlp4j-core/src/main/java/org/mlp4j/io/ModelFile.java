package org.mlp4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import org.mlp4j.train.Checkpointer;

/**
 * mlp4j's model file: a standard safetensors file. Tensors {@code layers.L.weight} (shape
 * [fan_out, fan_in], the article's and PyTorch's layout) and {@code layers.L.bias} ([fan_out]) for
 * L = 0, 1, …; {@code __metadata__} holds strings:
 * <ul>
 *   <li>{@code format} = {@value #FORMAT}, {@code format_version} = {@value #VERSION};</li>
 *   <li>{@code layers} (e.g. "784,512,10"), {@code activation} (hidden layers), {@code output_activation}
 *       (since version 2; version 1 files use {@code activation} everywhere), {@code cost};</li>
 *   <li>{@code input_scaling} (how raw inputs become the network's inputs; "pixel/255" for images) and
 *       {@code class_names} (comma-separated);</li>
 *   <li>{@code task} (since version 3): "regression" for a regression model, with {@code target_names}
 *       (comma-separated) instead of class names; absent for a classifier;</li>
 *   <li>anything else the caller adds: the training recipe, seed, final metrics.</li>
 * </ul>
 * Optional extra tensors: {@code input.mean} and {@code input.std} (standardisation of tabular inputs,
 * x' = (x − mean) / std), {@code target.mean} and {@code target.std} (a regression's target scaling,
 * required with {@code task} regression: outputs are z · std + mean), and {@code optimizer.*} and {@code early.*} (training state) in checkpoints.
 * Loading validates the safetensors layout (header length, JSON, dtypes, shapes and offsets) and then the model: format, version, architecture,
 * and that every tensor is present with the shape the layer sizes demand. Never Java serialisation.
 *
 * <p>A checkpoint ({@link #saveCheckpoint}, {@link #loadCheckpoint}) is a model file whose metadata also
 * holds the training position and the random generator's state, so {@code mlp4j train --resume} ends with the
 * bits an uninterrupted run would have; {@link #load} reads it as the model it is so far.
 */
public final class ModelFile {
    /** The {@code format} metadata value that marks an mlp4j model file. */
    public static final String FORMAT = "mlp4j";
    /**
     * The newest version of the file layout this code reads and writes: 3 for a regression model. A
     * classifier is still written as {@value #CLASSIFIER_VERSION}, which older mlp4j versions read; they
     * refuse a version 3 file rather than read a regression's outputs as class scores.
     */
    public static final int VERSION = 3;
    /** The version a classifier's file is written as. */
    public static final int CLASSIFIER_VERSION = 2;
    /** Names of the optional tensors a file may hold besides the layers. */
    private static final List<String> EXTRA_PREFIXES = List.of("input.", "target.", "optimizer.", "early.");
    /** The {@code task} of a regression model. */
    public static final String REGRESSION = "regression";
    /** A checkpoint's metadata keys: where training stands, and the random generator's state there. */
    private static final String EPOCH = "checkpoint_epoch";

    private static final String BATCH = "checkpoint_batch";
    private static final String RNG = "checkpoint_rng_state";
    private static final String RNG_SPARE = "checkpoint_rng_spare";
    private static final String STEP = "checkpoint_step";
    private static final List<String> STATE_PREFIXES = List.of("optimizer.", "early.");

    private ModelFile() {}

    /** A loaded model: the network and all metadata strings. */
    public record Loaded(Network network, Map<String, String> metadata, Map<String, float[]> extraTensors) {
        /**
         * A loaded model file.
         *
         * @param network the network
         * @param metadata the file's metadata
         */
        public Loaded(Network network, Map<String, String> metadata) {
            this(network, metadata, Map.of());
        }
    }

    /**
     * The file's bytes for a network plus extra metadata (recipe, seed, metrics, …).
     *
     * @param net the network
     * @param extra metadata to add
     * @return the bytes
     */
    public static byte[] encode(Network net, Map<String, String> extra) {
        return encode(net, extra, Map.of());
    }

    /**
     * As {@link #encode(Network, Map)}, with extra tensors named input.* or optimizer.*.
     *
     * @param net the network
     * @param extra metadata to add
     * @param extraTensors tensors to add
     * @return the bytes
     */
    public static byte[] encode(Network net, Map<String, String> extra, Map<String, float[]> extraTensors) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        boolean regression = REGRESSION.equals(extra.get("task"));
        meta.put("format_version", Integer.toString(regression ? VERSION : CLASSIFIER_VERSION));
        meta.put(
                "layers", Arrays.stream(net.sizes()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        meta.put("activation", net.activation().id());
        meta.put("output_activation", net.outputActivation().id());
        meta.put("cost", net.cost().id());
        // the caller may set the preprocessing and the class names; the architecture fields are always ours
        meta.put("input_scaling", extra.getOrDefault("input_scaling", "pixel/255"));
        if (!regression) {
            meta.put("class_names", extra.getOrDefault("class_names", defaultClassNames(net.outputSize())));
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            meta.putIfAbsent(e.getKey(), e.getValue());
        }
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            int in = net.size(l);
            int out = net.size(l + 1);
            tensors.add(new Safetensors.Tensor("layers." + l + ".weight", new int[] {out, in}, net.weightsOutByIn(l)));
            tensors.add(new Safetensors.Tensor(
                    "layers." + l + ".bias", new int[] {out}, net.biases(l).clone()));
        }
        for (Map.Entry<String, float[]> e : extraTensors.entrySet()) {
            if (EXTRA_PREFIXES.stream().noneMatch(e.getKey()::startsWith)) {
                throw new IllegalArgumentException(
                        "extra tensor name must start with one of " + EXTRA_PREFIXES + ": " + e.getKey());
            }
            tensors.add(new Safetensors.Tensor(
                    e.getKey(), new int[] {e.getValue().length}, e.getValue().clone()));
        }
        return Safetensors.encode(tensors, meta);
    }

    /**
     * Saves atomically (temporary file, fsync, rename).
     *
     * @param file where to write
     * @param net the network
     * @param extra metadata to add
     */
    public static void save(Path file, Network net, Map<String, String> extra) {
        AtomicFile.write(file, encode(net, extra));
    }

    /**
     * Saves atomically, with extra tensors (see {@link #encode(Network, Map, Map)}).
     *
     * @param file where to write
     * @param net the network
     * @param extra metadata to add
     * @param extraTensors tensors to add
     */
    public static void save(Path file, Network net, Map<String, String> extra, Map<String, float[]> extraTensors) {
        AtomicFile.write(file, encode(net, extra, extraTensors));
    }

    /**
     * Writes a loaded model file as an ONNX model, atomically: opset 17 (opset 20 when it uses GELU), input
     * {@code "input"} taking the same raw input as {@code Model.predict}, a {@code Gemm} and the activation's
     * operator per layer, output {@code "output"}: exactly the activations mlp4j's {@code predict} returns. An
     * image model divides its grey levels by 255 in the graph, a table model standardises its input there, a
     * regression model's graph ends in the targets' units, and the class names, input scaling and layer sizes
     * go into the graph's {@code metadata_props}. A model whose input handling ONNX cannot express is refused,
     * never exported wrong.
     *
     * @param file where to write
     * @param model the loaded model file
     * @throws org.mlp4j.InvalidInputException when the model has something ONNX cannot express here
     */
    public static void exportOnnx(Path file, Loaded model) {
        OnnxExport.write(file, model);
    }

    /**
     * Loads and validates a model file.
     *
     * @param file the model file
     * @return the network and its metadata
     * @throws org.mlp4j.InvalidInputException when the file is not a valid model file
     */
    public static Loaded load(Path file) {
        return fromContents(Safetensors.read(file), file.toString());
    }

    /**
     * Validates and decodes a model file's bytes; {@code name} is used in messages.
     *
     * @param bytes the file's content
     * @param name names it in messages
     * @return the network and its metadata
     * @throws org.mlp4j.InvalidInputException when the bytes are not a valid model file
     */
    public static Loaded decode(byte[] bytes, String name) {
        return fromContents(Safetensors.decode(bytes, name), name);
    }

    /** Every error names the file, including those of the parts that do not know it (activation names, …). */
    private static Loaded fromContents(Safetensors.Contents c, String name) {
        try {
            return checkedContents(c, name);
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new InvalidInputException(name + ": __metadata__ " + e.getMessage(), e);
        }
    }

    private static Loaded checkedContents(Safetensors.Contents c, String name) {
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new InvalidInputException(name + ": __metadata__ format: expected \"" + FORMAT + "\", found "
                    + quoted(meta.get("format")) + " (not an mlp4j model file)");
        }
        int version;
        try {
            version = Integer.parseInt(String.valueOf(meta.get("format_version")));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": __metadata__ format_version: expected an integer, found "
                    + quoted(meta.get("format_version")));
        }
        if (version < 1 || version > VERSION) {
            throw new InvalidInputException(
                    name + ": format_version " + version + " is unknown: this mlp4j reads versions 1 to " + VERSION
                            + (version > VERSION ? "; the file was written by a newer mlp4j" : ""));
        }
        int[] sizes = Network.parseSizes(meta.get("layers"), name + ": __metadata__ layers");
        Activation activation = Activation.byName(required(meta, "activation", name));
        Activation output = version >= 2 ? Activation.byName(required(meta, "output_activation", name)) : activation;
        Cost cost = Cost.byName(required(meta, "cost", name));
        int layerCount = sizes.length - 1;
        float[][] w = new float[layerCount][];
        float[][] b = new float[layerCount][];
        for (int l = 0; l < layerCount; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            // stored [fan_out, fan_in]; mlp4j keeps [fan_in, fan_out] (see Network)
            w[l] = Network.transpose(
                    tensor(c, "layers." + l + ".weight", new int[] {out, in}, name)
                            .data(),
                    out,
                    in);
            b[l] = tensor(c, "layers." + l + ".bias", new int[] {out}, name)
                    .data()
                    .clone();
        }
        Map<String, float[]> extras = extras(c, sizes, name);
        checkTask(meta, extras, sizes[layerCount], version, name);
        Network net = Network.of(sizes, activation, output, cost, w, b);
        if (!net.isFinite()) {
            throw new InvalidInputException(name + ": parameters contain NaN or infinity");
        }
        return new Loaded(net, Map.copyOf(meta), extras);
    }

    /**
     * The tensors besides the layers' (input.*, target.*, optimizer.*, early.*), after checking that there
     * is no other tensor and that a standardisation has one value per input.
     */
    private static Map<String, float[]> extras(Safetensors.Contents c, int[] sizes, String name) {
        int layerCount = sizes.length - 1;
        Map<String, float[]> extras = new LinkedHashMap<>();
        for (Safetensors.Tensor t : c.tensors()) {
            if (EXTRA_PREFIXES.stream().anyMatch(t.name()::startsWith)) {
                extras.put(t.name(), t.data());
            }
        }
        if (c.tensors().size() != 2 * layerCount + extras.size()) {
            throw new InvalidInputException(name + ": expected " + 2 * layerCount + " tensors for layers "
                    + c.metadata().get("layers")
                    + " (plus optional input.*, target.*, optimizer.* and early.* tensors), found "
                    + c.tensors().size());
        }
        for (String key : new String[] {"input.mean", "input.std"}) {
            float[] v = extras.get(key);
            if (v != null && v.length != sizes[0]) {
                throw new InvalidInputException(name + ": tensor " + key + ": expected " + sizes[0]
                        + " values (one per input), found " + v.length);
            }
        }
        return extras;
    }

    /** A regression model's task and target scaling, one value per output; nothing else is a task. */
    private static void checkTask(
            Map<String, String> meta, Map<String, float[]> extras, int outputs, int version, String name) {
        String task = meta.get("task");
        if (task == null || task.equals("classification")) {
            if (extras.containsKey("target.mean") || extras.containsKey("target.std")) {
                throw new InvalidInputException(name + ": tensors target.*: expected them only with __metadata__ task"
                        + " \"regression\", found task " + quoted(task));
            }
            return;
        }
        if (!task.equals(REGRESSION)) {
            throw new InvalidInputException(
                    name + ": __metadata__ task: expected \"classification\" or \"regression\", found " + quoted(task));
        }
        if (version < VERSION) {
            throw new InvalidInputException(name + ": __metadata__ task " + quoted(task) + ": expected format_version "
                    + VERSION + " for a task, found " + version);
        }
        for (String key : new String[] {"target.mean", "target.std"}) {
            float[] v = extras.get(key);
            if (v == null || v.length != outputs) {
                throw new InvalidInputException(name + ": tensor " + key + ": expected " + outputs
                        + " values (one per output of a regression model), found "
                        + (v == null ? "none" : v.length));
            }
        }
        for (float s : extras.get("target.std")) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new InvalidInputException(
                        name + ": tensor target.std: expected positive finite deviations, found " + s);
            }
        }
    }

    private static Safetensors.Tensor tensor(Safetensors.Contents c, String tensorName, int[] shape, String name) {
        Safetensors.Tensor t = c.tensor(tensorName);
        if (t == null) {
            throw new InvalidInputException(name + ": missing tensor \"" + tensorName + "\"");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new InvalidInputException(name + ": tensor \"" + tensorName + "\": expected shape "
                    + Arrays.toString(shape) + " for layers as declared, found " + Arrays.toString(t.shape()));
        }
        return t;
    }

    private static String required(Map<String, String> meta, String key, String name) {
        String v = meta.get(key);
        if (v == null) {
            throw new InvalidInputException(name + ": __metadata__ " + key + ": missing");
        }
        return v;
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }

    private static String defaultClassNames(int classes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < classes; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        return sb.toString();
    }

    // Checkpoints: a model file whose metadata also holds the training position and the random generator's
    // state, so `mlp4j train --resume` continues the run and ends with the bits an uninterrupted run would
    // have. Written as every model file is (temporary file, fsync, rename): a crash while writing leaves the
    // previous checkpoint in place.

    /** A loaded checkpoint: parameters, position and all metadata (including what the caller stored). */
    public record Checkpoint(Network network, Checkpointer.Position position, Map<String, String> metadata) {}

    /**
     * Writes the checkpoint; {@code extra} holds what the caller needs to resume (its settings).
     *
     * @param file where to write
     * @param net the network
     * @param position where training stands
     * @param extra what the caller needs to resume
     */
    public static void saveCheckpoint(
            Path file, Network net, Checkpointer.Position position, Map<String, String> extra) {
        saveCheckpoint(file, net, position, extra, Map.of());
    }

    /**
     * {@link #saveCheckpoint(Path, Network, Checkpointer.Position, Map)} with the model's own extra tensors (a table's
     * standardisation, a regression's target scaling), so a checkpoint is a model file {@code Model.load}
     * reads as the finished model would be read.
     *
     * @param file where to write
     * @param net the network
     * @param position where training stands
     * @param extra what the caller needs to resume
     * @param modelTensors tensors named input.* or target.*
     */
    public static void saveCheckpoint(
            Path file,
            Network net,
            Checkpointer.Position position,
            Map<String, String> extra,
            Map<String, float[]> modelTensors) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(EPOCH, Integer.toString(position.epoch()));
        meta.put(BATCH, Integer.toString(position.batch()));
        Rng.State s = position.epochStart();
        meta.put(RNG, Long.toString(s.state()));
        meta.put(
                RNG_SPARE,
                s.hasSpareGaussian() ? Long.toHexString(Double.doubleToRawLongBits(s.spareGaussian())) : "none");
        meta.put(STEP, Long.toString(position.step()));
        Map<String, float[]> tensors = new LinkedHashMap<>(modelTensors);
        tensors.putAll(position.state());
        save(file, net, meta, tensors);
    }

    /**
     * Loads a checkpoint written by {@link #saveCheckpoint}.
     *
     * @param file the checkpoint
     * @return the network, its position and the caller's metadata
     * @throws org.mlp4j.InvalidInputException when the file is not a checkpoint
     */
    public static Checkpoint loadCheckpoint(Path file) {
        Loaded m = load(file);
        Map<String, String> meta = m.metadata();
        try {
            int epoch = Integer.parseInt(requiredForCheckpoint(meta, EPOCH, file));
            int batch = Integer.parseInt(requiredForCheckpoint(meta, BATCH, file));
            long rngState = Long.parseLong(requiredForCheckpoint(meta, RNG, file));
            String spare = requiredForCheckpoint(meta, RNG_SPARE, file);
            Rng.State rng = spare.equals("none")
                    ? new Rng.State(rngState, false, 0)
                    : new Rng.State(rngState, true, Double.longBitsToDouble(Long.parseUnsignedLong(spare, 16)));
            if (epoch < 1 || batch < 0) {
                throw new InvalidInputException(
                        file + ": checkpoint position: expected epoch >= 1 and batch >= 0, found epoch " + epoch
                                + ", batch " + batch);
            }
            long step = Long.parseLong(meta.getOrDefault(STEP, "0"));
            Map<String, float[]> state = new LinkedHashMap<>();
            m.extraTensors().forEach((k, v) -> {
                if (STATE_PREFIXES.stream().anyMatch(k::startsWith)) {
                    state.put(k, v);
                }
            });
            return new Checkpoint(m.network(), new Checkpointer.Position(epoch, batch, rng, step, state), meta);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": checkpoint metadata: expected numbers, found " + e.getMessage());
        }
    }

    private static String requiredForCheckpoint(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new InvalidInputException(file + ": not a checkpoint: __metadata__ has no " + key
                    + " (a model file cannot be resumed; resume from a checkpoint file)");
        }
        return v;
    }
}
