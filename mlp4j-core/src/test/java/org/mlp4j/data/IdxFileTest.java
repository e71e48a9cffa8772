package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.testing.Fuzzer;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsRawAndGzip() throws IOException {
        byte[] data = new byte[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 10);
        }
        byte[] file = idx(new int[] {2, 3, 4}, data);
        for (Path p : new Path[] {write("a-idx3-ubyte", file), write("a-idx3-ubyte.gz", gzip(file))}) {
            IdxFile f = IdxFile.read(p);
            assertThat(f.dims()).containsExactly(2, 3, 4);
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.itemSize()).isEqualTo(12);
            assertThat(f.data()).containsExactly(data);
        }
    }

    @Test
    void truncatedRawFileNamesTheFileAndTheSizes() throws IOException {
        byte[] file = idx(new int[] {10, 5}, new byte[50]);
        Path p = write("trunc", Arrays.copyOf(file, file.length - 7));
        assertThatThrownBy(() -> IdxFile.read(p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("expected 62 bytes")
                .hasMessageContaining("found 55 bytes")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        byte[] file = idx(new int[] {3}, new byte[3]);
        Path p = write("long", Arrays.copyOf(file, file.length + 1));
        assertThatThrownBy(() -> IdxFile.read(p)).hasMessageContaining("trailing data");
        Path gz = write("long.gz", gzip(Arrays.copyOf(file, file.length + 1)));
        assertThatThrownBy(() -> IdxFile.read(gz))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trailing data");
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        byte[] file = idx(new int[] {100, 10}, new byte[1000]);
        Path p = write("short.gz", gzip(Arrays.copyOf(file, 500)));
        assertThatThrownBy(() -> IdxFile.read(p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("short.gz")
                .hasMessageContaining("truncated");
        byte[] gz = gzip(file);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxFile.read(cut))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.gz");
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        byte[] file = idx(new int[] {3}, new byte[3]);
        file[0] = 0x50;
        Path p = write("magic", file);
        assertThatThrownBy(() -> IdxFile.read(p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("magic")
                .hasMessageContaining("found 0x50");
        byte[] floats = idx(new int[] {3}, new byte[3]);
        floats[2] = 0x0D;
        Path q = write("floats", floats);
        assertThatThrownBy(() -> IdxFile.read(q))
                .hasMessageContaining("expected IDX type 0x08")
                .hasMessageContaining("0x0d");
    }

    @Test
    void lyingHeaderDoesNotAllocateWhatItClaims() throws IOException {
        // claims 60000 x 28 x 28 bytes (47 MB) but holds 10: rejected from the file size alone
        Path p = write("liar", idx(new int[] {60000, 28, 28}, new byte[10]));
        assertThatThrownBy(() -> IdxFile.read(p)).hasMessageContaining("expected 47040016 bytes");
        // the same header compressed: read in growing steps, rejected as truncated
        Path gz = write("liar.gz", gzip(idx(new int[] {60000, 28, 28}, new byte[10])));
        assertThatThrownBy(() -> IdxFile.read(gz)).hasMessageContaining("truncated");
        // a header larger than any array
        Path huge = write("huge", idx(new int[] {65536, 65536}, new byte[0]));
        assertThatThrownBy(() -> IdxFile.read(huge)).hasMessageContaining("more data than mlp4j can hold");
    }

    @Test
    void missingFileAndTinyFile() throws IOException {
        assertThatThrownBy(() -> IdxFile.read(dir.resolve("nope")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("not found");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxFile.read(tiny)).hasMessageContaining("at least 4 bytes");
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path images = write("img", idx(new int[] {3, 2, 2}, new byte[12]));
        Path labels = write("lab", idx(new int[] {4}, new byte[] {0, 1, 2, 3}));
        assertThatThrownBy(() -> Mnist.load(images, labels, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lab")
                .hasMessageContaining("expected 3 labels")
                .hasMessageContaining("found 4");
        Path badLabel = write("bad", idx(new int[] {3}, new byte[] {0, 11, 2}));
        assertThatThrownBy(() -> Mnist.load(images, badLabel, 10)).hasMessageContaining("found 11");
    }

    @Test
    void loadsPixelsScaledToTheUnitInterval() throws IOException {
        Path images = write("img", idx(new int[] {2, 1, 2}, new byte[] {0, (byte) 255, (byte) 51, 1}));
        Path labels = write("lab", idx(new int[] {2}, new byte[] {7, 3}));
        ImageDataset d = Mnist.load(images, labels, 10);
        assertThat(d.features(0)).containsExactly(0f, 1f);
        assertThat(d.features(1)).containsExactly(0.2f, 1 / 255f);
        assertThat(d.oneHot(0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(d.label(1)).isEqualTo(3);
    }

    @Test
    void idxReaderFailsOnlyWithTheDocumentedError() throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(4 + 12 + 3 * 4 * 5);
        raw.put(new byte[] {0, 0, 8, 3}).putInt(3).putInt(4).putInt(5);
        for (int i = 0; i < 60; i++) {
            raw.put((byte) (i * 37));
        }
        byte[] rawBytes = raw.array();
        int[] plain = Fuzzer.fuzz("IDX raw", rawBytes, 12, bytes -> IdxFile.decode(bytes, "fuzz"));
        assertThat(plain[0] + plain[1]).isEqualTo(Fuzzer.inputs());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(rawBytes);
        }
        int[] zipped = Fuzzer.fuzz("IDX gzip", gz.toByteArray(), 13, bytes -> IdxFile.decode(bytes, "fuzz"));
        assertThat(zipped[0] + zipped[1]).isEqualTo(Fuzzer.inputs());
    }

    @Test
    void anIdxDimensionOfTwoToThe31IsShownAsWritten() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put(new byte[] {0, 0, 8, 3}).putInt(10).putInt(Integer.MIN_VALUE).putInt(28);
        assertThatThrownBy(() -> IdxFile.decode(b.array(), "x.idx"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "x.idx: expected IDX dimensions from 1 to 2147483647, found 2147483648 in dimension 2 of 3");
    }

    @Test
    void mnistStreamsAnIdxFilesImagesAsRawGreyLevelsAndRefusesTheWrongSize() throws IOException {
        Path file = Files.write(
                dir.resolve("two.idx"), idx(new int[] {2, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255}));
        java.util.List<String> seen = new java.util.ArrayList<>();
        Mnist.forEachImage(file, 4, (x, i) -> seen.add(i + ":" + Arrays.toString(x)));
        assertThat(seen).containsExactly("0:[0.0, 1.0, 2.0, 3.0]", "1:[4.0, 5.0, 6.0, 255.0]");
        assertThatThrownBy(() -> Mnist.forEachImage(file, 784, (x, i) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": expected IDX images of 784 pixels, found dimensions [2, 2, 2]");
        Path labels = Files.write(dir.resolve("labels.idx"), idx(new int[] {2}, new byte[] {1, 2}));
        assertThatThrownBy(() -> Mnist.forEachImage(labels, 1, (x, i) -> {}))
                .hasMessage(labels + ": expected IDX images of 1 pixels, found dimensions [2]");
    }
}
