package org.mlp4j.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;

/**
 * Exports a network as an ONNX model (opset 17, IR version 8; opset 20, IR 9 when it uses GELU, whose
 * operator arrived in opset 20): input {@code "input"} of shape [batch, inputs], per layer a
 * {@code Gemm} (weights stored [fan_out, fan_in], {@code transB = 1}) and the activation's operator
 * ({@code Sigmoid}, {@code Tanh}, {@code Relu}, {@code LeakyRelu}, {@code Gelu} with
 * {@code approximate="tanh"}, {@code Softmax} over the last axis, or {@code Identity}), output
 * {@code "output"}: exactly the activations mlp4j's {@code predict} returns.
 *
 * <p>Package-private: users export through {@link ModelFile#exportOnnx}. The protobuf encoding is written directly (the few message types ONNX needs), so the library gains
 * no dependency; the test suite checks the result in ONNX Runtime.
 */
final class OnnxExport {
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;

    private OnnxExport() {}

    /**
     * Writes a loaded model file's ONNX graph atomically (see {@link #encode(ModelFile.Loaded)}).
     *
     * @param file where to write
     * @param model the loaded model file
     */
    static void write(Path file, ModelFile.Loaded model) {
        AtomicFile.write(file, encode(model));
    }

    /**
     * The ONNX model's bytes for a model file, taking the same raw input as {@code Model.predict}: an image
     * model divides its grey levels by 255 in the graph ({@code Div}, in float32 as mlp4j does), a model
     * trained on tabular data standardises its input in the graph ({@code Sub} of {@code input.mean}, then
     * {@code Div} by {@code input.std}, in float32 as mlp4j does), a model that takes its inputs as they are
     * ({@code none}: one trained on a Spark DataFrame) has no such step, and the class names, input scaling and
     * layer sizes go into the model's {@code metadata_props}. A regression model's graph ends by turning its
     * standardised outputs into the targets' units ({@code Mul} by {@code target.std}, {@code Add} of
     * {@code target.mean}, in float32 as mlp4j does). A model whose input handling cannot be written
     * as ONNX is refused, never exported wrong.
     *
     * @param model the loaded model file
     * @return the ONNX bytes
     * @throws org.mlp4j.InvalidInputException when the model has something ONNX cannot express here
     */
    static byte[] encode(ModelFile.Loaded model) {
        String scaling = model.metadata().getOrDefault("input_scaling", "pixel/255");
        float[] mean = null;
        float[] std = null;
        if (scaling.equals("standardize")) {
            mean = model.extraTensors().get("input.mean");
            std = model.extraTensors().get("input.std");
            int n = model.network().inputSize();
            if (mean == null || std == null || mean.length != n || std.length != n) {
                throw new InvalidInputException(
                        "export",
                        "export: the model standardises its inputs (input_scaling standardize)"
                                + " but its input.mean and input.std tensors are missing or not of " + n + " values");
            }
        } else if (!scaling.equals("pixel/255") && !scaling.equals("none")) {
            throw new InvalidInputException(
                    "export",
                    "export: input_scaling '" + scaling
                            + "' has no ONNX form; expected pixel/255, standardize or none");
        }
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>();
        float[] targetMean = model.extraTensors().get("target.mean");
        float[] targetStd = model.extraTensors().get("target.std");
        for (String key : new String[] {"class_names", "task", "target_names", "input_scaling", "layers", "dataset"}) {
            if (model.metadata().containsKey(key)) {
                props.put(key, model.metadata().get(key));
            }
        }
        boolean regression = ModelFile.REGRESSION.equals(model.metadata().get("task"));
        return encode(
                model.network(),
                scaling.equals("pixel/255"),
                mean,
                std,
                regression ? new float[][] {targetMean, targetStd} : null,
                props);
    }

    private static byte[] encode(
            Network net,
            boolean pixels,
            float[] mean,
            float[] std,
            float[][] targets,
            java.util.Map<String, String> props) {
        Proto graph = new Proto();
        String previous = inputScaling(graph, pixels, mean, std);
        previous = layers(graph, net, previous, targets == null);
        if (targets != null) {
            // y = z · std + mean: a regression's outputs in its targets' units, as Model.predict returns them
            graph.message(5, tensor("target.std", new long[] {targets[1].length}, targets[1]));
            graph.message(5, tensor("target.mean", new long[] {targets[0].length}, targets[0]));
            graph.message(1, node("target_scale", "Mul", new String[] {previous, "target.std"}, "rescaled", null));
            graph.message(1, node("target_shift", "Add", new String[] {"rescaled", "target.mean"}, "output", null));
        }
        graph.string(2, "mlp4j");
        graph.message(11, valueInfo("input", net.inputSize()));
        graph.message(12, valueInfo("output", net.outputSize()));
        boolean gelu = net.activation() == StandardActivation.GELU || net.outputActivation() == StandardActivation.GELU;
        Proto model = new Proto();
        model.varint(1, gelu ? 9 : 8); // IR version
        model.string(2, "mlp4j");
        model.string(3, "0.1.0");
        model.message(7, graph);
        model.message(8, new Proto().string(1, "").varint(2, gelu ? 20 : 17)); // opset
        for (java.util.Map.Entry<String, String> e : props.entrySet()) {
            model.message(14, new Proto().string(1, e.getKey()).string(2, e.getValue())); // metadata_props
        }
        return model.bytes();
    }

