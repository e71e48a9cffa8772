package org.mlp4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 24, item 14: a mirror that drips a byte at a time is abandoned, not only one that goes silent. */
class StallGuardTest {
    /** One byte every {@code gapMillis}, for ever. */
    static InputStream dripping(long gapMillis) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(gapMillis);
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int c = read();
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    @Test
    void aDrippingBodyIsAbandonedWithinTwoWindows() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> {
                    try (InputStream in = new StallGuard(dripping(50), Duration.ofMillis(400), 64)) {
                        byte[] buf = new byte[4096];
                        while (in.read(buf) >= 0) {
                            // drain
                        }
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessage("less than 64 bytes in 0.400 s; gave up");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void aBodyFastEnoughIsReadWhole() throws IOException {
        byte[] data = new byte[1 << 20];
        try (InputStream in = new StallGuard(new ByteArrayInputStream(data), Duration.ofMillis(400), 64)) {
            assertThat(in.readAllBytes()).hasSize(data.length);
        }
        // single-byte reads count too
        try (InputStream in = new StallGuard(new ByteArrayInputStream(new byte[] {7, 8}), Duration.ofSeconds(1), 1)) {
            assertThat(in.read()).isEqualTo(7);
            assertThat(in.read()).isEqualTo(8);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aSlowButSteadyBodyPassesEveryWindow() throws IOException {
        // 20 bytes a window of 400 ms against a floor of 4: three windows pass without a stall
        try (InputStream in = new StallGuard(dripping(20), Duration.ofMillis(400), 4)) {
            byte[] buf = new byte[1];
            for (int i = 0; i < 60; i++) {
                assertThat(in.read(buf)).isEqualTo(1);
            }
        }
    }
}
