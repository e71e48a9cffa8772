package org.mlp4j.kernels;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether the JIT is still compiling, judged from the compilers' accumulated time: busy while that time
 * grew by at least a quarter of the wall time over the last {@value #WINDOW_MILLIS} ms (a quarter of one
 * compiler thread), and from the start until the first window has passed. Quiet once is quiet for good, and
 * it is never busy for more than {@value #MAX_MILLIS} ms: a JIT kept busy by another program's code in the
 * same JVM does not hold training back for long. The JVM's watch is one for all its pools: a pool made after
 * the warm-up (a Spark task's each round, an evaluation's) runs on all its threads from its first loop.
 *
 * <p>Why it matters: the Vector API's kernels run 10–50 times slower until C2 has compiled them, and on a
 * machine with no core to spare the compiler threads share the cores with training. A {@link WorkerPool}
 * that leaves one core to the compilers while they are busy has them compiled sooner (measured in
 * docs/benchmarks.md, "The first epoch's warm-up").
 */
final class JitWarmUp {
    /** The length of the window over which the compilers' time is compared with the wall time. */
    static final long WINDOW_MILLIS = 20;
    /** The longest a pool waits for the JIT, from the watch's start. */
    static final long MAX_MILLIS = 4_000;

    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private final long start;
    private long sampledAt;
    private long compiledAt;
    private boolean over;

    /** This JVM's watch, made when a pool first asks (the holder's class is initialised then, once). */
    private static final class ThisJvm {
        static final JitWarmUp WATCH = of(ManagementFactory.getCompilationMXBean());
    }

    /**
     * A watch over the given clocks.
     *
     * @param compileMillis the compilers' accumulated time, in milliseconds
     * @param nanoTime the wall clock, in nanoseconds
     */
    JitWarmUp(LongSupplier compileMillis, LongSupplier nanoTime) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.sampledAt = start;
        this.compiledAt = compileMillis.getAsLong();
    }

    /**
     * This JVM's watch of its compilers (the same one for every caller), or null where the JVM does not report
     * their time.
     *
     * @return the watch, or null
     */
    static JitWarmUp ofThisJvm() {
        return ThisJvm.WATCH;
    }

    /**
     * A watch of these compilers, or null when there are none or they do not report their time.
     *
     * @param jit the compilers
     * @return the watch, or null
     */
    static JitWarmUp of(CompilationMXBean jit) {
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return null;
        }
        return new JitWarmUp(jit::getTotalCompilationTime, System::nanoTime);
    }

    /**
     * Whether the JIT is still busy; it samples the clocks at most once a window.
     *
     * @return true while busy
     */
    synchronized boolean busy() {
        if (over) {
            return false;
        }
        long now = nanoTime.getAsLong();
        long wall = (now - sampledAt) / 1_000_000;
        if (wall < WINDOW_MILLIS) {
            return true;
        }
        long compiled = compileMillis.getAsLong();
        boolean quiet = 4 * (compiled - compiledAt) < wall;
        sampledAt = now;
        compiledAt = compiled;
        over = quiet || (now - start) / 1_000_000 >= MAX_MILLIS;
        return !over;
    }
}
