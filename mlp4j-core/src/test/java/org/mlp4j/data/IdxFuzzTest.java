package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.mlp4j.testing.Fuzzer;

/**
 * The IDX reader under a million mutated inputs, raw and gzip-compressed: it fails only with the documented
 * error. Apart from {@link IdxFileTest} because it takes seconds, which mutation testing would pay per mutant.
 */
class IdxFuzzTest {
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
}
