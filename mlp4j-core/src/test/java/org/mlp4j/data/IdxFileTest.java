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

    private static java.util.List<String> images(Path file, int pixels) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        Mnist.forEachImage(file, pixels, (x, i) -> seen.add(i + ":" + Arrays.toString(x)));
        return seen;
    }

    @Test
    void streamedImagesComeFromGzipAndTwoDimensionsToo() throws IOException {
        byte[] two = idx(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
        Path gz = write("two.idx.gz", gzip(two));
        assertThat(images(gz, 3)).containsExactly("0:[1.0, 2.0, 3.0]", "1:[4.0, 5.0, 6.0]");
        assertThat(images(write("two.idx", two), 3)).hasSize(2);
    }

    @Test
    void streamedImagesRefuseAWrongSizeTruncatedItemsAndTrailingData() throws IOException {
        byte[] full = idx(new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6});
        Path shortRaw = write("short.idx", Arrays.copyOf(full, full.length - 1));
        assertThatThrownBy(() -> images(shortRaw, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(shortRaw + ": expected 18 bytes for IDX dimensions [3, 2], found 17 bytes");
        Path shortGz = write("short.idx.gz", gzip(Arrays.copyOf(full, full.length - 1)));
        assertThatThrownBy(() -> images(shortGz, 2))
                .hasMessage(shortGz + ": truncated: IDX dimensions [3, 2] declare 3 items, the data ends in item 3");
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        Path longGz = write("long.idx.gz", gzip(longer));
        assertThatThrownBy(() -> images(longGz, 2))
                .hasMessage(longGz + ": expected 3 items for IDX dimensions [3, 2], found trailing data");
    }

    @Test
    void decodeReadsValidBytes() {
        IdxFile f = IdxFile.decode(idx(new int[] {1, 2, 2}, new byte[] {9, 8, 7, 6}), "bytes");
        assertThat(f.dims()).containsExactly(1, 2, 2);
        assertThat(f.data()).containsExactly(9, 8, 7, 6);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.itemSize()).isEqualTo(4);
    }

    @Test
    void headerLimitsAtTheirBoundaries() {
        IdxFile four = IdxFile.decode(idx(new int[] {1, 1, 2, 1}, new byte[] {3, 4}), "four");
        assertThat(four.dims()).containsExactly(1, 1, 2, 1);
        assertThatThrownBy(() -> IdxFile.decode(idx(new int[] {2, 0}, new byte[0]), "zero"))
                .hasMessage("zero: expected IDX dimensions from 1 to 2147483647, found 0 in dimension 2 of 2");
        // exactly the largest array: the header is accepted, and the missing data is what is refused
        int largest = Integer.MAX_VALUE - 16;
        assertThatThrownBy(() -> IdxFile.decode(idx(new int[] {largest}, new byte[4]), "largest"))
                .hasMessage("largest: expected " + (8L + largest) + " bytes for IDX dimensions [" + largest
                        + "], found 12 bytes (truncated)");
        assertThatThrownBy(() -> IdxFile.decode(idx(new int[] {largest + 1}, new byte[4]), "past"))
                .hasMessage(
                        "past: IDX header declares [" + (largest + 1) + "], more data than mlp4j can hold in memory");
        assertThatThrownBy(() -> IdxFile.decode(idx(new int[] {2, 1 << 30, 2}, new byte[4]), "wide"))
                .hasMessage("wide: IDX header declares [2, 1073741824] and more, more data than mlp4j can hold in"
                        + " memory");
    }

    @Test
    void aLabelEqualToTheClassCountIsRefusedWithTheRange() throws IOException {
        Path images = write("img", idx(new int[] {2, 1, 1}, new byte[] {0, 0}));
        Path labels = write("lab", idx(new int[] {2}, new byte[] {9, 10}));
        assertThatThrownBy(() -> Mnist.load(images, labels, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(labels + ": expected labels 0 to 9, found 10 at item 1");
        assertThat(Mnist.load(images, write("nine", idx(new int[] {2}, new byte[] {9, 0})), 10)
                        .label(0))
                .isEqualTo(9);
    }

    @Test
    void mnistMakesAPictureADigitAsThePreprocessorDoes() {
        double[][] grey = new double[40][30];
        for (int y = 5; y < 30; y++) {
            grey[y][10 + y / 5] = 1;
        }
        assertThat(Mnist.digitFromPicture(grey, "p")).containsExactly(DigitPreprocessor.toMnist(grey, "p"));
        assertThat(Mnist.SIDE * Mnist.SIDE).isEqualTo(Mnist.digitFromPicture(grey, "p").length);
    }

    @Test
    void aGzipStreamCutShortIsRefusedWithTheItemItStopsIn() throws IOException {
        byte[] pixels = new byte[3 * 400];
        new java.util.Random(1).nextBytes(pixels); // incompressible: the stream's bytes follow the items'
        byte[] gz = gzip(idx(new int[] {3, 400}, pixels));
        Path cut = write("cut.idx.gz", Arrays.copyOf(gz, 700));
        assertThatThrownBy(() -> images(cut, 400))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(cut + ": corrupt or truncated gzip stream in item 2");
    }
}
