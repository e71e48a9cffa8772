package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/**
 * The safetensors reader at the edges of what it accepts: each limit is met exactly (accepted) and
 * passed by one (refused with a message that says by how much). Files are built by hand here, so the
 * reader is not only checked against its own writer.
 */
class SafetensorsBoundaryTest {
    @TempDir
    Path dir;

    /** A file: the 8-byte little-endian header length, the header, then {@code data} bytes of zeros. */
    private static byte[] file(String header, int data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length)
                .put(h)
                .array();
    }

    private static byte[] withLength(long headerLength, int total) {
        return ByteBuffer.allocate(total)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(headerLength)
                .array();
    }

    @Test
    void theSmallestFileIsAnEmptyHeaderThatFillsIt() {
        Safetensors.Contents c = Safetensors.decode(file("{}", 0), "x");
        assertThat(c.tensors()).isEmpty();
        assertThat(c.metadata()).isEmpty();
        // eight bytes: a length field and nothing else
        assertThatThrownBy(() -> Safetensors.decode(withLength(0, 8), "x"))
                .hasMessageStartingWith("x: header length 0");
        assertThatThrownBy(() -> Safetensors.decode(new byte[7], "x"))
                .hasMessage("x: expected at least 8 bytes (the header length), found 7 (truncated file?)");
    }

    @Test
    void aHeaderLengthPastTheEndIsRefusedByOne() {
        byte[] ok = file("{}", 0); // header length 2, file 10 bytes
        ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 3);
        assertThatThrownBy(() -> Safetensors.decode(ok, "x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x: header length 3 does not fit: the file has 2 bytes after the length field");
        assertThatThrownBy(() -> Safetensors.decode(withLength(1, 9), "x"))
                .hasMessage("x: header length 1 does not fit: the file has 1 bytes after the length field");
        assertThatThrownBy(() -> Safetensors.decode(withLength(Safetensors.MAX_HEADER, 16), "x"))
                .hasMessage("x: header length " + Safetensors.MAX_HEADER + " does not fit: the file has 8 bytes after"
                        + " the length field");
        assertThatThrownBy(() -> Safetensors.decode(withLength(Safetensors.MAX_HEADER + 1, 16), "x"))
                .hasMessageEndingWith("(and headers are limited to " + Safetensors.MAX_HEADER + " bytes)");
    }

    @Test
    void tensorsListedOutOfOrderStillTileTheData() {
        String h = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        Safetensors.Contents c = Safetensors.decode(file(h, 16), "x");
        assertThat(c.tensors()).extracting(Safetensors.Tensor::name).containsExactly("b", "a");
    }

    @Test
    void emptyTensorsAndEightDimensionsAreAllowed() {
        String h = "{\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,1],\"data_offsets\":[0,4]}}";
        Safetensors.Contents c = Safetensors.decode(file(h, 4), "x");
        assertThat(c.tensor("z").data()).isEmpty();
        assertThat(c.tensor("e").shape()).hasSize(8);
        String nine = "{\"e\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,1,1],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(nine, 4), "x"))
                .hasMessage("x: tensor \"e\": shape: expected at most 8 dimensions, found 9");
        String backwards = "{\"e\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,3]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(backwards, 4), "x"))
                .hasMessage("x: tensor \"e\": data_offsets: expected 0 <= begin <= end, found [4, 3]");
    }

    @Test
    void shapesAreCheckedForSizeBeforeAnyArithmeticOverflows() {
        String huge = "{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(huge, 4), "x")).hasMessageEndingWith("is too large");
        String maxDim = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(maxDim, 4), "x")).hasMessageEndingWith("is too large");
        // exactly the limit in elements is not too large: it fails on its offsets instead
        String limit = "{\"w\":{\"dtype\":\"F32\",\"shape\":[536870911],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(limit, 4), "x"))
                .hasMessage("x: tensor \"w\": shape [536870911] needs 2147483644 bytes, data_offsets give 4");
        String negative = "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(negative, 4), "x"))
                .hasMessageContaining("shape: expected non-negative integers, found -1");
        String mismatch = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[4,12]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(mismatch, 12), "x"))
                .hasMessage("x: tensor \"w\": shape [3] needs 12 bytes, data_offsets give 8");
    }

    @Test
    void bytesAfterTheLastTensorAreCounted() {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertThatThrownBy(() -> Safetensors.decode(file(h, 12), "x")).hasMessage("x: 8 bytes after the last tensor");
    }

    @Test
    void theWriterAlignsTheDataToEightBytesWithAsFewSpacesAsNeeded() throws Exception {
        for (String name : List.of("a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh")) {
            byte[] bytes = Safetensors.encode(
                    List.of(new Safetensors.Tensor(name, new int[] {1}, new float[] {1f})), Map.of());
            long len = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat((8 + len) % 8).as(name).isZero();
            String header = new String(bytes, 8, (int) len, StandardCharsets.UTF_8);
            assertThat(header.length() - header.stripTrailing().length())
                    .as(name)
                    .isLessThan(8);
        }
        Path f = dir.resolve("t.safetensors");
        Safetensors.write(
                f, List.of(new Safetensors.Tensor("w", new int[] {2}, new float[] {1f, 2f})), Map.of("k", "v"));
        Safetensors.Contents c = Safetensors.read(f);
        assertThat(c.tensor("w").data()).containsExactly(1f, 2f);
        assertThat(c.metadata()).containsEntry("k", "v");
    }
}
