package org.mlp4j.cli;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body chunk by chunk as it arrives, for {@link PredictionServer}, counting the bytes actually
 * received against the budget of all bodies and against the client's share of it. Counting the declared
 * Content-Length instead let 64 connections that declared 1 MiB each and sent a byte every 5 s (13 B/s) hold
 * the whole budget: every other POST got 503. Nothing is allocated for bytes not yet received.
 */
final class BodyReader implements Runnable {
    /** The body, or a {@link Refused} or {@link Stalled} failure. */
    final CompletableFuture<byte[]> done = new CompletableFuture<>();

    private final Request request;
    private final String client;
    private final Budget budget;
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    private long held;
    private boolean released;

    BodyReader(Request request, String client, Budget budget) {
        this.request = request;
        this.client = client;
        this.budget = budget;
    }

    /** The bytes all bodies being received may hold, in all and per client address, and what they hold. */
    static final class Budget {
        final int maxBody;
        final long maxBuffered;
        final long clientShare;
        final AtomicLong buffered = new AtomicLong();
        final ConcurrentHashMap<String, Long> perClient = new ConcurrentHashMap<>();

        Budget(int maxBody, long maxBuffered, long clientShare) {
            this.maxBody = maxBody;
            this.maxBuffered = maxBuffered;
            this.clientShare = clientShare;
        }
    }

    /** A body refused while it arrived, with the status that says why. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Jetty's idle timeout fired while a body was being received. */
    static final class Stalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stalled(Throwable cause) {
            super("stalled", cause, false, false);
        }
    }

    @Override
    public void run() {
        while (!done.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable f = chunk.getFailure();
                done.completeExceptionally(f instanceof TimeoutException ? new Stalled(f) : f);
                return;
            }
            boolean last = chunk.isLast(); // read before release: a released chunk may be reused
            try {
                int n = chunk.remaining();
                if (n > 0 && !take(n)) {
                    return;
                }
                ByteBuffer b = chunk.getByteBuffer();
                byte[] copy = new byte[n];
                b.get(copy);
                bytes.write(copy, 0, n);
            } finally {
                chunk.release();
            }
            if (last) {
                done.complete(bytes.toByteArray());
                return;
            }
        }
    }

    /** Counts n more bytes received; false (and the body refused) when a limit is passed. */
    private synchronized boolean take(int n) {
        if (released) {
            return false; // answered already (the deadline passed): nothing more is kept
        }
        if (held + n > budget.maxBody) {
            done.completeExceptionally(
                    new Refused(413, "request body: expected at most " + budget.maxBody + " bytes, found more"));
            return false;
        }
        held += n;
        long clientTotal = budget.perClient.merge(client, (long) n, Long::sum);
        long total = budget.buffered.addAndGet(n);
        if (clientTotal > budget.clientShare) {
            done.completeExceptionally(new Refused(
                    503,
                    "busy: this client's bodies being received already hold " + budget.clientShare
                            + " bytes; try again"));
            return false;
        }
        if (total > budget.maxBuffered) {
            done.completeExceptionally(new Refused(
                    503,
                    "busy: " + budget.maxBuffered + " bytes of request bodies are already being received; try again"));
            return false;
        }
        return true;
    }

    /** Gives back what this body held of the budgets (once, when it is answered or abandoned). */
    synchronized void release() {
        released = true;
        if (held > 0) {
            long h = held;
            budget.buffered.addAndGet(-h);
            budget.perClient.compute(client, (k, v) -> v == null || v - h <= 0 ? null : v - h);
            held = 0;
        }
    }
}
