package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.MemoryEstimate;
import org.mlp4j.model.Network;

/** The core's side of issue 10: messages that name what was expected and found, and files left behind. */
class HardeningTest {
    @TempDir
    Path dir;

    @Test
    void temporariesOfKilledWritersAreRemovedOnTheNextWrite() throws Exception {
        Path target = dir.resolve("ck.safetensors");
        // a writer killed mid-checkpoint (its process is gone), an old-style leftover, and someone else's file
        Path dead = Files.write(dir.resolve(".ck.safetensors-2147483000-1a2b.tmp"), new byte[1 << 20]);
        Path old = Files.write(dir.resolve(".ck.safetensors-1a2b3c.tmp"), new byte[1 << 10]);
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path other = Files.write(dir.resolve(".other.safetensors-2147483000-1a2b.tmp"), new byte[1]);
        ModelFile.save(target, ModelFileTest.small(3), Map.of());
        assertThat(dead).doesNotExist();
        assertThat(old).doesNotExist();
        assertThat(other).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(".other.safetensors-2147483000-1a2b.tmp", "ck.safetensors");
        }
    }

    @Test
    void aFailedWriteSaysWhy() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> ModelFile.save(notADir.resolve("m.safetensors"), ModelFileTest.small(3), Map.of()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith(notADir.resolve("m.safetensors") + ": could not write: ")
                .hasMessageNotContaining("could not write: " + notADir);
        assertThatThrownBy(() -> AtomicFile.checkWritable(notADir.resolve("m.safetensors"), "--save"))
                .hasMessageContaining("--save " + notADir.resolve("m.safetensors") + ": cannot write there: ");
    }

    @Test
    void csvWithAByteOrderMarkAndOutOfRangeNumbers() throws Exception {
        Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFFa,b,label\n1,2,x\n3,4,y\n");
        TabularDataset d = TabularDataset.read(bom, "label", null);
        assertThat(d.featureNames()).containsExactly("a", "b");
        Path huge = Files.writeString(dir.resolve("huge.csv"), "a,b,label\n1,1e308,x\n3,4,y\n");
        assertThatThrownBy(() -> TabularDataset.read(huge, "label", null))
                .hasMessage(huge + ": line 2, column 'b': expected a finite number of magnitude at most 3.4028235E38"
                        + " (float32), found '1e308'");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "1,NaN,x\n3,4,y\n");
        assertThatThrownBy(() -> TabularDataset.read(nan, "label", null)).hasMessageContaining("found 'NaN'");
    }

    @Test
    void jsonErrorsAreUserErrorsWithTheirPosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n ,}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("expected a quoted key at line 2, column 2");
        assertThatThrownBy(() -> Json.parse("\uFEFF{}")).hasMessageContaining("unexpected byte-order mark");
        assertThatThrownBy(() -> Json.parse("[1e999]")).hasMessageContaining("number out of range '1e999'");
        assertThatThrownBy(() -> Json.parse("[".repeat(20) + "]".repeat(20)))
                .hasMessageContaining("nested deeper than 16");
    }

    @Test
    void sizesAreCheckedInLongArithmeticAndAgainstTheHeap() {
        assertThatThrownBy(() -> Network.parseSizes("784,65536,65536,10", "--layers"))
                .hasMessage(
                        "--layers: layer 2 (65536 x 65536) has 4294967296 weights; one layer may have at most 2147483639");
        assertThatThrownBy(() -> Network.checkSizes(new int[] {70000, 70000}))
                .hasMessageContaining("4900000000 weights");
        // 784-512-10: 407,050 parameters; with momentum five copies, plus 128 rows of 1,306 units, four arrays each
        assertThat(MemoryEstimate.bytes(new int[] {784, 512, 10}, 128, 1))
                .isEqualTo((407_050L * 5 + 128L * 1306 * 4) * 4);
        assertThatThrownBy(() -> MemoryEstimate.check(new int[] {784, 100_000_000, 10}, 0, 2, "--layers"))
                .hasMessageStartingWith("--layers: this run needs about ")
                .hasMessageContaining("MLP4J_JAVA_OPTS=-Xmx");
        MemoryEstimate.check(new int[] {784, 512, 10}, 128, 2, "--layers"); // fits
    }
}
