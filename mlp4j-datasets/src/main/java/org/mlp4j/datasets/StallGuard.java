package org.mlp4j.datasets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download body that is closed when it delivers nothing for a while: HTTP client timeouts end when the
 * headers arrive, and a mirror that then stalls would otherwise hold the first run forever.
 */
final class StallGuard extends FilterInputStream {
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mlp4j-download-watch");
        t.setDaemon(true);
        return t;
    });

    private final long limitNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private final ScheduledFuture<?> check;

    StallGuard(InputStream in, Duration limit) {
        super(in);
        this.limitNanos = limit.toNanos();
        long period = Math.max(100, limit.toMillis() / 4);
        this.check = WATCH.scheduleAtFixedRate(this::checkProgress, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
        if (System.nanoTime() - lastProgress > limitNanos) {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is how the blocked read is ended; its own error reports it
            }
            check.cancel(false);
        }
    }

    private IOException gaveUp() {
        return new IOException("no data for " + limitNanos / 1_000_000_000 + " s; gave up");
    }

    private int progress(int n) throws IOException {
        if (stalled) {
            throw gaveUp();
        }
        lastProgress = System.nanoTime();
        return n;
    }

    @Override
    public int read() throws IOException {
        try {
            return progress(super.read());
        } catch (IOException e) {
            throw stalled ? gaveUp() : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return progress(super.read(b, off, len));
        } catch (IOException e) {
            throw stalled ? gaveUp() : e;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
