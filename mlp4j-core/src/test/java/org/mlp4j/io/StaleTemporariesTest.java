package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cleaning of killed writers' temporaries must leave alone. */
class StaleTemporariesTest {
    @TempDir
    Path dir;

    @Test
    void livingWritersFreshLeftoversAndOtherTargetsAreKept() throws Exception {
        long parent = ProcessHandle.current().parent().orElseThrow().pid(); // alive: it started this JVM
        Path living = Files.write(dir.resolve(".m.safetensors-" + parent + "-1a.tmp"), new byte[1]);
        Path fresh = Files.write(dir.resolve(".m.safetensors-1a2b3c.tmp"), new byte[1]);
        Path oldOther = Files.write(dir.resolve(".other.safetensors-1a2b3c.tmp"), new byte[1]);
        Files.setLastModifiedTime(oldOther, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path notTemporary = Files.write(dir.resolve(".m.safetensors-2147483000-1a.part"), new byte[1]);
        Path oldOwn = Files.write(dir.resolve(".m.safetensors-9z.tmp"), new byte[1]);
        Files.setLastModifiedTime(oldOwn, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        AtomicFile.removeStaleTemporaries(dir, "m.safetensors");
        assertThat(living).exists();
        assertThat(fresh).exists();
        assertThat(oldOther).exists();
        assertThat(notTemporary).exists();
        assertThat(oldOwn).doesNotExist();
    }
}
