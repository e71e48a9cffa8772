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
 *
 * <p>A pool with a thread for every core leaves one core to the JIT's compilers while they are busy (at the
 * start of a run, for at most a few seconds: {@link JitWarmUp}): the kernels reach compiled code sooner than
 * if training took both cores from the compilers. Which threads run the chunks changes nothing computed.
 * {@code -Dmlp4j.jitWarmUp=false} turns this off (the tests of other thread counts do).
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
    /** The most threads a pool takes: a loop's helpers are counted in 16 bits of {@link #generation}. */
    static final int MAX_THREADS = 1 << 16;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private RangeTask task;
    private int size;
    private int grain;
    /**
     * The loop's number, times 2^16, plus the number of workers that help with it: one volatile read gives a
     * worker both, so it never pairs one loop's number with another's helpers.
     */
    private volatile long generation;

    private volatile Throwable failure;
    private volatile boolean closed;
    /** While the JIT compiles on a machine with no core to spare; null once it is done, or when not watched. */
    private JitWarmUp warmUp;

    private int cores;

    /**
     * A pool of {@code threads} threads in all, the caller included; 1 runs everything inline.
     *
     * @param threads the number of threads, 1 to 65,536
     */
    public WorkerPool(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads: expected 1 to " + MAX_THREADS + ", found " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            int index = t;
            Thread th = new Thread(() -> workerLoop(index), "mlp4j-worker-" + (t + 1));
            th.setDaemon(true);
            workers[t] = th;
            th.start();
        }
        this.cores = defaultThreads();
        boolean watch =
                workers.length > 0 && threads >= cores && !"false".equals(System.getProperty("mlp4j.jitWarmUp"));
        this.warmUp = watch ? JitWarmUp.ofThisJvm() : null;
    }

    /** A pool on {@code cores} cores that leaves one of them to the JIT while {@code jit} says it is busy; for tests. */
    WorkerPool(int threads, int cores, JitWarmUp jit) {
        this(threads);
        this.cores = cores;
        this.warmUp = jit;
    }

    /** The workers that help with the next loop: while the JIT is busy, as many as leave it one core. */
    private int helpers() {
        if (warmUp != null && warmUp.busy()) {
            return Math.max(0, Math.min(workers.length, cores - 2));
        }
        warmUp = null;
        return workers.length;
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
        int helping = helpers();
        busyWorkers.set(helping);
        // a volatile write: publishes task, size and grain to the workers
        generation = ((generation >>> 16) + 1) << 16 | helping;
        for (int t = 0; t < helping; t++) {
            LockSupport.unpark(workers[t]);
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

    private void workerLoop(int index) {
        long seen = 0;
        while (!closed) {
            long gen = generation;
            if (gen != seen) {
                seen = gen;
                if (index >= (int) (gen & 0xFFFF)) {
                    continue; // not helping with this loop
                }
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
