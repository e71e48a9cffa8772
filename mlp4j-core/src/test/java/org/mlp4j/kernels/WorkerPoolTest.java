package org.mlp4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
