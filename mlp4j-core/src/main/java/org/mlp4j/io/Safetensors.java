package org.mlp4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.InvalidInputException;

/**
 * The safetensors format for float32 tensors: an unsigned little-endian 64-bit header length N, N bytes
 * of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets"}} (plus an optional
 * {@code "__metadata__"} map of strings), then the tensors' bytes, little-endian, back to back.
 *
 * <p>Reading checks everything before trusting it: the header length against the file's real size,
 * the JSON's syntax, every dtype, shape and offset pair, that tensors neither overlap nor leave holes and
 * that each one's byte count matches its shape. No allocation is sized by the header alone. Every
 * problem is an {@link InvalidInputException} naming the file and the field.
 */
final class Safetensors {
    /** Largest header accepted (the format's own readers cap it similarly). */
    static final long MAX_HEADER = 100L << 20;

    private static final String METADATA = "__metadata__";

    private Safetensors() {}

    /** A named float32 tensor. */
    public record Tensor(String name, int[] shape, float[] data) {
        /**
         * Checks the tensor: a name, a shape whose product is the data's length.
         *
         * @param name the tensor's name
         * @param shape its dimensions
         * @param data its values, row-major
         */
        public Tensor {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                        + " values, data has " + data.length);
            }
        }
    }

    /** Tensors (in file order) and the metadata strings. */
    public record Contents(List<Tensor> tensors, Map<String, String> metadata) {
        /**
         * The tensor with this name, or null.
         *
         * @param name the tensor's name
         * @return the tensor, or null
         */
        public Tensor tensor(String name) {
            for (Tensor t : tensors) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * The file's bytes.
     *
     * @param tensors the tensors, float32
     * @param metadata text metadata
     * @return the bytes
     */
    public static byte[] encode(List<Tensor> tensors, Map<String, String> metadata) {
        StringBuilder h = new StringBuilder("{");
        h.append(Json.quote(METADATA)).append(":{");
        boolean first = true;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            h.append(first ? "" : ",")
                    .append(Json.quote(e.getKey()))
                    .append(':')
                    .append(Json.quote(e.getValue()));
            first = false;
        }
        h.append('}');
        long offset = 0;
        for (Tensor t : tensors) {
            long bytes = 4L * t.data().length;
            h.append(',').append(Json.quote(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                h.append(i == 0 ? "" : ",").append(t.shape()[i]);
            }
            h.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + bytes)
                    .append("]}");
            offset += bytes;
        }
        h.append('}');
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while ((h.toString().getBytes(StandardCharsets.UTF_8).length + 8) % 8 != 0) {
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf =
                ByteBuffer.allocate(Math.toIntExact(8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        for (Tensor t : tensors) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + 4 * t.data().length);
        }
        return buf.array();
    }

    /**
     * Writes the file atomically: a temporary file beside it, fsync, then a rename over the target.
     *
     * @param file where to write
     * @param tensors the tensors, float32
     * @param metadata text metadata
     */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) {
        AtomicFile.write(file, encode(tensors, metadata));
    }

    /**
     * Reads and checks a safetensors file.
     *
     * @param file the file
     * @return its tensors and metadata
     * @throws org.mlp4j.InvalidInputException when the file is malformed
     */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + ": expected a model file, found a folder");
            }
            // a regular file's size is what stat says; a device or pipe (/dev/zero) has no size and must not
            // be read to its end: only the bytes its header declares are read
            bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : readDeclared(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (OutOfMemoryError | IOException e) {
            throw new InvalidInputException(file + ": could not read: " + e.getMessage());
        }
        return decode(bytes, file.toString());
    }

    /**
     * A stream's length field, header, and as many data bytes as the header's offsets declare, and no more;
     * what does not add up is left for {@link #decode} to name.
     */
    private static byte[] readDeclared(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] length = in.readNBytes(8);
            if (length.length < 8) {
                return length;
            }
            long headerLength =
                    ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                return length;
            }
            byte[] header = in.readNBytes((int) headerLength);
            long end = 0;
            try {
                if (Json.parse(new String(header, StandardCharsets.UTF_8)) instanceof Map<?, ?> entries) {
                    for (Object info : entries.values()) {
                        if (info instanceof Map<?, ?> m
                                && m.get("data_offsets") instanceof List<?> off
                                && off.size() == 2
                                && off.get(1) instanceof Long last) {
                            end = Math.max(end, last);
                        }
                    }
                }
            } catch (InvalidInputException malformed) {
                // decode names the problem
            }
            byte[] data = in.readNBytes((int) Math.min(end, Integer.MAX_VALUE - 16 - headerLength));
            ByteBuffer all = ByteBuffer.allocate(8 + header.length + data.length);
            return all.put(length).put(header).put(data).array();
        }
    }

    /**
     * Checks and decodes a safetensors file's bytes; {@code name} is used in messages.
     *
     * @param bytes the file's content
     * @param name names it in messages
     * @return its tensors and metadata
     * @throws org.mlp4j.InvalidInputException when the bytes are malformed
     */
    public static Contents decode(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw new InvalidInputException(name + ": expected at least 8 bytes (the header length), found "
                    + bytes.length + " (truncated file?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8L || headerLength > MAX_HEADER) {
            throw new InvalidInputException(name + ": header length " + Long.toUnsignedString(headerLength)
                    + " does not fit: the file has " + (bytes.length - 8) + " bytes after the length field"
                    + (headerLength > MAX_HEADER ? " (and headers are limited to " + MAX_HEADER + " bytes)" : ""));
        }
        Map<?, ?> header = headerObject(bytes, (int) headerLength, name);
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> spans = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(METADATA)) {
                readMetadata(e.getValue(), metadata, name);
                continue;
            }
            tensors.add(tensor(key, e.getValue(), bytes, dataStart, spans, name));
        }
        checkCoverage(spans, dataLength, tensors, name);
        return new Contents(List.copyOf(tensors), metadata);
    }

    /** The header's JSON object: UTF-8 text, valid JSON, an object. */
    private static Map<?, ?> headerObject(byte[] bytes, int headerLength, String name) {
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, headerLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name + ": header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(headerText);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new InvalidInputException(name + ": header: expected a JSON object, found " + Json.describe(parsed));
        }
        return (Map<?, ?>) parsed;
    }

    /**
     * One tensor's entry, checked (only dtype, shape and data_offsets; F32; its bytes inside the data and as
     * many as its shape needs) and read; its span is added to {@code spans} for the coverage check.
     */
    private static Tensor tensor(
            String key, Object entry, byte[] bytes, int dataStart, List<long[]> spans, String name) {
        long dataLength = bytes.length - (long) dataStart;
        if (!(entry instanceof Map)) {
            throw new InvalidInputException(
                    name + ": tensor \"" + key + "\": expected an object, found " + Json.describe(entry));
        }
        Map<?, ?> info = (Map<?, ?>) entry;
        for (Object field : info.keySet()) {
            if (!field.equals("dtype") && !field.equals("shape") && !field.equals("data_offsets")) {
                throw new InvalidInputException(name + ": tensor \"" + key + "\": unknown field \"" + field + "\"");
            }
        }
        if (!"F32".equals(info.get("dtype"))) {
            throw new InvalidInputException(
                    name + ": tensor \"" + key + "\": expected dtype F32, found " + describe(info.get("dtype")));
        }
        int[] shape = shape(info.get("shape"), key, name);
        long[] off = offsets(info.get("data_offsets"), key, name);
        if (off[1] > dataLength) {
            throw new InvalidInputException(name + ": tensor \"" + key + "\": data_offsets [" + off[0] + ", " + off[1]
                    + "] run past the end of the data (" + dataLength + " bytes)");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (off[1] - off[0] != 4 * count) {
            throw new InvalidInputException(name + ": tensor \"" + key + "\": shape " + Arrays.toString(shape)
                    + " needs " + 4 * count + " bytes, data_offsets give " + (off[1] - off[0]));
        }
        spans.add(new long[] {off[0], off[1], spans.size()});
        float[] data = new float[(int) count];
        ByteBuffer.wrap(bytes, dataStart + (int) off[0], (int) (off[1] - off[0]))
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(data);
        return new Tensor(key, shape, data);
    }

    private static void readMetadata(Object value, Map<String, String> metadata, String name) {
        if (!(value instanceof Map)) {
            throw new InvalidInputException(
                    name + ": __metadata__: expected an object of strings, found " + Json.describe(value));
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
            if (!(m.getValue() instanceof String)) {
                throw new InvalidInputException(name + ": __metadata__ \"" + m.getKey()
                        + "\": expected a string, found " + Json.describe(m.getValue()));
            }
            metadata.put((String) m.getKey(), (String) m.getValue());
        }
    }

    private static int[] shape(Object v, String key, String name) {
        if (!(v instanceof List)) {
            throw new InvalidInputException(
                    name + ": tensor \"" + key + "\": shape: expected an array, found " + Json.describe(v));
        }
        List<?> list = (List<?>) v;
        if (list.size() > 8) {
            throw new InvalidInputException(
                    name + ": tensor \"" + key + "\": shape: expected at most 8 dimensions, found " + list.size());
        }
        int[] shape = new int[list.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            Object d = list.get(i);
            if (!(d instanceof Long) || (Long) d < 0 || (Long) d > Integer.MAX_VALUE) {
                throw new InvalidInputException(name + ": tensor \"" + key
                        + "\": shape: expected non-negative integers," + " found " + describe(d));
            }
            shape[i] = (int) (long) (Long) d;
            count *= shape[i];
            if (count > Integer.MAX_VALUE / 4) {
                throw new InvalidInputException(name + ": tensor \"" + key + "\": shape " + list + " is too large");
            }
        }
        return shape;
    }

    private static long[] offsets(Object v, String key, String name) {
        if (!(v instanceof List)
                || ((List<?>) v).size() != 2
                || !(((List<?>) v).get(0) instanceof Long)
                || !(((List<?>) v).get(1) instanceof Long)) {
            throw new InvalidInputException(
                    name + ": tensor \"" + key + "\": data_offsets: expected [begin, end], found " + describe(v));
        }
        long b = (Long) ((List<?>) v).get(0);
        long e = (Long) ((List<?>) v).get(1);
        if (b < 0 || e < b) {
            throw new InvalidInputException(name + ": tensor \"" + key + "\": data_offsets: expected 0 <= begin <= end,"
                    + " found [" + b + ", " + e + "]");
        }
        return new long[] {b, e};
    }

    /** The tensors must tile the data exactly: no overlap, no hole, nothing after the last one. */
    private static void checkCoverage(List<long[]> spans, long dataLength, List<Tensor> tensors, String name) {
        spans.sort((x, y) -> Long.compare(x[0], y[0]));
        long expected = 0;
        for (long[] s : spans) {
            String tensor = tensors.get((int) s[2]).name();
            if (s[0] < expected) {
                throw new InvalidInputException(
                        name + ": tensor \"" + tensor + "\" overlaps the tensor before it (begins at " + s[0]
                                + ", the previous one ends at " + expected + ")");
            }
            if (s[0] > expected) {
                throw new InvalidInputException(
                        name + ": unused bytes " + expected + " to " + s[0] + " before tensor \"" + tensor + "\"");
            }
            expected = s[1];
        }
        if (expected != dataLength) {
            throw new InvalidInputException(name + ": " + (dataLength - expected) + " bytes after the last tensor");
        }
    }

    private static String describe(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }
}
