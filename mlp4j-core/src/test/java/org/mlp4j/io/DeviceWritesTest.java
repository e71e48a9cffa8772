package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/**
 * Issue 24, item 1: an atomic write never replaces what is not a regular file. A FIFO stands in for a
 * device (a test that replaced /dev/null on a regression would break the machine it runs on).
 */
class DeviceWritesTest {
    @TempDir
    Path dir;

    @Test
    void aPipeIsWrittenInPlaceNotReplaced() throws Exception {
        Path fifo = dir.resolve("out.onnx");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFile.write(fifo, "through the pipe".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(reader.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(fifo); // no temporary file beside it
        }
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsWritten() throws Exception {
        Path real =
                Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("m.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("m.link"), Path.of("store", "m.bin"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain"), link.getFileName());
        AtomicFile.write(chain, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(chain)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        AtomicFile.checkWritable(chain, "--save");
    }

    @Test
    void aDanglingLinkCreatesItsTargetAndALoopIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("made.bin"));
        AtomicFile.write(link, new byte[] {1, 2});
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("made.bin"))).containsExactly(1, 2);
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> AtomicFile.write(a, new byte[1]))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("too many levels of symbolic links");
        assertThatThrownBy(() -> AtomicFile.checkWritable(a, "--out"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--out " + a + ": cannot write there: ")
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void aFolderIsRefusedByName() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("m.safetensors"));
        Path link = Files.createSymbolicLink(dir.resolve("to-folder"), folder.getFileName());
        assertThatThrownBy(() -> AtomicFile.write(link, new byte[1]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(link + ": expected a file name, found a folder");
        assertThatThrownBy(() -> AtomicFile.checkWritable(link, "--save"))
                .hasMessage("--save " + link + ": expected a file name, found a folder");
    }

    @Test
    void aPipeThatCannotBeWrittenIsRefusedBeforeTheRun() throws Exception {
        Path fifo = dir.resolve("p");
        assertThat(new ProcessBuilder("mkfifo", "-m", "0444", fifo.toString())
                        .start()
                        .waitFor())
                .isZero();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            AtomicFile.checkWritable(fifo, "--onnx"); // root may write anything, and nothing is left beside it
        } else {
            assertThatThrownBy(() -> AtomicFile.checkWritable(fifo, "--onnx"))
                    .hasMessage("--onnx " + fifo + ": cannot write there: permission denied");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(fifo);
        }
    }

    @Test
    void aModelFileIsReadFromAPipeNoFurtherThanItsHeaderDeclares() throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, ModelFileTest.small(3), java.util.Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path fifo = dir.resolve("pipe.safetensors");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write(bytes);
                out.write(new byte[1 << 16]); // more than the header declares: never read
            } catch (java.io.IOException e) {
                // the reader closed its end once it had what the header declares
            }
        });
        ModelFile.Loaded loaded = ModelFile.load(fifo);
        assertThat(loaded.network().weights(0))
                .isEqualTo(ModelFile.load(file).network().weights(0));
        writer.get(10, TimeUnit.SECONDS);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Safetensors.read(Path.of("/dev/zero")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("/dev/zero: header length 0 does not fit");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThatThrownBy(() -> Safetensors.read(dir)).hasMessage(dir + ": expected a model file, found a folder");
    }

    @Test
    void aNewFileIsCheckedByAProbeThatLeavesNothing() throws Exception {
        Path fresh = dir.resolve("sub").resolve("new.safetensors");
        AtomicFile.checkWritable(fresh, "--save");
        assertThat(fresh).doesNotExist();
        try (var files = Files.list(fresh.getParent())) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aPipeWithTheSmallestHeaderIsReadWhole() throws Exception {
        Path fifo = dir.resolve("empty.safetensors");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
            } catch (java.io.IOException e) {
                // the reader may close first
            }
        });
        assertThat(Safetensors.read(fifo).tensors()).isEmpty(); // a header of 2 bytes, "{}", is a valid file
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aShortOrHostilePipeIsNamedByTheDecoder() throws Exception {
        for (byte[] content :
                java.util.List.of(new byte[] {1, 2, 3}, new byte[] {16, 0, 0, 0, 0, 0, 0, 0, '{', '}'}, new byte[] {
                    -1, -1, -1, -1, -1, -1, -1, 127
                })) {
            Path fifo = dir.resolve("p" + content.length + content[0] + ".safetensors");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                    .isZero();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (var out = Files.newOutputStream(fifo)) {
                    out.write(content);
                } catch (java.io.IOException e) {
                    // the reader may close first
                }
            });
            assertThatThrownBy(() -> Safetensors.read(fifo)).isInstanceOf(InvalidInputException.class);
            writer.get(10, TimeUnit.SECONDS);
        }
    }
}
