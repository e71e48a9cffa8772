package org.mlp4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of threads for data-parallel loops, built for the short, frequent loops of training
 * (a few per minibatch, each well under a millisecond) where handing tasks to an executor would cost
 * more than the work.
 *
 * <p>{@link #parallelFor} hands out index chunks from a shared counter; the calling thread works too.
 * Which thread runs an index never changes what is computed for it (tasks write disjoint outputs and
 * each output's arithmetic is fixed), so results are bitwise identical for any thread count.
 *
 * <p>Idle workers spin for a few tens of microseconds, then park: they never spin against another pool
 * for long, and an idle pool costs nothing.
 */
public final class WorkerPool implements AutoCloseable {

    /** A loop body over the index range [from, to). */
    @FunctionalInterface
    public interface RangeTask {
        /**
         * Runs the indices [from, to) of a parallel loop.
         *
         * @param from the first index
         * @param to the end index (exclusive)
         */
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private RangeTask task;
    private int size;
    private int grain;
    private volatile long generation;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * A pool of {@code threads} threads in all, the caller included; 1 runs everything inline.
     *
     * @param threads the number of threads, at least 1
     */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, found " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            Thread th = new Thread(this::workerLoop, "mlp4j-worker-" + (t + 1));
            th.setDaemon(true);
            workers[t] = th;
            th.start();
        }
    }

    /**
     * The number of available processors.
     *
     * @return the count
     */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The number of threads, the caller included.
     *
     * @return the count
     */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [0, n) in chunks of at most {@code grain} indices, on all threads, and
     * returns when every chunk is done. An exception thrown by any chunk is rethrown here.
     *
     * @param n the number of indices
     * @param grain the most indices per chunk
     * @param body what to run on each chunk
     */
    public synchronized void parallelFor(int n, int grain, RangeTask body) {
        if (n <= 0) {
            return;
        }
        int g = Math.max(1, grain);
        if (workers.length == 0 || n <= g) {
            body.run(0, n);
            return;
        }
        this.task = body;
        this.size = n;
        this.grain = g;
        this.failure = null;
        next.set(0);
        busyWorkers.set(workers.length);
        generation = generation + 1; // volatile write: publishes task, size and grain to the workers
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            drain(body, n, g);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        while (busyWorkers.get() != 0) {
            Thread.onSpinWait();
        }
        this.task = null;
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            throw (Error) f;
        }
    }

    private void drain(RangeTask body, int n, int g) {
        int from;
        while ((from = next.getAndAdd(g)) < n) {
            body.run(from, Math.min(n, from + g));
        }
    }

    private void workerLoop() {
        long seen = 0;
        while (!closed) {
            long gen = generation;
            if (gen != seen) {
                seen = gen;
                try {
                    drain(task, size, grain);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    busyWorkers.decrementAndGet();
                }
                continue;
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            if (generation == seen && !closed) {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
