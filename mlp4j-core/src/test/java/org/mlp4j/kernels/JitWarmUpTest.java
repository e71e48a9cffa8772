package org.mlp4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    /** Clocks the test moves by hand: the wall clock in milliseconds, the compilers' time in milliseconds. */
    static final class Clocks {
        long wallMillis;
        long compileMillis;
        int compileReads;

        JitWarmUp watch() {
            return new JitWarmUp(
                    () -> {
                        compileReads++;
                        return compileMillis;
                    },
                    () -> wallMillis * 1_000_000);
        }
    }

    @Test
    void busyUntilTheFirstWindowHasPassed() {
        Clocks c = new Clocks();
        JitWarmUp jit = c.watch();
        c.wallMillis = JitWarmUp.WINDOW_MILLIS - 1;
        assertThat(jit.busy()).as("no window yet, though nothing compiled").isTrue();
        c.wallMillis = JitWarmUp.WINDOW_MILLIS;
        assertThat(jit.busy()).as("a window with nothing compiled").isFalse();
    }

    @Test
    void busyWhileTheCompilersTakeAQuarterOfTheWallTime() {
        Clocks c = new Clocks();
        JitWarmUp jit = c.watch();
        c.wallMillis = 20;
        c.compileMillis = 5; // exactly a quarter: busy
        assertThat(jit.busy()).isTrue();
        c.wallMillis = 60;
        c.compileMillis = 15; // 10 ms in 40: busy
        assertThat(jit.busy()).isTrue();
        c.wallMillis = 100;
        c.compileMillis = 24; // 9 ms in 40: under a quarter, quiet
        assertThat(jit.busy()).isFalse();
    }

    @Test
    void quietOnceIsQuietForGood() {
        Clocks c = new Clocks();
        JitWarmUp jit = c.watch();
        c.wallMillis = 20;
        c.compileMillis = 4;
        assertThat(jit.busy()).isFalse();
        c.wallMillis = 40;
        c.compileMillis = 40; // compiling flat out again
        assertThat(jit.busy()).isFalse();
        assertThat(c.compileReads).as("no more reads once over").isEqualTo(2);
    }

    @Test
    void samplesAtMostOnceAWindow() {
        Clocks c = new Clocks();
        JitWarmUp jit = c.watch();
        for (int ms = 0; ms < 20; ms++) {
            c.wallMillis = ms;
            assertThat(jit.busy()).isTrue();
        }
        assertThat(c.compileReads).as("only the start's read").isEqualTo(1);
        c.wallMillis = 20;
        c.compileMillis = 20;
        assertThat(jit.busy()).isTrue();
        c.wallMillis = 39;
        c.compileMillis = 20; // nothing compiled, but the window is not over: still busy, not sampled
        assertThat(jit.busy()).isTrue();
        assertThat(c.compileReads).isEqualTo(2);
    }

    @Test
    void neverBusyLongerThanTheLimit() {
        Clocks c = new Clocks();
        long t0 = 7_000; // the limit counts from the watch's start, not from the clock's zero
        c.wallMillis = t0;
        JitWarmUp jit = c.watch();
        for (long ms = 20; ms < JitWarmUp.MAX_MILLIS; ms += 20) {
            c.wallMillis = t0 + ms;
            c.compileMillis = ms; // one compiler thread busy throughout
            assertThat(jit.busy()).as("at %d ms", ms).isTrue();
        }
        c.wallMillis = t0 + JitWarmUp.MAX_MILLIS;
        c.compileMillis = JitWarmUp.MAX_MILLIS;
        assertThat(jit.busy()).isFalse();
    }

    @Test
    void thisJvmReportsItsCompilersToOneWatch() {
        JitWarmUp watch = JitWarmUp.ofThisJvm();
        assertThat(watch).as("HotSpot reports the compilation time").isNotNull();
        assertThat(JitWarmUp.ofThisJvm()).as("one watch for the JVM's pools").isSameAs(watch);
    }

    /** Compilers that report {@code millis} as their time, when they report it. */
    private static java.lang.management.CompilationMXBean compilers(boolean reports, long millis) {
        return new java.lang.management.CompilationMXBean() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isCompilationTimeMonitoringSupported() {
                return reports;
            }

            @Override
            public long getTotalCompilationTime() {
                return millis;
            }

            @Override
            public javax.management.ObjectName getObjectName() {
                return null;
            }
        };
    }

    @Test
    void noWatchWithoutCompilersThatReportTheirTime() {
        assertThat(JitWarmUp.of(null)).isNull();
        assertThat(JitWarmUp.of(compilers(false, 0))).isNull();
        JitWarmUp watch = JitWarmUp.of(compilers(true, 7));
        assertThat(watch).isNotNull();
        assertThat(watch.busy()).as("within its first window").isTrue();
    }
}
