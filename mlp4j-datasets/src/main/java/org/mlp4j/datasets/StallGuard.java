package org.mlp4j.datasets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A download body that is closed when it delivers too little for a while: HTTP client timeouts end when the
 * headers arrive, and a mirror that then stalls would otherwise hold the first run forever. "Too little"
 * is fewer than {@code minBytes} in a window of {@code window}: counting only silence let a mirror that
 * sent one byte every 10 s keep a download "downloading" for ever.
 */
final class StallGuard extends FilterInputStream {
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mlp4j-download-watch");
        t.setDaemon(true);
        return t;
    });

    private final long windowNanos;
    private final long minBytes;
    private final AtomicLong inWindow = new AtomicLong();
    private volatile long windowStart = System.nanoTime();
    private volatile boolean stalled;
    private final ScheduledFuture<?> check;

    StallGuard(InputStream in, Duration window, long minBytes) {
        super(in);
        this.windowNanos = window.toNanos();
        this.minBytes = minBytes;
        long period = Math.max(100, window.toMillis() / 4);
        this.check = WATCH.scheduleAtFixedRate(this::checkProgress, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
        long now = System.nanoTime();
        if (now - windowStart < windowNanos) {
            return;
        }
        if (inWindow.get() < minBytes) {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is how the blocked read is ended; its own error reports it
            }
            check.cancel(false);
        } else {
            inWindow.set(0);
            windowStart = now;
        }
    }

    private IOException gaveUp() {
        return new IOException(String.format(
                java.util.Locale.ROOT, "less than %d bytes in %.3g s; gave up", minBytes, windowNanos / 1e9));
    }

    private int progress(int n, boolean single) throws IOException {
        if (stalled) {
            throw gaveUp();
        }
        if (n > 0 || (single && n >= 0)) {
            inWindow.addAndGet(single ? 1 : n);
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        try {
            return progress(super.read(), true);
        } catch (IOException e) {
            throw stalled ? gaveUp() : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return progress(super.read(b, off, len), false);
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
