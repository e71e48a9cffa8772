package org.mlp4j.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the CLI's tests need of the safetensors format, which is not part of the API: a file's tensors as
 * bytes (to compare two runs' weights), and a copy of a file with its metadata changed (to hand the CLI a
 * hostile one). In this package because {@link Safetensors} is package-private; the tests run on the class
 * path, where this class shares the core's package.
 */
public final class SafetensorsFiles {
    private SafetensorsFiles() {}

    /** Every tensor's float32 values, big-endian, in the file's order. */
    public static byte[] tensorBytes(Path file) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Safetensors.Tensor t : Safetensors.read(file).tensors()) {
            ByteBuffer b = ByteBuffer.allocate(4 * t.data().length);
            b.asFloatBuffer().put(t.data());
            all.writeBytes(b.array());
        }
        return all.toByteArray();
    }

    /** Writes {@code to}: the tensors of {@code from}, with its metadata as {@code change} leaves it. */
    public static void copyWithMetadata(Path from, Path to, Consumer<Map<String, String>> change) {
        Safetensors.Contents contents = Safetensors.read(from);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        change.accept(metadata);
        Safetensors.write(to, contents.tensors(), metadata);
    }
}