    /**
     * The graph's first nodes, the scaling mlp4j applies to raw inputs (grey levels divided by 255, or a
     * table's standardisation); returns the name of the scaled input.
     */
    private static String inputScaling(Proto graph, boolean pixels, float[] mean, float[] std) {
        String previous = "input";
        if (pixels) {
            // x' = x / 255: an image model's graph takes grey levels 0..255, as Model.predict does (fed to a
            // graph that expected [0, 1], they changed outputs by up to 0.60)
            graph.message(5, tensor("input.scale", new long[] {1}, new float[] {255f}));
            graph.message(1, node("pixel_scale", "Div", new String[] {"input", "input.scale"}, "scaled", null));
            previous = "scaled";
        }
        if (mean != null) {
            // x' = (x − mean) / std, the standardisation mlp4j applies to raw tabular inputs
            graph.message(5, tensor("input.mean", new long[] {mean.length}, mean));
            graph.message(5, tensor("input.std", new long[] {std.length}, std));
            graph.message(1, node("center", "Sub", new String[] {"input", "input.mean"}, "centered", null));
            graph.message(1, node("scale", "Div", new String[] {"centered", "input.std"}, "standardized", null));
            previous = "standardized";
        }
        return previous;
    }

    /**
     * Each layer as a Gemm (z = x Wᵀ + b) and its activation's operator, from {@code previous}; the last
     * layer's activation is the graph's output when {@code lastIsOutput}. Returns the last activation's name.
     */
    private static String layers(Proto graph, Network net, String previous, boolean lastIsOutput) {
        for (int l = 0; l < net.layerCount(); l++) {
            int in = net.size(l);
            int out = net.size(l + 1);
            String w = "layers." + l + ".weight";
            String b = "layers." + l + ".bias";
            graph.message(5, tensor(w, new long[] {out, in}, net.weightsOutByIn(l)));
            graph.message(5, tensor(b, new long[] {out}, net.biases(l)));
            String z = "z" + l;
            String a = l == net.layerCount() - 1 && lastIsOutput ? "output" : "a" + l;
            graph.message(
                    1,
                    node(
                            "gemm" + l,
                            "Gemm",
                            new String[] {previous, w, b},
                            z,
                            new Proto().string(1, "transB").varint(3, 1).varint(20, ATTRIBUTE_INT)));
            StandardActivation act = standard(net.activation(l));
            graph.message(1, node("act" + l, operator(act), new String[] {z}, a, attribute(act)));
            previous = a;
        }
        return previous;
    }

    private static StandardActivation standard(org.mlp4j.model.Activation a) {
        if (!(a instanceof StandardActivation)) {
            throw new InvalidInputException("export", "export: activation " + a.id() + " has no ONNX operator");
        }
        return (StandardActivation) a;
    }

    private static String operator(StandardActivation a) {
        return switch (a) {
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case RELU -> "Relu";
            case LEAKY_RELU -> "LeakyRelu";
            case GELU -> "Gelu";
            case SOFTMAX -> "Softmax";
            case IDENTITY -> "Identity";
        };
    }

    /** The operator's attribute, when mlp4j's activation needs one to match (AttributeProto). */
    private static Proto attribute(StandardActivation a) {
        return switch (a) {
            case LEAKY_RELU ->
                new Proto()
                        .string(1, "alpha")
                        .fixed32(2, (float) StandardActivation.LEAK)
                        .varint(20, ATTRIBUTE_FLOAT);
            case GELU -> new Proto().string(1, "approximate").string(4, "tanh").varint(20, ATTRIBUTE_STRING);
            default -> null;
        };
    }

    private static Proto node(String name, String op, String[] inputs, String output, Proto attribute) {
        Proto n = new Proto();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output).string(3, name).string(4, op);
        if (attribute != null) {
            n.message(5, attribute);
        }
        return n;
    }

    private static Proto tensor(String name, long[] dims, float[] data) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT).string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return t.bytes(9, raw.array());
    }

    /** A float tensor of shape [batch, width], the batch dimension symbolic. */
    private static Proto valueInfo(String name, int width) {
        Proto shape = new Proto().message(1, new Proto().string(2, "batch")).message(1, new Proto().varint(1, width));
        Proto tensorType = new Proto().varint(1, FLOAT).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** A protobuf message being written: fields in order, in the wire format. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        Proto varint(int field, long v) {
            raw((long) field << 3);
            raw(v);
            return this;
        }

        Proto fixed32(int field, float f) {
            raw(((long) field << 3) | 5);
            int bits = Float.floatToIntBits(f);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Proto bytes(int field, byte[] b) {
            raw(((long) field << 3) | 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
