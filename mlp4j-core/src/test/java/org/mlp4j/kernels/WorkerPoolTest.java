package org.mlp4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int round = 0; round < 200; round++) {
                    int n = 1 + round * 7 % 500;
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    pool.parallelFor(n, 1 + round % 9, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertThat(hits.get(i))
                                .as("threads %d round %d index %d", threads, round, i)
                                .isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void exceptionsReachTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.parallelFor(100, 1, (from, to) -> {
                        if (from <= 77 && 77 < to) {
                            throw new IllegalStateException("boom at 77");
                        }
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom at 77");
            // and the pool still works afterwards
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            pool.parallelFor(10, 1, (from, to) -> hits.incrementAndGet(from));
            assertThat(hits.get(9)).isEqualTo(1);
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThatThrownBy(() -> new WorkerPool(0)).hasMessageContaining("threads");
    }

    /** The names of the threads that ran chunks of a loop of 64 chunks of half a millisecond each. */
    private static Set<String> threadsOfALoop(WorkerPool pool, AtomicIntegerArray hits) {
        Set<String> ran = ConcurrentHashMap.newKeySet();
        pool.parallelFor(64, 1, (from, to) -> {
            ran.add(Thread.currentThread().getName());
            hits.incrementAndGet(from);
            long until = System.nanoTime() + 500_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        return ran;
    }

    @Test
    void whileTheJitIsBusyOneCoreIsLeftToIt() {
        JitWarmUpTest.Clocks clocks = new JitWarmUpTest.Clocks();
        String caller = Thread.currentThread().getName();
        // two cores, two threads: while busy, the caller alone
        try (WorkerPool pool = new WorkerPool(2, 2, clocks.watch())) {
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            for (int loop = 0; loop < 5; loop++) {
                clocks.wallMillis += 20;
                clocks.compileMillis += 20;
                assertThat(threadsOfALoop(pool, hits)).as("loop %d", loop).containsExactly(caller);
            }
            clocks.wallMillis += 20; // nothing compiled in this window: quiet
            assertThat(threadsOfALoop(pool, hits)).contains(caller, "mlp4j-worker-1");
            for (int i = 0; i < 64; i++) {
                assertThat(hits.get(i)).as("index %d", i).isEqualTo(6);
            }
        }
        // four threads on three cores: while busy, the caller and one worker, then all four
        clocks.wallMillis = 0;
        clocks.compileMillis = 0;
        try (WorkerPool pool = new WorkerPool(4, 3, clocks.watch())) {
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            for (int loop = 0; loop < 5; loop++) {
                clocks.wallMillis += 20;
                clocks.compileMillis += 20;
                assertThat(threadsOfALoop(pool, hits)).as("loop %d", loop).isSubsetOf(caller, "mlp4j-worker-1");
            }
            clocks.wallMillis += 20;
            Set<String> all = ConcurrentHashMap.newKeySet();
            for (int loop = 0; loop < 5; loop++) {
                all.addAll(threadsOfALoop(pool, hits));
            }
            assertThat(all).contains("mlp4j-worker-2", "mlp4j-worker-3");
            for (int i = 0; i < 64; i++) {
                assertThat(hits.get(i)).as("index %d", i).isEqualTo(10);
            }
        }
    }
}
