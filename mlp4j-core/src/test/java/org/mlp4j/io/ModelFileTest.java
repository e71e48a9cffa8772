package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

class ModelFileTest {
    @TempDir
    Path dir;

    static Network small(long seed) {
        return Network.articleInit(new int[] {6, 5, 3}, StandardActivation.TANH, StandardCost.QUADRATIC, new Rng(seed));
    }

    /** The ONNX export is the model file's: the graph OnnxExport encodes for it, written whole. */
    @Test
    void exportOnnxWritesTheLoadedModelsGraph() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, small(4), Map.of("input_scaling", "none"));
        ModelFile.Loaded loaded = ModelFile.load(file);
        Path onnx = dir.resolve("m.onnx");
        ModelFile.exportOnnx(onnx, loaded);
        byte[] written = Files.readAllBytes(onnx);
        assertThat(written).isNotEmpty().isEqualTo(OnnxExport.encode(loaded));
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("m.safetensors", "m.onnx");
        }
    }

    @Test
    void roundTripKeepsEveryBitAndTheMetadata() throws IOException {
        Network net = small(1);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, net, Map.of("seed", "1", "test_accuracy", "0.5"));
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertThat(loaded.network().sameParameters(net)).isTrue();
        assertThat(loaded.network().activation()).isEqualTo(StandardActivation.TANH);
        assertThat(loaded.metadata())
                .containsEntry("format", "mlp4j")
                .containsEntry("format_version", "2")
                .containsEntry("layers", "6,5,3")
                .containsEntry("seed", "1")
                .containsEntry("class_names", "0,1,2")
                .containsEntry("input_scaling", "pixel/255");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void weightsAreStoredInTheArticlesLayout() {
        Network net = small(2);
        Safetensors.Contents c = Safetensors.decode(ModelFile.encode(net, Map.of()), "mem");
        Safetensors.Tensor w = c.tensor("layers.0.weight");
        assertThat(w.shape()).containsExactly(5, 6);
        // W^0_{jk} at row j, column k
        assertThat(w.data()[3 * 6 + 4]).isEqualTo(net.weight(0, 3, 4));
        assertThat(c.tensor("layers.1.bias").data()).containsExactly(net.biases(1));
    }

    /** An independent reader of the format, written from the specification in Python (json + struct). */
    @Test
    void anIndependentReaderReadsTheFile() throws Exception {
        assumeThat(Path.of("/usr/bin/python3")).exists();
        Network net = small(3);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, net, Map.of());
        String script = String.join(
                "\n",
                "import json, struct, sys",
                "b = open(sys.argv[1], 'rb').read()",
                "n = struct.unpack('<Q', b[:8])[0]",
                "h = json.loads(b[8:8 + n].decode('utf-8'))",
                "t = h['layers.0.weight']",
                "s, e = t['data_offsets']",
                "vals = struct.unpack('<%df' % ((e - s) // 4), b[8 + n + s:8 + n + e])",
                "print(h['__metadata__']['layers'], t['dtype'], t['shape'], repr(vals[3 * 6 + 4]))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("6,5,3 F32 [5, 6] ");
        assertThat(Float.parseFloat(out.substring(out.lastIndexOf(' ') + 1))).isEqualTo(net.weight(0, 3, 4));
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void malformedFilesAreRejectedWithTheField() {
        byte[] good = ModelFile.encode(small(4), Map.of());
        assertThatThrownBy(() -> ModelFile.decode(Arrays.copyOf(good, 5), "f"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ModelFile.decode(Arrays.copyOf(good, good.length - 4), "f"))
                .hasMessageContaining("past the end of the data");
        byte[] longHeader = good.clone();
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertThatThrownBy(() -> ModelFile.decode(longHeader, "f")).hasMessageContaining("header length 1099511627776");
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertThatThrownBy(() -> ModelFile.decode(negative, "f"))
                .hasMessageContaining("header length 18446744073709551615");

        assertThatThrownBy(() -> Safetensors.decode(
                        withHeader("{\"a\":{\"dtype\":\"F16\",\"shape\":[2]," + "\"data_offsets\":[0,4]}}", 4), "f"))
                .hasMessageContaining("expected dtype F32, found \"F16\"");
        assertThatThrownBy(() -> Safetensors.decode(
                        withHeader(
                                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                                        + "\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                                8),
                        "f"))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> Safetensors.decode(
                        withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]," + "\"data_offsets\":[4,8]}}", 8), "f"))
                .hasMessageContaining("unused bytes 0 to 4");
        assertThatThrownBy(() -> Safetensors.decode(
                        withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3]," + "\"data_offsets\":[0,8]}}", 8), "f"))
                .hasMessageContaining("needs 12 bytes");
        assertThatThrownBy(() -> Safetensors.decode(
                        withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1]," + "\"data_offsets\":[0,0]}}", 0), "f"))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> Safetensors.decode(withHeader("{\"a\":[1,2", 0), "f"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Safetensors.decode(withHeader("{\"__metadata__\":{\"x\":1}}", 0), "f"))
                .hasMessageContaining("__metadata__ \"x\": expected a string");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            deep.append('[');
        }
        assertThatThrownBy(() -> Safetensors.decode(withHeader(deep.toString(), 0), "f"))
                .hasMessageContaining("nested");
    }

    @Test
    void softmaxModelsAndExtraTensorsRoundTrip() {
        Network net = Network.init(
                new int[] {4, 6, 3},
                StandardActivation.GELU,
                StandardActivation.SOFTMAX,
                StandardCost.CROSS_ENTROPY,
                org.mlp4j.model.Init.HE,
                new Rng(3));
        float[] mean = {1, 2, 3, 4};
        byte[] bytes = ModelFile.encode(net, Map.of(), Map.of("input.mean", mean));
        ModelFile.Loaded loaded = ModelFile.decode(bytes, "m");
        assertThat(loaded.network().outputActivation()).isEqualTo(StandardActivation.SOFTMAX);
        assertThat(loaded.network().activation()).isEqualTo(StandardActivation.GELU);
        assertThat(loaded.network().cost()).isEqualTo(StandardCost.CROSS_ENTROPY);
        assertThat(loaded.extraTensors().get("input.mean")).containsExactly(mean);
        byte[] wrongLength = ModelFile.encode(net, Map.of(), Map.of("input.std", new float[] {1, 2}));
        assertThatThrownBy(() -> ModelFile.decode(wrongLength, "m"))
                .hasMessageContaining("input.std: expected 4 values");
    }

    @Test
    void modelLevelChecks() {
        Network net = small(5);
        List<Safetensors.Tensor> tensors =
                Safetensors.decode(ModelFile.encode(net, Map.of()), "m").tensors();
        Map<String, String> meta =
                Safetensors.decode(ModelFile.encode(net, Map.of()), "m").metadata();
        java.util.function.Function<Map<String, String>, byte[]> withMeta = m -> Safetensors.encode(tensors, m);

        Map<String, String> newer = new java.util.LinkedHashMap<>(meta);
        newer.put("format_version", "4");
        assertThatThrownBy(() -> ModelFile.decode(withMeta.apply(newer), "f"))
                .hasMessageContaining("format_version 4 is unknown")
                .hasMessageContaining("newer mlp4j");
        Map<String, String> noOutput = new java.util.LinkedHashMap<>(meta);
        noOutput.remove("output_activation");
        assertThatThrownBy(() -> ModelFile.decode(withMeta.apply(noOutput), "f"))
                .hasMessageContaining("output_activation");
        Map<String, String> other = new java.util.LinkedHashMap<>(meta);
        other.put("format", "pt");
        assertThatThrownBy(() -> ModelFile.decode(withMeta.apply(other), "f"))
                .hasMessageContaining("not an mlp4j model");
        Map<String, String> chain = new java.util.LinkedHashMap<>(meta);
        chain.put("layers", "6,4,3");
        assertThatThrownBy(() -> ModelFile.decode(withMeta.apply(chain), "f"))
                .hasMessageContaining("layers.0.weight")
                .hasMessageContaining("expected shape [4, 6]")
                .hasMessageContaining("found [5, 6]");
        Map<String, String> act = new java.util.LinkedHashMap<>(meta);
        act.put("activation", "swish");
        assertThatThrownBy(() -> ModelFile.decode(withMeta.apply(act), "f")).hasMessageContaining("swish");
        byte[] missing = Safetensors.encode(tensors.subList(0, 3), meta);
        assertThatThrownBy(() -> ModelFile.decode(missing, "f"))
                .hasMessageContaining("missing tensor \"layers.1.bias\"");

        float[] nan = tensors.get(1).data().clone();
        nan[0] = Float.NaN;
        List<Safetensors.Tensor> bad = List.of(
                tensors.get(0),
                new Safetensors.Tensor("layers.0.bias", new int[] {5}, nan),
                tensors.get(2),
                tensors.get(3));
        assertThatThrownBy(() -> ModelFile.decode(Safetensors.encode(bad, meta), "f"))
                .hasMessageContaining("NaN");
    }

    @Test
    void missingFileIsAUserError() throws IOException {
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("none.safetensors")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not found");
    }
}
